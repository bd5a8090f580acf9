import type { BackupStatus, OsFamily, PatchStatus, SecurityStatus } from '@tandem/proto';

/** What a tool printed, as the runner (or a technician's paste) gives it. */
export interface ToolOutput {
  stdout: string;
  /** Some tools answer on stderr (apt-check) or mix both (softwareupdate). */
  stderr: string;
  /** Exit status; null when unknown or killed. */
  exitCode: number | null;
}

export interface ParseOptions {
  /** IANA zone for tools that print local times without an offset. */
  timeZone: string;
  /** Reference time for relative ages. */
  now: Date;
}

/**
 * The facts one source contributes, under the topic it feeds: a whole topic
 * object where everything this source cannot tell is `null` (or an empty
 * list), and `state: 'unknown'` with a reason when the output says the tool
 * failed. Collectors combine several sources with `combine*` helpers.
 */
export type ParsedFacts =
  | { topic: 'patch'; facts: PatchStatus }
  | { topic: 'security'; facts: SecurityStatus }
  | { topic: 'backup'; facts: BackupStatus };

/**
 * A pure parser of one tool's output, named after what it reads. The agent's
 * collectors and `tandem-agent parse` call the very same functions.
 */
export interface ParseSource {
  name: string;
  os: OsFamily;
  topic: ParsedFacts['topic'];
  /** The command whose output it reads, as a technician would type it. */
  reads: string;
  parse(output: ToolOutput, options: ParseOptions): ParsedFacts;
}
