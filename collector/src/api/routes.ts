// REST API under /api/v1. Bodies and parameters are validated by JSON schema;
// every error is JSON with a stable code. Tenant scope goes into every store
// query, so another tenant's device is simply "not found".
import type { FastifyInstance } from 'fastify';
import cron from 'node-cron';
import { TOPICS } from '@tandem/proto';
import type { Store, DeviceRecord } from '../store/store.js';
import { CollectorError } from '../errors.js';
import { canSeeTenant, principalOf, requireAdmin, requireApiToken } from './auth.js';
import type { FailureLimiter } from '../auth/failure-limiter.js';

export interface ApiOptions {
  store: Store;
  limiter: FailureLimiter;
  /** Agent WebSocket URLs handed out at enrollment, derived from the request when not configured. */
  agentUrls: (requestHost: string, secure: boolean) => string[];
  isConnected: (deviceId: string) => boolean;
  /** A revoked device's live connection is cut at once. */
  onRevoked: (deviceId: string) => void;
  /** New schedules reach a connected device at once (others get them at their next Hello). */
  onPolicy: (deviceId: string, schedules: Record<string, string>) => void;
  /** Later pipeline stages add their routes to the authenticated scope. */
  registerMore?: (api: FastifyInstance) => void;
}

const pageQuery = {
  type: 'object',
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 500 },
    offset: { type: 'integer', minimum: 0, default: 0 },
  },
  additionalProperties: false,
} as const;

const idParams = { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['id'] } as const;

export function deviceJson(d: DeviceRecord, connected: boolean) {
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
        },
        required: ['token', 'hostname'],
        additionalProperties: false,
      },
    },
  }, async (req, reply) => {
    if (options.limiter.blocked(req.ip)) throw new CollectorError('COL_ERR_RATE_LIMITED', 'too many failed enrollments from this address; try again in a minute', { statusCode: 429 });
    const body = req.body as { token: string; hostname: string; os?: string; agentVersion?: string };
    try {
      const enrolled = await store.enrollDevice(body.token, { hostname: body.hostname, os: body.os ?? null, agentVersion: body.agentVersion ?? null });
      req.log.info({ deviceId: enrolled.deviceId, tenantId: enrolled.tenantId }, 'device enrolled');
      return reply.code(201).send({ ...enrolled, agentUrls: options.agentUrls(req.host, req.protocol === 'https') });
    } catch (err) {
      if (err instanceof CollectorError && err.code === 'COL_ERR_ENROLL') options.limiter.fail(req.ip);
      throw err;
    }
  });

  await app.register(async (api) => {
    api.decorateRequest('principal', null);
    api.addHook('preHandler', requireApiToken(store, options.limiter));

    api.get('/api/v1/tenants', async (req) => ({ tenants: await store.listTenants(principalOf(req).scope) }));

    api.post('/api/v1/tenants', {
      schema: {
        body: {
          type: 'object',
          properties: { id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,62}$' }, name: { type: 'string', minLength: 1, maxLength: 200 } },
          required: ['name'],
          additionalProperties: false,
        },
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

    api.get('/api/v1/devices', { schema: { querystring: pageQuery } }, async (req) => {
      const page = req.query as { limit: number; offset: number };
      const devices = await store.listDevices(principalOf(req).scope, page);
      return { devices: devices.map((d) => deviceJson(d, options.isConnected(d.id))), limit: page.limit, offset: page.offset };
    });

    api.get('/api/v1/devices/:id', { schema: { params: idParams } }, async (req) => {
      const { id } = req.params as { id: string };
      const device = await store.getDevice(id, principalOf(req).scope);
      if (!device) throw new CollectorError('COL_ERR_NOT_FOUND', `device ${id} not found`, { statusCode: 404 });
      return deviceJson(device, options.isConnected(id));
    });

    api.get('/api/v1/devices/:id/reports', {
      schema: {
        params: idParams,
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 }, afterSeq: { type: 'integer', minimum: 0, default: 0 } },
          additionalProperties: false,
        },
      },
    }, async (req) => {
      const { id } = req.params as { id: string };
      const page = req.query as { limit: number; afterSeq: number };
      const reports = await store.listReports(id, principalOf(req).scope, page);
      if (!reports) throw new CollectorError('COL_ERR_NOT_FOUND', `device ${id} not found`, { statusCode: 404 });
      return { reports };
    });

    api.post('/api/v1/devices/:id/revoke', { schema: { params: idParams } }, async (req) => {
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
