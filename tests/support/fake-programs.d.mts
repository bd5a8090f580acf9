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

export function createFakeBin(programs: FakePrograms, root?: string): string;
export function fakePath(bin: string): string;
