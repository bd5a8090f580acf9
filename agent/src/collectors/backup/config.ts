import { z } from 'zod';

/**
 * Backup providers the agent can be told to watch, several at once. Each
 * entry is one job; `name` defaults to the provider type. Secrets are never
 * put in this file: restic and borg read them from a file or the service
 * environment named here.
 */
const name = z.string().min(1).optional();

const fileFreshness = z.object({
  type: z.literal('file-freshness'),
  name,
  /** A folder, a file, or a glob (`*`, `**`, `?`) whose newest match is the last backup. */
  path: z.string().min(1),
}).strict();

const restic = z.object({
  type: z.literal('restic'),
  name,
  repository: z.string().min(1),
  /** File holding the repository password (RESTIC_PASSWORD_FILE). */
  passwordFile: z.string().min(1).optional(),
  /** Only snapshots with this host name (default: any). */
  host: z.string().min(1).optional(),
  /** Only snapshots with all these tags. */
  tags: z.array(z.string().min(1)).optional(),
}).strict();

const borg = z.object({
  type: z.literal('borg'),
  name,
  repository: z.string().min(1),
  /** File holding the passphrase (given to borg as BORG_PASSCOMMAND=cat <file>). */
  passphraseFile: z.string().min(1).optional(),
  /** Only archives whose name starts with this prefix. */
  prefix: z.string().min(1).optional(),
}).strict();

const timeMachine = z.object({ type: z.literal('time-machine'), name }).strict();

const windowsServerBackup = z.object({ type: z.literal('windows-server-backup'), name }).strict();

const veeam = z.object({ type: z.literal('veeam'), name, job: z.string().min(1).optional() }).strict();

export const backupProviderSchema = z.discriminatedUnion('type', [fileFreshness, restic, borg, timeMachine, windowsServerBackup, veeam]);

export type BackupProviderConfig = z.infer<typeof backupProviderSchema>;
export type BackupProviderType = BackupProviderConfig['type'];
export type ProviderConfigOf<T extends BackupProviderType> = Extract<BackupProviderConfig, { type: T }>;
