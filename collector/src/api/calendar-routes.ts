// Imported calendars of a tenant's teams: each feed with its source, when it
// was last imported, its last problem, and the periods it gave; and a refresh
// on demand. Tenant-scoped like every route ("not found" for another tenant).
import type { FastifyInstance } from 'fastify';
import { CollectorError } from '../errors.js';
import { canSeeTenant, principalOf } from './auth.js';
import { responses } from './api-schemas.js';
import type { RoutingEngine } from '../routing/routing-stage.js';
import type { CalendarImports } from '../calendars/calendar-imports.js';

const tenantParams = { type: 'object', properties: { tenantId: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['tenantId'] } as const;
const answer = {
  type: 'object',
  properties: { tenantId: { type: 'string' }, calendars: { type: 'array', items: { type: 'object', additionalProperties: true } } },
  required: ['tenantId', 'calendars'],
} as const;

export function registerCalendarRoutes(api: FastifyInstance, o: { engine: RoutingEngine; calendars: CalendarImports }): void {
  const tenantOf = async (req: { params: unknown }, p: ReturnType<typeof principalOf>) => {
    const { tenantId } = req.params as { tenantId: string };
    const exists = await o.engine.routes.db.selectFrom('tenants').select('id').where('id', '=', tenantId).executeTakeFirst();
    if (!canSeeTenant(p, tenantId) || !exists) throw new CollectorError('COL_ERR_NOT_FOUND', `tenant ${tenantId} not found`, { statusCode: 404 });
    return tenantId;
  };
  const view = async (tenantId: string) => ({ tenantId, calendars: o.calendars.views(tenantId, (await o.engine.tenantConfig(tenantId)).config) });

  api.get('/api/v1/tenants/:tenantId/calendars', { schema: { params: tenantParams, response: responses({ 200: answer }) } }, async (req) => view(await tenantOf(req, principalOf(req))));

  api.post('/api/v1/tenants/:tenantId/calendars/refresh', { schema: { params: tenantParams, response: responses({ 200: answer }) } }, async (req) => {
    const p = principalOf(req);
    const tenantId = await tenantOf(req, p);
    if (p.role !== 'provider-admin' && p.role !== 'internal-admin') throw new CollectorError('COL_ERR_FORBIDDEN', `role ${p.role} cannot refresh calendars`, { statusCode: 403 });
    await o.calendars.refreshTenant(tenantId);
    return view(tenantId);
  });
}
