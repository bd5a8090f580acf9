import type {
  BackupStatus, DiskStatus, Inventory, OsFamily, PatchStatus, SecurityStatus, Topic,
} from '@tandem/proto';
import type { RunCommand } from '../exec/run-command.js';
import type { AgentConfig } from '../config.js';

/** What every collector gets: the OS it acts as, the one command runner, a clock, the config. */
export interface CollectContext {
  platform: OsFamily;
  run: RunCommand;
  now: () => Date;
  config: AgentConfig;
  env: NodeJS.ProcessEnv;
  /** Zone for tools that print local times without an offset. */
  timeZone: string;
  /**
   * Maps an absolute OS path (e.g. `/var/run/reboot-required`) to where it is
   * read. Identity in production; tests point it into a recorded file tree
   * via TANDEM_FS_ROOT. Every fixed OS file a collector reads goes through it.
   */
  osPath: (path: string) => string;
}

export interface TopicResult {
  inventory: Inventory;
  patch: PatchStatus;
  disk: DiskStatus;
  backup: BackupStatus;
  security: SecurityStatus;
}

/**
 * A collector reads one topic. It never throws for an OS problem and never
 * omits what it could not read: it returns `state: 'unknown'` with a reason.
 */
export interface Collector<T extends Topic = Topic> {
  topic: T;
  collect(ctx: CollectContext): Promise<TopicResult[T]>;
}
