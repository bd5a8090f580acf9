// Puts small executables on a PATH folder that replay recorded tool output,
// so the real agent CLI runs every OS's collectors on any machine.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakeAnswer {
  /** Substring that must appear in the joined arguments; omit to match anything. */
  match?: string;
  /** Recorded file copied to stdout byte for byte. */
  stdoutFile?: string;
  stdout?: string;
  stderr?: string;
  exitCode?: number;
}

/** program name (e.g. `apt`, `powershell.exe`) -> answers, first match wins. */
export type FakePrograms = Record<string, FakeAnswer[]>;

function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Creates a folder of fake programs; returns it (put it first on PATH). */
export function createFakeBin(programs: FakePrograms, root = mkdtempSync(join(tmpdir(), 'tandem-fakebin-'))): string {
  const bin = join(root, 'bin');
  const data = join(root, 'data');
  mkdirSync(bin, { recursive: true });
  mkdirSync(data, { recursive: true });
  let n = 0;
  for (const [program, answers] of Object.entries(programs)) {
    const lines = ['#!/bin/sh', 'args="$*"'];
    for (const a of answers) {
      const id = n++;
      const cond = a.match === undefined ? 'true' : `case "$args" in *${shQuote(a.match)}*) true;; *) false;; esac`;
      lines.push(`if ${cond}; then`);
      if (a.stdoutFile) {
        copyFileSync(a.stdoutFile, join(data, `${id}.out`));
        lines.push(`  /bin/cat ${shQuote(join(data, `${id}.out`))}`);
      } else if (a.stdout !== undefined) {
        writeFileSync(join(data, `${id}.out`), a.stdout);
        lines.push(`  /bin/cat ${shQuote(join(data, `${id}.out`))}`);
      }
      if (a.stderr !== undefined) {
        writeFileSync(join(data, `${id}.err`), a.stderr);
        lines.push(`  /bin/cat ${shQuote(join(data, `${id}.err`))} >&2`);
      }
      lines.push(`  exit ${a.exitCode ?? 0}`, 'fi');
    }
    lines.push(`echo "fake ${program}: no recorded answer for: $args" >&2`, 'exit 127');
    const file = join(bin, program);
    writeFileSync(file, `${lines.join('\n')}\n`);
    chmodSync(file, 0o755);
  }
  return bin;
}

/**
 * A PATH with only the fake programs, so a tool this machine happens to have
 * (apt, lsblk, systemctl…) can never answer in place of a recording. The
 * fakes themselves call /bin/sh and /bin/cat by absolute path.
 */
export function fakePath(bin: string): string {
  return bin;
}
