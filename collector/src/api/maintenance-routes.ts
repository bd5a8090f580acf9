// Maintenance windows under /api/v1/maintenance and the notification record
// (per alert, and a tenant's with time range, outcome and paging).
// Tenant-scoped like every route: another tenant's data is "not found".
// Admins of either side schedule windows; internal IT within the guardrails.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CollectorError } from '../errors.js';
import { canSeeTenant, principalOf } from './auth.js';
import { anyObject, responses } from './api-schemas.js';
import type { ApiPrincipal } from '../store/store.js';
import { sideOf } from '../routing/routing-stage.js';
import type { MaintenanceService } from '../maintenance/maintenance-service.js';
import type { NotifyGate } from '../maintenance/notify-gate.js';
import type { AlertStore } from '../rules/alert-store.js';
import { RECORD_OUTCOMES, SUPPRESSIONS } from '../notify/record/record-store.js';
import type { NotificationRecord, NotificationRecordStore } from '../notify/record/record-store.js';
import type { Occurrence } from '../maintenance/window.js';

const iso = (ms: number) => new Date(ms).toISOString();
const occurrence = (o: Occurrence) => ({ start: iso(o.start), end: iso(o.end) });
const recordView = (r: NotificationRecord) => ({ ...r, at: iso(r.at) });
const tenantQuery = { type: 'object', properties: { tenantId: { type: 'string', minLength: 1, maxLength: 100 } }, additionalProperties: false } as const;
// Shapes only; the window check names what is wrong inside them (src/maintenance/window.ts).
const windowBody = {
  type: 'object',
  properties: {
    tenantId: { type: 'string', minLength: 1, maxLength: 100 }, reason: { type: 'string' }, owner: { type: 'string' }, start: { type: 'string' },
    durationMinutes: { type: 'number' }, rrule: { type: ['string', 'null'] }, timeZone: { type: 'string' },
    scope: { type: 'object', properties: { sites: { type: 'array' }, tags: { type: 'array' }, devices: { type: 'array' } } },
    only: { type: 'object', properties: { categories: { type: 'array' }, rules: { type: 'array' } } },
  },
} as const;
const idParams = { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['id'] } as const;

export interface MaintenanceRouteOptions {
  maintenance: MaintenanceService;
  records: NotificationRecordStore;
  alerts: AlertStore;
  gate: NotifyGate;
  now?: () => number;
}

/** The tenant a request is about: the one named, or the caller's only tenant; 404 for one it cannot see. */
async function tenantOf(req: FastifyRequest, named: string | undefined, o: MaintenanceRouteOptions): Promise<{ p: ApiPrincipal; tenantId: string }> {
  const p = principalOf(req);
  const tenantId = named ?? (!p.scope.all && p.scope.tenantIds.length === 1 ? p.scope.tenantIds[0]! : undefined);
  if (!tenantId) throw new CollectorError('COL_ERR_BAD_REQUEST', 'tenantId: name the tenant (query or body)', { statusCode: 400 });
  const exists = await o.records.db.selectFrom('tenants').select('id').where('id', '=', tenantId).executeTakeFirst();
  if (!canSeeTenant(p, tenantId) || !exists) throw new CollectorError('COL_ERR_NOT_FOUND', `tenant ${tenantId} not found`, { statusCode: 404 });
  return { p, tenantId };
}

function changer(p: ApiPrincipal) {
  if (p.role !== 'provider-admin' && p.role !== 'internal-admin') throw new CollectorError('COL_ERR_FORBIDDEN', `role ${p.role} cannot schedule maintenance`, { statusCode: 403 });
  return { name: p.name, role: p.role, side: sideOf(p.role) };
}

export function registerMaintenanceRoutes(api: FastifyInstance, o: MaintenanceRouteOptions): void {
  const views = async (tenantId: string) => (await o.maintenance.list(tenantId)).map((w) => ({
    ...w, createdAt: iso(w.createdAt), next: w.next.map(occurrence), active: w.active ? occurrence(w.active) : null,
  }));

  api.get('/api/v1/maintenance', { schema: { querystring: tenantQuery, response: responses({ 200: anyObject }) } }, async (req) => {
    const { tenantId } = await tenantOf(req, (req.query as { tenantId?: string }).tenantId, o);
    return { tenantId, windows: await views(tenantId) };
  });

  api.post('/api/v1/maintenance', { schema: { body: windowBody, response: responses({ 201: anyObject }) } }, async (req, reply) => {
    const { tenantId: named, ...input } = req.body as { tenantId?: string } & Record<string, unknown>;
    const { p, tenantId } = await tenantOf(req, named, o);
    const w = await o.maintenance.add(tenantId, input, changer(p));
    void reply.code(201);
    return { ...w, createdAt: iso(w.createdAt), next: w.next.map(occurrence), active: w.active ? occurrence(w.active) : null };
  });

  api.delete('/api/v1/maintenance/:id', { schema: { params: idParams, querystring: tenantQuery, response: responses({ 200: anyObject }) } }, async (req) => {
    const { p, tenantId } = await tenantOf(req, (req.query as { tenantId?: string }).tenantId, o);
    const { id } = req.params as { id: string };
    await o.maintenance.remove(tenantId, id, changer(p));
    return { removed: id };
  });

  api.get('/api/v1/alerts/:id/notifications', { schema: { params: idParams, response: responses({ 200: anyObject }) } }, async (req) => {
    const p = principalOf(req);
    const { id } = req.params as { id: string };
    const alert = await o.alerts.get(id, p.scope);
    if (!alert) throw new CollectorError('COL_ERR_NOT_FOUND', `alert ${id} not found`, { statusCode: 404 });
    const open = alert.status === 'firing' || alert.status === 'acknowledged' || alert.status === 'snoozed';
    // What holds the alert back right now: in maintenance, or inhibited by another alert.
    const heldBy = open ? await o.gate.held(alert, (o.now ?? Date.now)()) : null;
    return { alertId: id, heldBy, records: (await o.records.forAlert(id)).map(recordView) };
  });

  // The board's marks: which open alerts are held right now, and by what. Bounded: candidates come from the last week's record.
  api.get('/api/v1/notifications/held', { schema: { querystring: tenantQuery, response: responses({ 200: anyObject }) } }, async (req) => {
    const named = (req.query as { tenantId?: string }).tenantId;
    const p = principalOf(req);
    const tenantIds = named ? [(await tenantOf(req, named, o)).tenantId] : p.scope.all ? 'all' as const : p.scope.tenantIds;
    const at = (o.now ?? Date.now)();
    const held: Array<{ alertId: string; tenantId: string; by: string; reason: string }> = [];
    for (const id of await o.records.recentlyHeld(tenantIds, at - 7 * 86_400_000)) {
      const alert = await o.alerts.get(id, p.scope);
      if (!alert || !['firing', 'acknowledged', 'snoozed'].includes(alert.status)) continue;
      const h = await o.gate.held(alert, at);
      if (h) held.push({ alertId: id, tenantId: alert.tenantId, ...h });
    }
    return { held };
  });

  const recordQuery = {
    type: 'object',
    properties: {
      tenantId: { type: 'string', minLength: 1, maxLength: 100 },
      from: { type: 'string', format: 'date-time' },
      to: { type: 'string', format: 'date-time' },
      outcome: { type: 'string', enum: [...RECORD_OUTCOMES] },
      suppressedBy: { type: 'string', enum: [...SUPPRESSIONS] },
      limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
      offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
    },
    additionalProperties: false,
  } as const;
  api.get('/api/v1/notifications', { schema: { querystring: recordQuery, response: responses({ 200: anyObject }) } }, async (req) => {
    const q = req.query as { tenantId?: string; from?: string; to?: string; outcome?: NotificationRecord['outcome']; suppressedBy?: NotificationRecord['suppressedBy']; limit: number; offset: number };
    const { tenantId } = await tenantOf(req, q.tenantId, o);
    const page = await o.records.query(tenantId, {
      from: q.from ? Date.parse(q.from) : undefined, to: q.to ? Date.parse(q.to) : undefined, outcome: q.outcome, suppressedBy: q.suppressedBy ?? undefined, limit: q.limit, offset: q.offset,
    });
    return { tenantId, total: page.total, limit: q.limit, offset: q.offset, records: page.records.map(recordView) };
  });
}
