// Report, contract and forecast routes under /api/v1. Every route is
// tenant-scoped through the caller: another tenant's data is "not found";
// internal IT sees its own tenant only.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { CollectorError } from '../errors.js';
import { canSeeTenant, principalOf } from '../api/auth.js';
import { anyObject, responses } from '../api/api-schemas.js';
import type { Database } from '../store/schema.js';
import { lastMonth, parsePeriod } from './report-service.js';
import type { ReportService } from './report-service.js';
import { slaReportCsv, slaReportHtml } from './render-sla-report.js';
import { printPdf } from './print-pdf.js';
import { contractHtml, contractMarkdown } from '../contract/render-contract.js';
import { MAX_FORECAST_WEEKS } from './coverage-forecast.js';

export interface ReportRoutesOptions {
  db: Kysely<Database>;
  service: ReportService;
  now?: () => number;
}

const open = (properties: Record<string, object>) => ({ type: 'object', properties, additionalProperties: true }) as const;
const tenantParams = { type: 'object', properties: { tenantId: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['tenantId'] } as const;
const dateText = { type: 'string', minLength: 7, maxLength: 40 } as const;

const notFound = (tenantId: string) => new CollectorError('COL_ERR_NOT_FOUND', `tenant ${tenantId} not found`, { statusCode: 404 });

async function visibleTenant(req: FastifyRequest, db: Kysely<Database>, tenantId: string): Promise<{ id: string; name: string }> {
  const p = principalOf(req);
  const row = await db.selectFrom('tenants').select(['id', 'name']).where('id', '=', tenantId).executeTakeFirst();
  if (!row || !canSeeTenant(p, tenantId)) throw notFound(tenantId);
  return row;
}

/** A file download: a name people recognise, never cached (reports hold tenant data). */
function download(reply: FastifyReply, type: string, name: string, body: string | Buffer, inline: boolean) {
  return reply.type(type).header('cache-control', 'no-store')
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${name.replace(/[^\w.-]/g, '_')}"`).send(body);
}

export function registerReportRoutes(api: FastifyInstance, options: ReportRoutesOptions): void {
  const now = options.now ?? Date.now;
  const { service } = options;

  api.get('/api/v1/reports/sla', {
    schema: {
      querystring: {
        type: 'object',
        properties: { tenant: { type: 'string', minLength: 1, maxLength: 100 }, from: dateText, to: dateText, format: { type: 'string', enum: ['json', 'html', 'csv', 'pdf'] } },
        required: ['tenant'],
      },
      response: responses({ 200: open({ tenantId: { type: 'string' }, empty: { type: 'boolean' }, alerts: { type: 'integer' }, teams: { type: 'array' }, patch: anyObject, backup: anyObject }) }),
    },
  }, async (req, reply) => {
    const q = req.query as { tenant: string; from?: string; to?: string; format?: 'json' | 'html' | 'csv' | 'pdf' };
    const tenant = await visibleTenant(req, options.db, q.tenant);
    const period = q.from === undefined && q.to === undefined ? lastMonth(now()) : parsePeriod(q.from, q.to);
    const report = await service.slaReport(tenant.id, period);
    const name = `sla-${tenant.id}-${new Date(period.from).toISOString().slice(0, 10)}`;
    switch (q.format ?? 'json') {
      case 'html': return download(reply, 'text/html; charset=utf-8', `${name}.html`, slaReportHtml(report, tenant.name), true);
      case 'csv': return download(reply, 'text/csv; charset=utf-8', `${name}.csv`, slaReportCsv(report), false);
      case 'pdf': return download(reply, 'application/pdf', `${name}.pdf`, await printPdf(slaReportHtml(report, tenant.name)), false);
      default: return { ...report, period: { from: new Date(report.period.from).toISOString(), until: new Date(report.period.until).toISOString() }, tenantName: tenant.name };
    }
  });

  api.get('/api/v1/tenants/:tenantId/ownership/contract', {
    schema: {
      params: tenantParams,
      querystring: { type: 'object', properties: { version: { type: 'integer', minimum: 1 }, format: { type: 'string', enum: ['json', 'html', 'md', 'pdf'] } } },
      response: responses({ 200: open({ tenantId: { type: 'string' }, version: { type: ['integer', 'null'] }, matrix: { type: 'array' } }) }),
    },
  }, async (req, reply) => {
    const { tenantId } = req.params as { tenantId: string };
    const q = req.query as { version?: number; format?: 'json' | 'html' | 'md' | 'pdf' };
    const tenant = await visibleTenant(req, options.db, tenantId);
    const doc = await service.contract(tenant, q.version ?? null);
    const name = `contract-${tenant.id}-v${doc.version ?? 0}`;
    switch (q.format ?? 'json') {
      case 'html': return download(reply, 'text/html; charset=utf-8', `${name}.html`, contractHtml(doc), true);
      case 'md': return download(reply, 'text/markdown; charset=utf-8', `${name}.md`, contractMarkdown(doc), false);
      case 'pdf': return download(reply, 'application/pdf', `${name}.pdf`, await printPdf(contractHtml(doc)), false);
      default: return doc;
    }
  });

  api.get('/api/v1/tenants/:tenantId/ownership/diff', {
    schema: {
      params: tenantParams,
      querystring: { type: 'object', properties: { from: { type: 'integer', minimum: 1 }, to: { type: 'integer', minimum: 1 } }, required: ['from'] },
      response: responses({ 200: open({ tenantId: { type: 'string' }, from: { type: 'integer' }, to: { type: ['integer', 'null'] }, changes: { type: 'array', items: { type: 'string' } } }) }),
    },
  }, async (req) => {
    const { tenantId } = req.params as { tenantId: string };
    const q = req.query as { from: number; to?: number };
    const tenant = await visibleTenant(req, options.db, tenantId);
    return service.diff(tenant, q.from, q.to ?? null);
  });

  api.get('/api/v1/tenants/:tenantId/coverage-forecast', {
    schema: {
      params: tenantParams,
      querystring: { type: 'object', properties: { weeks: { type: 'integer', minimum: 1, maximum: MAX_FORECAST_WEEKS } } },
      response: responses({ 200: open({ from: { type: 'string' }, weeks: { type: 'integer' }, uncoveredHours: { type: 'number' }, windows: { type: 'array' }, noChannel: { type: 'array', items: { type: 'string' } } }) }),
    },
  }, async (req) => {
    const { tenantId } = req.params as { tenantId: string };
    const tenant = await visibleTenant(req, options.db, tenantId);
    return service.forecast(tenant.id, (req.query as { weeks?: number }).weeks ?? 4);
  });
}
