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
