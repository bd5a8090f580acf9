// The collector process: agent WebSocket endpoint, REST API, web page and
// health endpoints on one fastify server.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyError, FastifyReply } from 'fastify';
import websocket from '@fastify/websocket';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import type { CollectorConfig } from './config.js';
import { CollectorError } from './errors.js';
import type { Store } from './store/store.js';
import { openStore } from './store/open-store.js';
import { registerApi } from './api/routes.js';
import { bearerToken, CSRF_HEADER, refusal } from './api/auth.js';
import { registerOpenApi } from './api/openapi-routes.js';
import { OIDC_CALLBACK_PATH, registerSessionRoutes, registerSignInRoutes } from './api/session-routes.js';
import { registerAccountRoutes } from './api/account-routes.js';
import { registerAlertTimelineRoutes } from './api/alert-timeline-routes.js';
import { registerComplianceRoutes } from './api/compliance-routes.js';
import { registerReportRoutes } from './reports/report-routes.js';
import { createReportService } from './reports/report-service.js';
import { createReportSchedule } from './reports/report-schedule.js';
import { createCredentialLimiters } from './auth/credential-limiter.js';
import { SignInThrottle } from './auth/sign-in-throttle.js';
import { AdmissionQueue } from './auth/admission-queue.js';
import { loggableUrl, redactSecrets, redactingStream, rememberSecret } from './auth/redact.js';
import { resolveSecret } from './notify/channel-config.js';
import { registerSecurityHeaders } from './api/security-headers.js';
import { refuseUnknownFields, validationMessage } from './api/unknown-fields.js';
import { AccountStore } from './auth/account-store.js';
import { createOidcRelyingParty } from './auth/oidc.js';
import { AgentSession } from './ingest/agent-socket.js';
import type { SessionLimits } from './ingest/agent-socket.js';
import { ingestPublisher } from './ingest/events.js';
import { FairQueue } from './ingest/fair-queue.js';
import { CommitGroups } from './ingest/commit-groups.js';
import { SilenceSweep } from './ingest/silence-sweep.js';
import { releaseUpgradeRequest } from './ingest/upgraded-socket.js';
import { connectionBounds } from './ingest/ingest-limits.js';
import type { Bus } from './bus/index.js';
import { createCluster } from './cluster/cluster.js';
import type { Cluster } from './cluster/cluster.js';
import { registerUi } from './ui/routes.js';
import { createRulesStage } from './rules/index.js';
import type { RulesStage } from './rules/index.js';
import { createRoutingStage } from './routing/index.js';
import type { RoutingStage } from './routing/index.js';
import { createAlertStream } from './stream/index.js';
import { registerMetrics } from './metrics/prometheus.js';
import { createMetricsSink, storedUpdatesFirstSeen } from './metrics-sink/index.js';
import { downloadsDir, registerDownloadRoutes } from './api/download-routes.js';
import { createRetention } from './retention/index.js';

export interface CollectorServer {
  app: FastifyInstance;
  store: Store;
  /** Every stage's events (see bus/events.ts); across nodes on PostgreSQL. */
  bus: Bus;
  /** This node in its cluster: leadership of the cluster-wide timers, the node registry. */
  cluster: Cluster;
  rules: RulesStage;
  routing: RoutingStage;
  /** Resolves to the http(s) base URL once listening. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export const AGENT_PATH = '/agent/v1';

export async function createCollectorServer(config: CollectorConfig, options: { store?: Store } = {}): Promise<CollectorServer> {
  const store = options.store ?? (await openStore(config));
  // Each kind of credential has its own failure counts; none is refused for another's failures.
  const limiters = createCredentialLimiters(config.limits.authFailuresPerMinute);
  const accounts = new AccountStore(store.db);
  const throttle = new SignInThrottle({ freeFailures: config.auth.signIn.maxFailuresPerAccount, perAddress: config.auth.signIn.maxFailuresPerAddress });
  const passwordChecks = new AdmissionQueue({ concurrency: config.auth.signIn.concurrentPasswordChecks, maxWaiting: 16, maxPerKey: 4 });
  rememberConfigSecrets(config);
  // Secure cookies whenever people reach the collector over TLS, here or at a proxy in front.
  const secureCookies = !!config.tls || (config.publicUrl?.startsWith('https://') ?? false);
  const sessions = new Map<string, AgentSession>();
  const sessionTenants = new WeakMap<AgentSession, string>();
  const bounds = connectionBounds(config.limits);
  const ingestQueue = new FairQueue({
    concurrency: config.limits.ingestConcurrency, pauseAtFrames: config.limits.maxInFlight,
    pauseAtBytes: bounds.maxQueuedBytes / 2, tenantPauseAtFrames: config.limits.maxQueuedPerTenant,
  });
  const commits = new CommitGroups(store);
  // The same for every connection: one object, not one per connection.
  const sessionLimits: SessionLimits = {
    maxFrameBytes: config.limits.maxFrameBytes,
    maxInFlight: config.limits.maxInFlight,
    heartbeatSeconds: config.heartbeatSeconds,
    helloTimeoutMs: 10_000,
    ...bounds,
    maxSendBufferBytes: config.limits.maxSendBufferBytes,
  };
  // An agent silent for three heartbeat intervals is cut off (one sweep over every connection).
  const silence = new SilenceSweep({ silentAfterMs: config.heartbeatSeconds * 3000 });

  const app = Fastify({
    // Some bodies accept one of several scalar types (a threshold is a number or a duration).
    // An unknown field is refused with a 400 naming it, never silently dropped (see api/unknown-fields.ts).
    ajv: { customOptions: { allowUnionTypes: true, removeAdditional: false } },
    // Only listed proxies may say who the client is; everyone else's X-Forwarded-For is ignored.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', `req.headers["${CSRF_HEADER}"]`, 'res.headers["set-cookie"]'],
      // Credentials in a query string (a token, the OIDC callback's code) are not logged; the OIDC callback logs its path only.
      serializers: {
        req: (req: { method: string; url: string; host?: string; ip?: string }) => ({
          method: req.method, url: req.url.startsWith(OIDC_CALLBACK_PATH) ? OIDC_CALLBACK_PATH : loggableUrl(req.url), host: req.host, remoteAddress: req.ip,
        }),
      },
      // The last step of every line: any known or generated secret left in it is replaced.
      stream: redactingStream(process.stdout),
    },
    // Room for the protocol's own "frame too large" error before ws drops the connection.
    ...(config.tls ? { https: { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) } } : {}),
    bodyLimit: 1024 * 1024,
    // A malformed URL or an over-long path parameter gets the API's error shape, not fastify's own.
    frameworkErrors: (err, _req, reply) => void (reply as FastifyReply).code(err.statusCode ?? 400).send({ error: { code: 'COL_ERR_BAD_REQUEST', message: err.message } }),
  });

  refuseUnknownFields(app);
  registerSecurityHeaders(app, {
    hsts: config.hsts === undefined ? (config.tls ? { maxAgeSeconds: 15_552_000, includeSubDomains: false } : false) : config.hsts,
  });

  app.setErrorHandler((err: FastifyError | CollectorError, req, reply) => {
    if (err instanceof CollectorError) {
      const retryAfter = (err as { retryAfterSeconds?: number }).retryAfterSeconds;
      if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
      return reply.code(err.statusCode).send({ error: { code: err.code, message: redactSecrets(err.message) } });
    }
    if ((err as FastifyError).validation) {
      const message = validationMessage((err as FastifyError).validationContext ?? 'request', (err as FastifyError).validation!);
      return reply.code(400).send({ error: { code: 'COL_ERR_BAD_REQUEST', message } });
    }
    const status = (err as FastifyError).statusCode ?? 500;
    if (status < 500) {
      return reply.code(status).send({ error: { code: 'COL_ERR_BAD_REQUEST', message: redactSecrets(err.message) } });
    }
    req.log.error({ err }, 'unexpected error');
    return reply.code(500).send({ error: { code: 'COL_ERR_INTERNAL', message: 'unexpected server error' } });
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: { code: 'COL_ERR_NOT_FOUND', message: `no route ${req.method} ${req.url.split('?')[0]}` } }));

  await app.register(websocket, { options: { maxPayload: config.limits.maxFrameBytes * 4 } });
  await app.register(cookie);
  // The CSRF secret lives in the server-side session record (request.session, set by the
  // auth hook), so a token is bound to one session and dies with it.
  await app.register(csrf, {
    sessionPlugin: '@fastify/session',
    sessionKey: 'csrfSecret',
    getToken: (req) => {
      const value = req.headers[CSRF_HEADER];
      return typeof value === 'string' ? value : undefined;
    },
  });
  await registerOpenApi(app);

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    try {
      await store.ping();
      return { status: 'ready' };
    } catch (err) {
      return reply.code(503).send({ status: 'not ready', reason: (err as Error).message });
    }
  });

  const agentUrls = (host: string, secure: boolean): string[] => {
    if (config.cluster.agentUrls) return config.cluster.agentUrls;
    const base = config.publicUrl ?? `${secure ? 'https' : 'http'}://${host}`;
    return [`${base.replace(/^http/, 'ws').replace(/\/+$/, '')}${AGENT_PATH}`];
  };

  // Devices of a node that died or left are evaluated at once on the leader, which keeps their due times from then on.
  const cluster = createCluster({
    config, store, log: app.log,
    onAgentsLost: (deviceIds) => void rules.evaluateShare(deviceIds).catch((err: unknown) => app.log.error({ err: (err as Error).message }, 'evaluating the devices of a lost node failed')),
    // Taken for dead and back: the agents still connected here are recorded as such again.
    onRejoined: () => {
      for (const [deviceId, session] of sessions) bus.publish('agent.connected', { deviceId, tenantId: sessionTenants.get(session)! });
    },
  });
  const { bus, leadership } = cluster;
  const events = ingestPublisher(bus);
  const routing = createRoutingStage({ store, bus, leadership, config: config.routing, log: app.log, rulePack: () => rules.rulePack(), publicUrl: config.publicUrl ?? null });
  // Alone on its store a node evaluates every device, without asking whose share each one is.
  const rules = createRulesStage({ store, bus, leadership: cluster.shared ? leadership : undefined, config: config.rules, log: app.log, thresholds: routing.engine.thresholds });
  const stream = createAlertStream({ store, bus });
  bus.subscribe('device.revoked', (e) => {
    sessions.get(e.deviceId)?.terminate();
    // Its alerts close now, on the node whose share it is: nothing else would evaluate a device that is not connected.
    void rules.evaluateShare([e.deviceId]).catch((err: unknown) => app.log.error({ deviceId: e.deviceId, err: (err as Error).message }, 'evaluating a revoked device failed'));
  });
  bus.subscribe('device.policy', (e) => sessions.get(e.deviceId)?.pushPolicy(e.schedules));
  const metricsSink = config.metrics.influx ? createMetricsSink({ config: config.metrics.influx, log: app.log, updatesFirstSeen: storedUpdatesFirstSeen(store.db) }) : null;
  if (metricsSink) bus.subscribe('report.committed', (report) => metricsSink.onReportCommitted(report), { from: 'this-node' });
  registerMetrics(app, { bus, connectedAgents: () => sessions.size, isLeader: () => leadership.isLeader(), metricsSink });
  // Retention is cluster-wide work: only the leader prunes.
  const retention = createRetention({ db: store.db, config: config.retention, log: app.log, isLeader: () => leadership.isLeader() });
  // Maintenance windows stop the response clock of the alerts they cover, in the report as in the routing engine.
  const reports = createReportService({
    db: store.db, routing: routing.engine, rulePack: () => rules.rulePack(), ruleSettings: (id, labels) => rules.ruleSettings(id, labels),
    maintenance: (tenantId, alerts, until) => routing.maintenance.service.coveredTimeOf(tenantId, alerts, until),
  });
  const reportSchedule = createReportSchedule({ db: store.db, service: reports, config: config.reports, smtp: config.routing.smtp ?? null, log: app.log });
  registerDownloadRoutes(app, { dir: downloadsDir() });
  registerSignInRoutes(app, {
    store, accounts, config: config.auth, secureCookies, throttle, passwordChecks,
    oidc: config.auth.oidc ? createOidcRelyingParty(config.auth.oidc) : null,
  });
  await registerApi(app, {
    store, accounts, limiters, agentUrls, sessionIdleMs: config.auth.sessions.idleMinutes * 60_000,
    connectedDevices: async (ids) => {
      const here = ids.filter((id) => sessions.has(id));
      const elsewhere = cluster.shared && here.length < ids.length ? await cluster.registry.connectedElsewhere(ids.filter((id) => !sessions.has(id))) : [];
      return new Set([...here, ...elsewhere]);
    },
    // Whichever node holds the agent's connection acts on it.
    onRevoked: (id) => bus.publish('device.revoked', { deviceId: id }),
    onPolicy: (id, schedules) => bus.publish('device.policy', { deviceId: id, schedules }),
    registerMore: (api) => {
      registerSessionRoutes(api, { store, accounts, secureCookies });
      registerAccountRoutes(api, { store, accounts });
      rules.registerRoutes(api);
      routing.registerRoutes(api);
      registerAlertTimelineRoutes(api, { routing: routing.engine, db: store.db });
      registerComplianceRoutes(api, { db: store.db, ruleSettings: (id, labels) => rules.ruleSettings(id, labels) });
      registerReportRoutes(api, { db: store.db, service: reports });
      stream.registerRoutes(api);
    },
  });
  await registerUi(app, { oidcLabel: config.auth.oidc?.label ?? null });

  // The agent socket: the credential is checked before the upgrade, so an
  // unauthenticated client never gets to send a frame.
  app.get(AGENT_PATH, {
    websocket: true,
    preValidation: async (req, reply) => {
      const token = bearerToken(req.headers.authorization);
      const dot = token?.indexOf('.') ?? -1;
      const claimed = token && dot > 0 ? token.slice(0, dot) : null;
      // The credential is checked first: a device with a valid secret connects whatever others got wrong.
      const verdict = claimed ? await store.verifyDeviceCredential(claimed, token!.slice(dot + 1)) : { ok: false as const, reason: 'missing device credential' };
      if (!verdict.ok) {
        const answer = refusal(req, limiters.device, verdict.reason, claimed?.slice(0, 100));
        const retryAfter = (answer as { retryAfterSeconds?: number }).retryAfterSeconds;
        if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
        return reply.code(answer.statusCode).send({ error: { code: answer.code, message: answer.message } });
      }
      (req as unknown as { device: unknown }).device = verdict.device;
      (req as unknown as { upgradeResponse: unknown }).upgradeResponse = reply.raw;
    },
  }, (socket, req) => {
    const { device, upgradeResponse } = req as unknown as { device: import('./store/store.js').DeviceRecord; upgradeResponse: import('node:http').ServerResponse };
    releaseUpgradeRequest(socket, upgradeResponse);
    // The server's logger, not the request's child: every line names the device, and an idle connection keeps no logger of its own.
    const session = new AgentSession(socket, device, store, events, sessionLimits, app.log, ingestQueue, commits, silence);
    // A device reconnecting replaces its older connection (the old one may be half-open).
    sessions.get(device.id)?.terminate();
    sessions.set(device.id, session);
    sessionTenants.set(session, device.tenantId);
    socket.on('close', () => {
      if (sessions.get(device.id) === session) sessions.delete(device.id);
    });
  });

  let closed = false;
  let pruneTimer: NodeJS.Timeout | null = null;
  return {
    app,
    store,
    bus,
    cluster,
    rules,
    routing,
    async listen() {
      // Ended sessions and abandoned OIDC sign-ins are cleared hourly (and at start).
      const prune = () => void accounts.pruneSessions().catch((err: unknown) => app.log.warn({ err }, 'could not prune ended sessions'));
      prune();
      pruneTimer = setInterval(prune, 3_600_000);
      pruneTimer.unref();
      await cluster.start();
      await rules.start();
      await routing.start();
      retention.start();
      reportSchedule.start();
      await app.listen({ host: config.listen.host, port: config.listen.port });
      const addr = app.server.address();
      const port = typeof addr === 'object' && addr ? addr.port : config.listen.port;
      const host = config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host;
      return `${config.tls ? 'https' : 'http'}://${host}:${port}`;
    },
    async close() {
      if (closed) return;
      closed = true;
      if (pruneTimer) clearInterval(pruneTimer);
      for (const session of sessions.values()) session.terminate();
      silence.stop();
      await retention.stop();
      await stream.stop();
      reportSchedule.stop();
      await routing.stop();
      await rules.stop();
      await metricsSink?.close();
      await cluster.stop();
      await app.close();
      await store.close();
    },
  };
}

/** Secrets of collector.yaml itself, kept out of every log line and error from the start. */
function rememberConfigSecrets(config: CollectorConfig): void {
  const values = [config.routing.smtp?.password, config.auth.oidc?.clientSecret, config.store.kind === 'postgres' ? config.store.url : undefined];
  for (const v of values) {
    if (!v) continue;
    rememberSecret(v);
    try {
      const resolved = resolveSecret(v);
      rememberSecret(resolved);
      // A database URL's password alone may also appear (in a driver's error).
      if (/^postgres(ql)?:\/\//.test(resolved)) rememberSecret(decodeURIComponent(new URL(resolved).password));
    } catch {
      // A reference that does not resolve is reported where it is used.
    }
  }
}
