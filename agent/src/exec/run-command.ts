// The one way the agent runs an OS command: an argument array (never a
// shell), a timeout, an output cap, and the exit code kept, because several
// tools use non-zero codes for normal answers (dnf check-update exits 100).
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join, isAbsolute } from 'node:path';

export interface CommandResult {
  /** Executable that ran (resolved path). */
  command: string;
  args: string[];
  stdout: string;
  stderr: string;
  /** Exit status; null when the process was killed by a signal or timed out. */
  exitCode: number | null;
  timedOut: boolean;
  /** True when stdout or stderr hit the output cap and was cut. */
  truncated: boolean;
  durationMs: number;
}

/** The command could not be started at all (missing on PATH, not executable). */
export interface CommandNotFound {
  command: string;
  args: string[];
  notFound: true;
  message: string;
}

export type RunOutcome = CommandResult | CommandNotFound;

export interface RunOptions {
  timeoutMs?: number;
  maxOutputBytes?: number;
  env?: NodeJS.ProcessEnv;
  /**
   * stdout encoding; PowerShell redirected output may be UTF-16LE. A function
   * decodes stdout and stderr both (console tools writing in a code page).
   */
  encoding?: 'utf8' | 'utf16le' | ((bytes: Buffer) => string);
}

export type RunCommand = (command: string, args: string[], options?: RunOptions) => Promise<RunOutcome>;

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

export function isNotFound(outcome: RunOutcome): outcome is CommandNotFound {
  return 'notFound' in outcome;
}

/** Finds an executable on PATH the way a shell would, without a shell. */
export function findOnPath(command: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (isAbsolute(command) || command.includes('/')) return isExecutable(command) ? command : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function createRunCommand(defaults: RunOptions = {}): RunCommand {
  return (command, args, options = {}) => runCommand(command, args, { ...defaults, ...options });
}

export function runCommand(command: string, args: string[], options: RunOptions = {}): Promise<RunOutcome> {
  const env = options.env ?? process.env;
  const resolved = findOnPath(command, env);
  if (!resolved) {
    return Promise.resolve({ command, args, notFound: true, message: `${command} not found on PATH` });
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const cap = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(resolved, args, {
      shell: false,
      env: { ...env, LC_ALL: env.TANDEM_KEEP_LOCALE ? env.LC_ALL : 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let truncated = false;
    let timedOut = false;
    const collect = (chunks: Buffer[], size: number, chunk: Buffer): number => {
      const room = cap - size;
      if (room <= 0) {
        truncated = true;
        return size;
      }
      if (chunk.length > room) truncated = true;
      chunks.push(chunk.subarray(0, room));
      return size + Math.min(room, chunk.length);
    };
    child.stdout.on('data', (c: Buffer) => { outBytes = collect(out, outBytes, c); });
    child.stderr.on('data', (c: Buffer) => { errBytes = collect(err, errBytes, c); });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ command, args, notFound: true, message: `${command} could not be started: ${e.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        command: resolved,
        args,
        stdout: typeof options.encoding === 'function' ? options.encoding(Buffer.concat(out)) : decode(Buffer.concat(out), options.encoding),
        stderr: typeof options.encoding === 'function' ? options.encoding(Buffer.concat(err)) : decode(Buffer.concat(err), 'utf8'),
        exitCode: timedOut ? null : code,
        timedOut,
        truncated,
        durationMs: Date.now() - started,
      });
    });
  });
}

/** Decodes tool output, honouring a byte-order mark whatever was asked for. */
export function decode(bytes: Buffer, encoding: 'utf8' | 'utf16le' = 'utf8'): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString(encoding);
}

/** A one-line, human explanation of why a command gave no usable answer, or null if it did. */
export function failureReason(outcome: RunOutcome): string | null {
  if (isNotFound(outcome)) return outcome.message;
  if (outcome.timedOut) return `${outcome.command} timed out after ${outcome.durationMs} ms`;
  return null;
}
