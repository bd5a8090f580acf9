// REST API under /api/v1. Bodies and parameters are validated by JSON schema;
// every error is JSON with a stable code. Tenant scope goes into every store
// query, so another tenant's device is simply "not found".
import type { FastifyInstance } from 'fastify';
import cron from 'node-cron';
import { TOPICS } from '@tandem/proto';
import type { Store, DeviceRecord, TenantScope } from '../store/store.js';
import { CollectorError } from '../errors.js';
import { canSeeTenant, principalOf, refusal, requireAdmin, requireCaller } from './auth.js';
import type { CredentialLimiters } from '../auth/credential-limiter.js';
import type { AccountStore } from '../auth/account-store.js';
import { DEVICE_SORTS, DEVICE_STATUS_FILTERS, deviceSites, deviceWithHealth, listDevicesWithHealth } from '../store/device-list.js';
import type { DeviceListQuery } from '../store/device-list.js';
import type { DeviceHealth } from './device-health.js';
import { deviceHealthSchema } from './device-health.js';
import {
  anyObject, idParams, isoTime, nullableString, nullableTime, pageFields, pageProperties, responses, stringList, stringMap, tenantSchema,
} from './api-schemas.js';

export interface ApiOptions {
  store: Store;
  accounts: AccountStore;
  /** Failed credentials, counted per kind. */
  limiters: CredentialLimiters;
  /** A browser session unused this long is refused. */
  sessionIdleMs: number;
  /** Agent WebSocket URLs handed out at enrollment, derived from the request when not configured. */
  agentUrls: (requestHost: string, secure: boolean) => string[];
  /** Which of these devices have a live connection (to this node or, in a cluster, another). */
  connectedDevices: (deviceIds: string[]) => Promise<Set<string>>;
  /** A revoked device's live connection is cut at once. */
  onRevoked: (deviceId: string) => void;
  /** New schedules reach a connected device at once (others get them at their next Hello). */
  onPolicy: (deviceId: string, schedules: Record<string, string>) => void;
  /** Later pipeline stages add their routes to the authenticated scope. */
  registerMore?: (api: FastifyInstance) => void;
}

export const deviceSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    tenantId: { type: 'string' },
    hostname: { type: 'string' },
    os: nullableString,
    site: nullableString,
    tags: stringList,
    enrolledAt: isoTime,
    lastSeenAt: nullableTime,
    lastReportAt: nullableTime,
    stoppedAt: nullableTime,
    revokedAt: nullableTime,
    agentVersion: nullableString,
    policy: { ...stringMap, description: 'collection schedules pushed to the agent: topic → cron' },
    connected: { type: 'boolean' },
    health: deviceHealthSchema,
    status: { type: ['object', 'null'], additionalProperties: true, description: 'the latest snapshot (see agent/README.md), null before the first report' },
  },
} as const;

const reportSchema = {
  type: 'object',
  properties: {
    seq: { type: 'integer' },
    kind: { type: 'string', enum: ['report', 'gap'] },
    collectedAt: isoTime,
    receivedAt: isoTime,
    body: { ...anyObject, description: 'a snapshot (kind report) or a gap record (kind gap)' },
    adjustments: {
      type: 'array', description: 'values the collector changed on the way in because they were implausible, and why',
      items: { type: 'object', properties: { path: { type: 'string' }, problem: { type: 'string' } } },
    },
  },
} as const;

/** A filter on one tenant narrows the caller's scope; it never widens it. */
function narrowScope(scope: TenantScope, tenantId: string | undefined): TenantScope {
  if (tenantId === undefined) return scope;
  return { all: false, tenantIds: scope.all || scope.tenantIds.includes(tenantId) ? [tenantId] : [] };
}

export function deviceJson(d: DeviceRecord, connected: boolean, health?: DeviceHealth) {
  return {
    id: d.id,
    tenantId: d.tenantId,
    hostname: d.hostname,
    os: d.os,
    site: d.site,
    tags: d.tags,
    enrolledAt: d.enrolledAt,
    lastSeenAt: d.lastSeenAt,
    lastReportAt: d.lastReportAt,
    stoppedAt: d.stoppedAt,
    revokedAt: d.revokedAt,
    agentVersion: d.agentVersion,
    policy: d.policy,
    connected,
    health,
    status: d.status,
  };
}

export async function registerApi(app: FastifyInstance, options: ApiOptions): Promise<void> {
  const { store } = options;

  // Enrollment is authenticated by the one-time token in the body, not a bearer token.
  app.post('/api/v1/enroll', {
    schema: {
      body: {
        type: 'object',
        properties: {
          token: { type: 'string', minLength: 1, maxLength: 200 },
          hostname: { type: 'string', minLength: 1, maxLength: 255 },
          os: { type: 'string', enum: ['linux', 'darwin', 'win32'] },
          agentVersion: { type: 'string', maxLength: 50 },
          // Asked for by the installer (`--site`, `--tags`); the token decides what is allowed.
          site: { type: 'string', minLength: 1, maxLength: 200 },
          tags: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, maxItems: 50 },
        },
        required: ['token', 'hostname'],
        additionalProperties: false,
      },
      response: responses({
        201: {
          type: 'object',
          properties: { deviceId: { type: 'string' }, tenantId: { type: 'string' }, deviceSecret: { type: 'string' }, agentUrls: stringList },
        },
      }),
    },
  }, async (req, reply) => {
    const body = req.body as { token: string; hostname: string; os?: string; agentVersion?: string; site?: string; tags?: string[] };
    try {
      const enrolled = await store.enrollDevice(body.token, {
        hostname: body.hostname, os: body.os ?? null, agentVersion: body.agentVersion ?? null, site: body.site, tags: body.tags,
      });
      req.log.info({ deviceId: enrolled.deviceId, tenantId: enrolled.tenantId }, 'device enrolled');
      return reply.code(201).send({ ...enrolled, agentUrls: options.agentUrls(req.host, req.protocol === 'https') });
    } catch (err) {
      // Counted only when refused: a valid token enrolls whatever others got wrong.
      if (err instanceof CollectorError && err.code === 'COL_ERR_ENROLL') {
        const answer = refusal(req, options.limiters.enrollment, err.message);
        throw answer.code === 'COL_ERR_RATE_LIMITED' ? answer : err;
      }
      throw err;
    }
  });

  await app.register(async (api) => {
    api.decorateRequest('principal', null);
    api.decorateRequest('session', null);
    api.addHook('onRequest', requireCaller({ store, accounts: options.accounts, limiters: options.limiters, sessionIdleMs: options.sessionIdleMs }));

    api.get('/api/v1/tenants', {
      schema: {
        querystring: { type: 'object', properties: pageProperties, additionalProperties: false },
        response: responses({ 200: { type: 'object', properties: { tenants: { type: 'array', items: tenantSchema }, ...pageFields } } }),
      },
    }, async (req) => {
      const page = req.query as { limit: number; offset: number };
      const tenants = await store.listTenants(principalOf(req).scope);
      return { tenants: tenants.slice(page.offset, page.offset + page.limit), total: tenants.length, limit: page.limit, offset: page.offset };
    });

    api.post('/api/v1/tenants', {
      schema: {
        body: {
          type: 'object',
          properties: { id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,62}$' }, name: { type: 'string', minLength: 1, maxLength: 200 } },
          required: ['name'],
          additionalProperties: false,
        },
        response: responses({ 201: tenantSchema }),
      },
    }, async (req, reply) => {
      requireAdmin(req, { providerOnly: true });
      const body = req.body as { id?: string; name: string };
      if (body.id && (await store.getTenant(body.id))) throw new CollectorError('COL_ERR_BAD_REQUEST', `tenant ${body.id} already exists`, { statusCode: 409 });
      return reply.code(201).send(await store.createTenant(body));
    });

    api.post('/api/v1/enroll-tokens', {
      schema: {
        body: {
          type: 'object',
          properties: {
            tenantId: { type: 'string', minLength: 1 },
            site: { type: 'string', minLength: 1, maxLength: 200 },
            tags: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, maxItems: 50 },
            maxUses: { type: 'integer', minimum: 1 },
            expiresInHours: { type: 'number', exclusiveMinimum: 0, maximum: 24 * 365 },
          },
          required: ['tenantId'],
          additionalProperties: false,
        },
        response: responses({
          201: { type: 'object', properties: { id: { type: 'string' }, token: { type: 'string', description: 'shown once' }, expiresAt: nullableTime } },
        }),
      },
    }, async (req, reply) => {
      const p = requireAdmin(req);
      const body = req.body as { tenantId: string; site?: string; tags?: string[]; maxUses?: number; expiresInHours?: number };
      if (!canSeeTenant(p, body.tenantId)) throw new CollectorError('COL_ERR_NOT_FOUND', `tenant ${body.tenantId} not found`, { statusCode: 404 });
      const created = await store.createEnrollToken({
        tenantId: body.tenantId, site: body.site ?? null, tags: body.tags ?? [], maxUses: body.maxUses ?? null,
        expiresAt: Date.now() + (body.expiresInHours ?? 24) * 3_600_000,
      });
      return reply.code(201).send(created);
    });

    api.get('/api/v1/devices', {
      schema: {
        summary: 'Devices the caller may see, searched, filtered, sorted and paged, each with its health',
        querystring: {
          type: 'object',
          properties: {
            ...pageProperties,
            tenant: { type: 'string', minLength: 1, maxLength: 100, description: 'only this tenant\'s devices' },
            q: { type: 'string', minLength: 1, maxLength: 200, description: 'part of the hostname or device id' },
            site: { type: 'string', minLength: 1, maxLength: 200 },
            os: { type: 'string', enum: ['linux', 'darwin', 'win32'] },
            status: { type: 'string', enum: [...DEVICE_STATUS_FILTERS], description: 'the overall health status (see health.status), or offline' },
            sort: { type: 'string', enum: [...DEVICE_SORTS], default: 'hostname' },
            order: { type: 'string', enum: ['asc', 'desc'], default: 'asc' },
          },
          additionalProperties: false,
        },
        response: responses({
          200: { type: 'object', properties: { devices: { type: 'array', items: deviceSchema }, ...pageFields, sites: { ...stringList, description: 'every site among the devices in scope (and tenant), for a filter' } } },
        }),
      },
    }, async (req) => {
      const { tenant, ...rest } = req.query as Omit<DeviceListQuery, 'tenantId'> & { tenant?: string };
      const scope = narrowScope(principalOf(req).scope, tenant);
      const [{ devices, total }, sites] = await Promise.all([listDevicesWithHealth(store.db, scope, rest), deviceSites(store.db, scope, undefined)]);
      const connected = await options.connectedDevices(devices.map((d) => d.device.id));
      return { devices: devices.map((d) => deviceJson(d.device, connected.has(d.device.id), d.health)), total, limit: rest.limit, offset: rest.offset, sites };
    });

    api.get('/api/v1/devices/:id', { schema: { params: idParams, response: responses({ 200: deviceSchema }) } }, async (req) => {
      const { id } = req.params as { id: string };
      const found = await deviceWithHealth(store.db, principalOf(req).scope, id);
      if (!found) throw new CollectorError('COL_ERR_NOT_FOUND', `device ${id} not found`, { statusCode: 404 });
      return deviceJson(found.device, (await options.connectedDevices([id])).has(id), found.health);
    });

    api.get('/api/v1/devices/:id/reports', {
      schema: {
        params: idParams,
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 }, afterSeq: { type: 'integer', minimum: 0, default: 0 } },
          additionalProperties: false,
        },
        response: responses({ 200: { type: 'object', properties: { reports: { type: 'array', items: reportSchema } } } }),
      },
    }, async (req) => {
      const { id } = req.params as { id: string };
      const page = req.query as { limit: number; afterSeq: number };
      const reports = await store.listReports(id, principalOf(req).scope, page);
      if (!reports) throw new CollectorError('COL_ERR_NOT_FOUND', `device ${id} not found`, { statusCode: 404 });
      return { reports };
    });

    api.post('/api/v1/devices/:id/revoke', {
      schema: { params: idParams, response: responses({ 200: { type: 'object', properties: { id: { type: 'string' }, revoked: { type: 'boolean' } } } }) },
    }, async (req) => {
      const p = requireAdmin(req);
      const { id } = req.params as { id: string };
      if (!(await store.revokeDevice(id, p.scope))) throw new CollectorError('COL_ERR_NOT_FOUND', `device ${id} not found or already revoked`, { statusCode: 404 });
      options.onRevoked(id);
      req.log.info({ deviceId: id, by: p.tokenId }, 'device revoked');
      return { id, revoked: true };
    });

    api.put('/api/v1/devices/:id/policy', {
      schema: {
        params: idParams,
        body: {
          type: 'object',
          properties: {
            schedules: {
              type: 'object',
              propertyNames: { enum: [...TOPICS] },
              additionalProperties: { type: 'string', minLength: 9, maxLength: 100 },
            },
          },
          required: ['schedules'],
          additionalProperties: false,
        },
        response: responses({ 200: { type: 'object', properties: { id: { type: 'string' }, policy: stringMap } } }),
      },
    }, async (req) => {
      const p = requireAdmin(req);
      const { id } = req.params as { id: string };
      const { schedules } = req.body as { schedules: Record<string, string> };
      const bad = Object.entries(schedules).filter(([, expr]) => !cron.validate(expr)).map(([t, expr]) => `body/schedules/${t}: "${expr}" is not a cron expression`);
      if (bad.length > 0) throw new CollectorError('COL_ERR_BAD_REQUEST', bad.join('; '), { statusCode: 400 });
      const device = await store.setDevicePolicy(id, p.scope, schedules);
      if (!device) throw new CollectorError('COL_ERR_NOT_FOUND', `device ${id} not found`, { statusCode: 404 });
      options.onPolicy(id, schedules);
      return { id, policy: device.policy };
    });

    options.registerMore?.(api);
  });
}
