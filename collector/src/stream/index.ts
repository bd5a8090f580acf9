// Live alert streams for the NOC board and internal IT: the open alerts on
// connect, then every change, filtered and scoped to what the caller's role
// may see. Slow clients are dropped, never buffered without bound. Changes
// come from the bus, so a stream on any node of a cluster sees every node's;
// after the bus was cut off from the other nodes, clients get the open alerts
// again.
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { ApiPrincipal, Store } from '../store/store.js';
import type { Bus } from '../bus/index.js';
import type { AlertChange } from '../rules/alert-events.js';
import type { AlertState } from '../rules/alert-state.js';
import { OPEN_STATES } from '../rules/alert-state.js';
import { AlertStore } from '../rules/alert-store.js';
import { ALL_TENANTS } from '../store/store.js';
import { bearerToken, principalOf, SESSION_COOKIE } from '../api/auth.js';
import { AccountStore, principalForUser } from '../auth/account-store.js';
import { CollectorError } from '../errors.js';
import { parseStreamFilter, inScope } from './stream-filter.js';
import type { StreamFilter } from './stream-filter.js';
import { StreamClient, STREAM_CLOSE_CODES } from './stream-client.js';
import type { StreamLimits } from './stream-client.js';
import { createRoutingFeed } from './routing-feed.js';
import { streamAlertJson, transitionJson } from './stream-messages.js';
import { bearerFromSubprotocol, requireSameOrigin } from './socket-auth.js';

export { STREAM_CLOSE_CODES, StreamClient } from './stream-client.js';
export type { StreamLimits } from './stream-client.js';
export { parseStreamFilter, matchesStream, OWNERS } from './stream-filter.js';
export type { StreamFilter, Owner } from './stream-filter.js';
export type { StreamMessage, StreamAlertJson } from './stream-messages.js';
export type { RoutingInfo } from './routing-feed.js';
export { STREAM_PROTOCOL } from './socket-auth.js';

export const STREAM_PATH = '/api/v1/stream';

export interface AlertStreamOptions {
  store: Store;
  bus: Bus;
  limits?: Partial<StreamLimits>;
  /** Ping interval; a client that missed the previous pong is dropped. Credentials are re-verified at the same pace. */
  heartbeatMs?: number;
}

export interface AlertStream {
  /** Adds the stream endpoint to the authenticated /api/v1 scope. */
  registerRoutes(api: FastifyInstance): void;
  /** Closes every stream. Safe to call twice. */
  stop(): Promise<void>;
  /** Connected clients, for metrics and tests. */
  clientCount(): number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { maxBufferedBytes: 4 * 1024 * 1024, maxPendingChanges: 10_000 };
const SNAPSHOT_PAGE = 1000;

interface ClientContext {
  /** Verifies the client's credentials again (each heartbeat): null once they are revoked or expired. */
  verifyAgain: () => Promise<ApiPrincipal | null>;
}

/** Long enough that an open board keeps its session alive; revocation and the absolute end still apply. */
const STREAM_SESSION_IDLE_MS = Number.MAX_SAFE_INTEGER / 2;

export function createAlertStream(options: AlertStreamOptions): AlertStream {
  const limits: StreamLimits = { ...DEFAULT_STREAM_LIMITS, ...options.limits };
  const heartbeatMs = options.heartbeatMs ?? 30_000;
  const alerts = new AlertStore(options.store.db);
  const accounts = new AccountStore(options.store.db);
  const feed = createRoutingFeed(options.bus, options.store.db);
  const clients = new Map<StreamClient, ClientContext>();
  let stopped = false;
  let upgradeServer: FastifyInstance['server'] | null = null;
  const onUpgrade = (req: IncomingMessage) => bearerFromSubprotocol(req, STREAM_PATH);

  const broadcast = (alert: AlertState, transition: AlertChange['transition'] | null) => {
    if (clients.size === 0) return;
    const json = streamAlertJson(alert, feed.decisionOf(alert.id));
    const change = transition ? transitionJson(transition) : null;
    for (const client of clients.keys()) client.offer(json, change);
  };

  const onChange = ({ alert, transition }: AlertChange) => {
    if (transition.to === 'cancelled') {
      feed.forget(alert.id);
      for (const client of clients.keys()) client.remove(alert.id);
      return;
    }
    broadcast(alert, transition);
    if (transition.to === 'resolved') feed.forget(alert.id);
  };
  const unsubscribe = [
    options.bus.subscribe('alert.changed', onChange),
    // Changes other nodes made while this node could not hear them: every client gets the open alerts again.
    options.bus.subscribe('bus.resumed', () => {
      for (const client of clients.keys()) void resend(client);
    }),
  ];

  // A new owner or response time: read the alert as it is now and show it again.
  const offRouting = feed.onUpdate((alertId) => {
    if (clients.size === 0) return;
    void alerts.get(alertId, ALL_TENANTS).then((alert) => {
      if (alert && OPEN_STATES.has(alert.status)) broadcast(alert, null);
    }, () => {});
  });

  async function openAlerts(client: StreamClient, filter: StreamFilter): Promise<AlertState[]> {
    const found: AlertState[] = [];
    const tenants = filter.tenants ?? [undefined];
    for (const tenantId of tenants) {
      for (let offset = 0; ; offset += SNAPSHOT_PAGE) {
        const page = await alerts.list({ states: [...OPEN_STATES], tenantId }, client.principal.scope, { limit: SNAPSHOT_PAGE, offset });
        found.push(...page.alerts);
        if (page.alerts.length < SNAPSHOT_PAGE) break;
      }
    }
    return found;
  }

  /** The open alerts the client may see, as one snapshot. */
  async function resend(client: StreamClient): Promise<void> {
    try {
      client.beginSnapshot();
      const open = await openAlerts(client, client.filter);
      await feed.load(open.map((a) => a.id));
      client.sendSnapshot(open.map((a) => streamAlertJson(a, feed.decisionOf(a.id))));
    } catch (err) {
      client.drop(1011, 'could not read the open alerts');
      throw err;
    }
  }

  const heartbeat = setInterval(() => {
    for (const [client, ctx] of clients) {
      if (!client.alive) {
        client.drop(STREAM_CLOSE_CODES.noPong, 'no answer to ping', 0);
        continue;
      }
      client.alive = false;
      client.socket.ping();
      // Credentials revoked or expired since the connect end the stream; a changed scope applies at once.
      void ctx.verifyAgain().then((principal) => {
        if (!principal) client.drop(STREAM_CLOSE_CODES.unauthorized, 'credentials no longer valid');
        else client.principal = principal;
      }, () => {});
    }
  }, heartbeatMs);
  heartbeat.unref();

  function accept(socket: WebSocket, req: FastifyRequest): void {
    const principal = principalOf(req);
    const filter = (req as unknown as { streamFilter: StreamFilter }).streamFilter;
    const bearer = bearerToken(req.headers.authorization);
    const cookie = bearer ? undefined : req.cookies?.[SESSION_COOKIE];
    const client = new StreamClient(socket, principal, filter, limits, (c, code, reason) => {
      clients.delete(c);
      req.log.info({ principal: principal.name, code, reason }, 'alert stream dropped');
    });
    clients.set(client, {
      verifyAgain: async () => {
        if (bearer) return options.store.verifyApiToken(bearer);
        if (!cookie) return null;
        const found = await accounts.verifySession(cookie, STREAM_SESSION_IDLE_MS);
        return found ? principalForUser(found.user, found.session.id) : null;
      },
    });
    socket.on('pong', () => { client.alive = true; });
    socket.on('close', () => {
      clients.delete(client);
      client.markClosed();
    });
    socket.on('error', () => socket.terminate());
    // Nothing is read from clients; a message is ignored rather than an error.
    socket.on('message', () => {});

    client.send({
      type: 'hello',
      principal: { name: principal.name, role: principal.role, tenants: principal.scope.all ? 'all' : principal.scope.tenantIds },
      filter,
      heartbeatSeconds: Math.round(heartbeatMs / 1000),
    });
    void resend(client).catch((err: unknown) => req.log.error({ err }, 'alert stream snapshot failed'));
  }

  return {
    registerRoutes(api) {
      if (!upgradeServer) {
        upgradeServer = api.server;
        upgradeServer.prependListener('upgrade', onUpgrade);
      }
      api.get(STREAM_PATH, {
        websocket: true,
        preHandler: async (req) => {
          requireSameOrigin(req);
          const parsed = parseStreamFilter(req.query as Record<string, unknown>);
          if (!parsed.ok) throw new CollectorError('COL_ERR_BAD_REQUEST', parsed.problems.join('; '), { statusCode: 400 });
          const p = principalOf(req);
          for (const t of parsed.filter.tenants ?? []) {
            if (!inScope(p.scope, t)) throw new CollectorError('COL_ERR_NOT_FOUND', `tenant ${t} not found`, { statusCode: 404 });
          }
          if (stopped) throw new CollectorError('COL_ERR_INTERNAL', 'the collector is shutting down', { statusCode: 503 });
          (req as unknown as { streamFilter: StreamFilter }).streamFilter = parsed.filter;
        },
      }, accept);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(heartbeat);
      upgradeServer?.off('upgrade', onUpgrade);
      for (const off of unsubscribe) off();
      offRouting();
      feed.stop();
      for (const client of [...clients.keys()]) client.drop(STREAM_CLOSE_CODES.goingAway, 'collector shutting down', 1000);
      clients.clear();
    },
    clientCount: () => clients.size,
  };
}
