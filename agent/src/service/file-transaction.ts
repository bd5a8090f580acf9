// Files and folders written by install, undone in reverse order when a later
// step fails, so a failed install leaves the machine as it found it.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export class FileTransaction {
  private readonly undo: Array<() => void | Promise<void>> = [];
  /** Top-most folders this transaction created (uninstall --purge removes them when empty). */
  readonly createdDirs: string[] = [];

  mkdir(dir: string, mode = 0o755): void {
    let first: string | null = null;
    for (let d = dir; !existsSync(d); d = dirname(d)) first = d;
    if (!first) return;
    mkdirSync(dir, { recursive: true, mode });
    this.createdDirs.push(first);
    this.undo.push(() => rmSync(first, { recursive: true, force: true }));
  }

  /** Remembers a file's content now so that rollback restores it (or removes it if it did not exist). */
  remember(file: string): void {
    const before = existsSync(file) ? readFileSync(file) : null;
    this.undo.push(() => {
      if (before) writeFileSync(file, before);
      else rmSync(file, { force: true });
    });
  }

  /** Writes atomically (temp file + rename) with the given mode. */
  write(file: string, content: string | Buffer, mode = 0o644): void {
    this.mkdir(dirname(file));
    this.remember(file);
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, content, { mode });
    chmodSync(tmp, mode);
    renameSync(tmp, file);
  }

  copy(from: string, to: string, mode = 0o644): void {
    this.write(to, readFileSync(from), mode);
  }

  /** Any other step to take back (e.g. unregister a service). */
  onRollback(step: () => void | Promise<void>): void {
    this.undo.push(step);
  }

  async rollback(): Promise<void> {
    for (const step of this.undo.reverse()) {
      try {
        await step();
      } catch {
        // Keep undoing the rest; a half-undone install is worse than one leftover file.
      }
    }
    this.undo.length = 0;
  }
}

/** The file's text, or null when it does not exist. */
export function readIfExists(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
