// A source is one tool's answer about one topic, declared once: its name, the
// OS it runs on, the command the collector runs and the pure parser of what
// that command prints. The topic's collector runs `command` through
// `runSource` and hands the output to `parse`; `tandem-agent parse <name>`
// and the recorded cases in `<topic>/testdata/<name>/` call the same `parse`.
import { readFile } from 'node:fs/promises';
import type { BackupStatus, OsFamily, PatchStatus, SecurityStatus } from '@tandem/proto';
import type { CollectContext } from './collector.js';
import type { RunOptions } from '../exec/run-command.js';
import { failureReason, isNotFound } from '../exec/run-command.js';
import type { ParseOptions, ToolOutput } from '../parse/parse-source.js';
import { powerShellArgs } from '../parse/powershell-json.js';
import { decodeConsole, oemCodePageFromReg } from '../parse/code-page.js';

/** What a source's parser returns: the whole topic object it feeds. */
export interface SourceFacts {
  patch: PatchStatus;
  security: SecurityStatus;
  backup: BackupStatus;
}

export type SourceTopic = keyof SourceFacts;

/**
 * What the collector runs: a program with its arguments (never through a
 * shell), or an OS file it reads. An argument written `<name>` is filled from
 * configuration by `runSource(…, { fill: { name } })`.
 */
export type SourceCommand =
  | { argv: readonly [string, ...string[]] }
  | { file: string };

export interface Source<T extends SourceTopic = SourceTopic> {
  /** Stable name: `tandem-agent parse <name>` and the testdata folder. */
  name: string;
  os: OsFamily;
  topic: T;
  command: SourceCommand;
  /**
   * 'oem': a Windows console tool that writes in the console's OEM code page
   * (850 on German, French, Spanish, Italian and Dutch Windows), decoded with
   * that code page rather than as UTF-8.
   */
  encoding?: 'oem';
  /**
   * Facts under the topic: everything this source cannot tell is null (or an
   * empty list); output that says the tool failed gives `state: 'unknown'`
   * with a reason quoting it. Pure; never throws.
   */
  parse(output: ToolOutput, options: ParseOptions): SourceFacts[T];
}

/** Declares a source; the identity, so each declaration is checked against `Source`. */
export function defineSource<T extends SourceTopic>(source: Source<T>): Source<T> {
  return source;
}

/** A PowerShell script as a source command: no profile, never a prompt. */
export function powerShellCommand(script: string): SourceCommand {
  return { argv: ['powershell.exe', ...powerShellArgs(script)] };
}

/** The program and arguments the collector runs, placeholders filled. */
export function commandArgv(source: Source, fill: Readonly<Record<string, string>> = {}): [string, ...string[]] {
  if (!('argv' in source.command)) throw new Error(`source ${source.name} reads a file, not a command`);
  const [program, ...args] = source.command.argv;
  const filled = args.map((a) => {
    const m = /^<([\w-]+)>$/.exec(a);
    if (!m) return a;
    const value = fill[m[1] ?? ''];
    if (value === undefined) throw new Error(`source ${source.name}: no value for ${a}`);
    return value;
  });
  return [program, ...filled];
}

/** The command as one line a technician reads (`tandem-agent parse --list`). */
export function describeCommand(command: SourceCommand): string {
  if ('file' in command) return `(reads ${command.file})`;
  const [program, ...args] = command.argv;
  if (program === 'powershell.exe') {
    // The script's last line is the query; the prelude ahead of it is the same for every script.
    const script = args[args.length - 1] ?? '';
    const lines = script.split('\n').map((l) => l.trim()).filter(Boolean);
    const query = lines.length > 2 ? `${lines[1]} … ${lines[lines.length - 1]}` : (lines[lines.length - 1] ?? '');
    return `powershell.exe -Command ${query.length > 160 ? `${query.slice(0, 159)}…` : query}`;
  }
  return [program, ...args].join(' ');
}

export type SourceRun =
  /** The command ran (whatever its exit code) or the file was read. */
  | { kind: 'output'; output: ToolOutput; truncated: boolean }
  /** The program is not installed, or the file does not exist. */
  | { kind: 'missing'; reason: string }
  /** It could not give an answer: could not be started, timed out, file unreadable. */
  | { kind: 'failed'; reason: string };

export interface RunSourceOptions extends Omit<RunOptions, 'encoding'> {
  /** Values for the command's `<name>` arguments. */
  fill?: Readonly<Record<string, string>>;
  /** Arguments after the declared ones (optional filters from configuration). */
  extraArgs?: readonly string[];
  /** Runs this program instead of the declared one (yum for dnf, a fixed path found at run time). */
  program?: string;
  /** Runs the declared command as a subcommand of this program (`dnf needs-restarting -r`). */
  via?: string;
}

/** Runs what a source declares, through the agent's one command runner. */
export async function runSource(ctx: CollectContext, source: Source, options: RunSourceOptions = {}): Promise<SourceRun> {
  if ('file' in source.command) {
    const path = source.command.file;
    try {
      return { kind: 'output', output: { stdout: await readFile(ctx.osPath(path), 'utf8'), stderr: '', exitCode: 0 }, truncated: false };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { kind: 'missing', reason: `${path} does not exist` };
      return { kind: 'failed', reason: `${path} could not be read: ${code ?? (err as Error).message}` };
    }
  }
  const { fill, extraArgs = [], program, via, ...runOptions } = options;
  const [declared, ...args] = commandArgv(source, fill);
  const argv = via ? [via, declared, ...args] : [program ?? declared, ...args];
  const encoding = source.encoding === 'oem' ? await oemDecoder(ctx) : undefined;
  const outcome = await ctx.run(argv[0] ?? declared, [...argv.slice(1), ...extraArgs], encoding ? { ...runOptions, encoding } : runOptions);
  if (isNotFound(outcome)) {
    // "could not be started" (permissions, bad interpreter) is a failure, not an absence.
    return /not found/i.test(outcome.message) ? { kind: 'missing', reason: outcome.message } : { kind: 'failed', reason: outcome.message };
  }
  const failed = failureReason(outcome);
  if (failed) return { kind: 'failed', reason: failed };
  return { kind: 'output', output: { stdout: outcome.stdout, stderr: outcome.stderr, exitCode: outcome.exitCode }, truncated: outcome.truncated };
}

const OEM_CODE_PAGE_KEY = ['reg.exe', 'query', 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage', '/v', 'OEMCP'] as const;
const oemCodePages = new WeakMap<CollectContext['run'], Promise<number | null>>();

/**
 * The computer's OEM code page (what GetOEMCP returns, from the registry),
 * asked once per runner; null when it cannot be read (not Windows, reg.exe
 * missing), and the decoder then falls back to code page 850.
 */
export function oemCodePage(ctx: Pick<CollectContext, 'run' | 'platform'>): Promise<number | null> {
  if (ctx.platform !== 'win32') return Promise.resolve(null);
  let known = oemCodePages.get(ctx.run);
  if (!known) {
    const [program, ...args] = OEM_CODE_PAGE_KEY;
    known = ctx.run(program, args).then((o) => (isNotFound(o) || o.exitCode !== 0 ? null : oemCodePageFromReg(o.stdout)), () => null);
    oemCodePages.set(ctx.run, known);
  }
  return known;
}

async function oemDecoder(ctx: CollectContext): Promise<(bytes: Buffer) => string> {
  const codePage = await oemCodePage(ctx);
  return (bytes) => decodeConsole(bytes, codePage);
}
