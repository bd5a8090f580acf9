// Agent config: a YAML file, validated at load. Every problem is reported at
// once, each naming the file, the key and what was expected.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import cron from 'node-cron';
import { TOPICS } from '@tandem/proto';
import type { Topic } from '@tandem/proto';
import { AgentError } from './errors.js';
import { MAX_YAML_DEPTH, yamlTooDeep } from './yaml-depth.js';
import { backupProviderSchema } from './collectors/backup/config.js';
import type { BackupProviderConfig } from './collectors/backup/config.js';

const cronExpression = z.string().refine((v) => cron.validate(v), { message: 'expected a cron expression such as "*/5 * * * *"' });

const wsUrl = z.string().refine((v) => /^wss?:\/\/[^\s]+$/.test(v), { message: 'expected a ws:// or wss:// URL' });

/** Cheap topics run often; package managers and OS update searches run rarely. */
export const DEFAULT_SCHEDULES: Record<Topic, string> = {
  inventory: '17 * * * *',
  disk: '*/5 * * * *',
  security: '*/15 * * * *',
  backup: '*/15 * * * *',
  patch: '41 */4 * * *',
};

const schedulesSchema = z.object(Object.fromEntries(TOPICS.map((t) => [t, cronExpression.optional()])) as Record<Topic, z.ZodOptional<typeof cronExpression>>).strict();

export const agentConfigSchema = z.object({
  /** Where credentials, sequence numbers and the spool live; relative to the config file. */
  dataDir: z.string().min(1).default('data'),
  /** Collector URLs in order of preference; overrides the URL given at enrollment. */
  collectors: z.array(wsUrl).min(1).optional(),
  schedules: schedulesSchema.default({}),
  heartbeatSeconds: z.number().int().min(5).max(3600).default(30),
  backoff: z.object({
    baseMs: z.number().int().min(10).default(1000),
    capMs: z.number().int().min(100).default(60_000),
  }).strict().default({ baseMs: 1000, capMs: 60_000 }),
  /** Reports unacknowledged this long, while some wait, raise the agent's own "delivery stuck" fact. */
  delivery: z.object({
    stuckAfterSeconds: z.number().int().min(1).max(7 * 24 * 3600).default(600),
  }).strict().default({ stuckAfterSeconds: 600 }),
  spool: z.object({
    maxBytes: z.number().int().min(64 * 1024).default(64 * 1024 * 1024),
  }).strict().default({ maxBytes: 64 * 1024 * 1024 }),
  tls: z.object({
    caFile: z.string().min(1).optional(),
    /** base64 SHA-256 of the collector certificate's public key (SPKI), as in HPKP. */
    pinSha256: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'expected a base64 SHA-256 digest (44 characters ending in =)').optional(),
  }).strict().default({}),
  backup: z.object({
    providers: z.array(backupProviderSchema).default([]),
  }).strict().default({ providers: [] }),
  /** Timeout for one OS command. */
  commandTimeoutSeconds: z.number().int().min(1).max(3600).default(120),
}).strict();

export type AgentConfig = z.infer<typeof agentConfigSchema> & {
  /** Absolute path of the file this came from, or null for defaults. */
  file: string | null;
};

export function formatIssues(file: string, issues: z.core.$ZodIssue[]): string {
  const lines = issues.map((i) => {
    const path = i.path.length > 0 ? i.path.join('.') : '(top level)';
    return `  ${file}: ${path}: ${i.message}`;
  });
  return `invalid config ${file}:\n${lines.join('\n')}`;
}

/** Parses config text; `file` is only used in messages and to resolve paths. */
export function parseAgentConfig(text: string, file: string): AgentConfig {
  if (yamlTooDeep(text)) {
    throw new AgentError('AGT_ERR_CONFIG', `invalid config ${file}: not valid YAML: nested more than ${MAX_YAML_DEPTH} levels deep`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? `:${err.linePos[0].line}:${err.linePos[0].col}` : '';
    throw new AgentError('AGT_ERR_CONFIG', `invalid config ${file}${where}: not valid YAML: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new AgentError('AGT_ERR_CONFIG', `invalid config ${file}: expected a mapping of keys at the top level`);
  }
  const result = agentConfigSchema.safeParse(raw);
  if (!result.success) throw new AgentError('AGT_ERR_CONFIG', formatIssues(file, result.error.issues));
  const config = result.data;
  const base = dirname(resolve(file));
  return {
    ...config,
    dataDir: resolve(base, config.dataDir),
    backup: { providers: config.backup.providers.map((p) => resolveProviderPaths(p, base)) },
    tls: {
      ...config.tls,
      ...(config.tls.caFile ? { caFile: resolve(base, config.tls.caFile) } : {}),
    },
    file: resolve(file),
  };
}

/** Relative file paths in a backup provider are relative to the config file, like dataDir. */
function resolveProviderPaths(provider: BackupProviderConfig, base: string): BackupProviderConfig {
  switch (provider.type) {
    case 'file-freshness':
      return { ...provider, path: resolve(base, provider.path) };
    case 'restic':
      return provider.passwordFile ? { ...provider, passwordFile: resolve(base, provider.passwordFile) } : provider;
    case 'borg':
      return provider.passphraseFile ? { ...provider, passphraseFile: resolve(base, provider.passphraseFile) } : provider;
    default:
      return provider;
  }
}

export function loadAgentConfig(file: string): AgentConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new AgentError('AGT_ERR_CONFIG', `cannot read config ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
  }
  return parseAgentConfig(text, file);
}

/** Config used when no file is given: data folder under the current directory. */
export function defaultAgentConfig(dataDir: string): AgentConfig {
  return { ...agentConfigSchema.parse({}), dataDir: resolve(dataDir), file: null };
}

export function scheduleFor(config: AgentConfig, topic: Topic): string {
  return config.schedules[topic] ?? DEFAULT_SCHEDULES[topic];
}
