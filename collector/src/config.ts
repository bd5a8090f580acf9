// Collector config: a YAML file, validated at load. Every problem is reported
// at once, each naming the file, the key and what was expected.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readYaml } from './yaml-text.js';
import { z } from 'zod';
import { CollectorError } from './errors.js';
import { rulesConfigSchema } from './rules/config.js';
import { routingConfigSchema } from './routing/config.js';
import { REPORTS_DEFAULTS, reportsConfigSchema } from './reports/report-config.js';
import { authConfigSchema, trustProxySchema, hstsSchema } from './auth/auth-config.js';
import { checkIngestLimits, INGEST_LIMIT_DEFAULTS, ingestLimits } from './ingest/ingest-limits.js';
import { metricsConfigSchema } from './metrics-sink/config.js';
import { RETENTION_DEFAULTS, retentionConfigSchema } from './retention/config.js';

const sqliteStore = z.object({
  kind: z.literal('sqlite'),
  /** Database file, relative to dataDir. */
  path: z.string().min(1).default('tandem.db'),
}).strict();

const postgresStore = z.object({
  kind: z.literal('postgres'),
  /** postgres://user:password@host:5432/database; `env:NAME` reads it from the environment. */
  url: z.string().min(1),
  poolSize: z.number().int().min(1).max(200).default(10),
}).strict();

export const collectorConfigSchema = z.object({
  listen: z.object({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8080),
  }).strict().default({ host: '127.0.0.1', port: 8080 }),
  /** Where the embedded store lives; relative to the config file. */
  dataDir: z.string().min(1).default('data'),
  store: z.discriminatedUnion('kind', [sqliteStore, postgresStore]).default({ kind: 'sqlite', path: 'tandem.db' }),
  /** Address agents and people use to reach this collector (for enrollment answers). */
  publicUrl: z.string().regex(/^https?:\/\/[^\s/]+(\/.*)?$/, 'expected an http:// or https:// URL').optional(),
  tls: z.object({
    certFile: z.string().min(1),
    keyFile: z.string().min(1),
  }).strict().optional(),
  limits: z.object({
    maxFrameBytes: z.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
    maxInFlight: z.number().int().min(1).max(1024).default(32),
    /** Failed credentials of one kind (API token, session, device, enrollment) per address (or claimed device) per minute before a wrong one gets 429; a valid one always passes. */
    authFailuresPerMinute: z.number().int().min(1).default(20),
    ...ingestLimits,
  }).strict().superRefine(checkIngestLimits).default({ maxFrameBytes: 1024 * 1024, maxInFlight: 32, authFailuresPerMinute: 20, ...INGEST_LIMIT_DEFAULTS }),
  heartbeatSeconds: z.number().int().min(5).max(3600).default(30),
  /**
   * Reverse proxies (addresses or CIDRs) whose X-Forwarded-For names the real
   * client. Empty (the default): the socket's peer is the client. Limits and
   * logs key on this address, so a proxy missing here makes all its clients one.
   */
  trustProxy: trustProxySchema.default([]),
  /** Strict-Transport-Security: false, or its settings; absent: sent when this collector serves TLS itself. */
  hsts: hstsSchema.optional(),
  /** Several nodes on one PostgreSQL store (see docs/CLUSTER.md); on the embedded store there is one node. */
  cluster: z.object({
    /** This node's name in logs and the node registry (a process gets it with a unique suffix); default: the host name. */
    nodeName: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'expected 1-64 letters, digits, dots, dashes or underscores').optional(),
    /** Agent WebSocket URLs handed out at enrollment, in order of preference (each node's, or the load balancer's); default: from publicUrl. */
    agentUrls: z.array(z.string().regex(/^wss?:\/\/[^\s/]+(\/.*)?$/, 'expected a ws:// or wss:// URL')).min(1).optional(),
    /** How often each node tells the others it is alive. */
    heartbeatSeconds: z.number().int().min(1).max(60).default(5),
    /** A node silent this long is dead: its agents are marked disconnected (offline detection takes them from there). */
    nodeDeadAfterSeconds: z.number().int().min(3).max(3600).default(20),
  }).strict().superRefine((c, ctx) => {
    if (c.nodeDeadAfterSeconds < 2 * c.heartbeatSeconds) ctx.addIssue({ code: 'custom', path: ['nodeDeadAfterSeconds'], message: `must be at least twice heartbeatSeconds (${c.heartbeatSeconds})` });
  }).default({ heartbeatSeconds: 5, nodeDeadAfterSeconds: 20 }),
  rules: rulesConfigSchema.default({}),
  routing: routingConfigSchema.default({}),
  reports: reportsConfigSchema.default(REPORTS_DEFAULTS),
  auth: authConfigSchema.default({
    sessions: { idleMinutes: 60, absoluteHours: 12 },
    signIn: { localPasswords: true, maxFailuresPerAddress: 20, maxFailuresPerAccount: 10, concurrentPasswordChecks: 2 },
  }),
  /** Each report's numbers to InfluxDB; off unless metrics.influx is given. */
  metrics: metricsConfigSchema.default({}),
  retention: retentionConfigSchema.default(RETENTION_DEFAULTS),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
}).strict();

export type CollectorConfig = z.infer<typeof collectorConfigSchema> & { file: string | null };

export function formatIssues(file: string, issues: z.core.$ZodIssue[]): string {
  return `invalid config ${file}:\n${issues.map((i) => `  ${file}: ${i.path.length > 0 ? i.path.join('.') : '(top level)'}: ${i.message}`).join('\n')}`;
}

export function parseCollectorConfig(text: string, file: string): CollectorConfig {
  const read = readYaml(text, file);
  if (!read.ok) throw new CollectorError('COL_ERR_CONFIG', `invalid config ${read.problem}`);
  const raw = read.value ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new CollectorError('COL_ERR_CONFIG', `invalid config ${file}: expected a mapping of keys at the top level`);
  }
  const result = collectorConfigSchema.safeParse(raw);
  if (!result.success) throw new CollectorError('COL_ERR_CONFIG', formatIssues(file, result.error.issues));
  const base = dirname(resolve(file));
  const c = result.data;
  return {
    ...c,
    dataDir: resolve(base, c.dataDir),
    tls: c.tls && { certFile: resolve(base, c.tls.certFile), keyFile: resolve(base, c.tls.keyFile) },
    rules: c.rules.file ? { ...c.rules, file: resolve(base, c.rules.file) } : c.rules,
    auth: c.auth.oidc?.clientSecretFile ? { ...c.auth, oidc: { ...c.auth.oidc, clientSecretFile: resolve(base, c.auth.oidc.clientSecretFile) } } : c.auth,
    file: resolve(file),
  };
}

export function loadCollectorConfig(file: string): CollectorConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CollectorError('COL_ERR_CONFIG', `cannot read config ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
  }
  return parseCollectorConfig(text, file);
}

export function defaultCollectorConfig(dataDir: string): CollectorConfig {
  return { ...collectorConfigSchema.parse({}), dataDir: resolve(dataDir), file: null };
}
