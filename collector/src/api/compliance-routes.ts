// GET /api/v1/compliance/patches: which devices are out of patch compliance
// (security or critical updates pending longer than the tenant's limit,
// 14 days by default) and since when. Tenant scope is part of the query, so
// another tenant's devices are simply not listed.
import type { FastifyInstance } from 'fastify';
import { principalOf } from './auth.js';
import { nullableString, nullableTime, responses } from './api-schemas.js';
import { PATCH_COMPLIANCE_RULE, patchComplianceReport } from '../rules/patch-compliance-report.js';
import type { ComplianceReportOptions, DeviceCompliance } from '../rules/patch-compliance-report.js';

const nullableNumber = { type: ['number', 'null'] } as const;

const deviceSchema = {
  type: 'object',
  properties: {
    deviceId: { type: 'string' },
    tenantId: { type: 'string' },
    hostname: { type: 'string' },
    compliant: { type: ['boolean', 'null'], description: 'null when it cannot be said (patch status unknown, rule not in force)' },
    reason: nullableString,
    maxAgeDays: { ...nullableNumber, description: 'the limit this device is held to (per tenant and device group)' },
    securityPendingCount: nullableNumber,
    oldestUpdate: nullableString,
    securityPendingSince: { ...nullableTime, description: 'when the oldest pending security update was first seen' },
    outOfComplianceSince: { ...nullableTime, description: 'when it passed the limit' },
    daysOver: nullableNumber,
  },
} as const;

/** Out of compliance first, longest over first; then unknown; then compliant. */
function order(a: DeviceCompliance, b: DeviceCompliance): number {
  const rank = (d: DeviceCompliance) => (d.compliant === false ? 0 : d.compliant === null ? 1 : 2);
  return rank(a) - rank(b) || (b.daysOver ?? 0) - (a.daysOver ?? 0) || a.hostname.localeCompare(b.hostname);
}

export function registerComplianceRoutes(api: FastifyInstance, options: ComplianceReportOptions & { now?: () => number }): void {
  const now = options.now ?? Date.now;
  api.get('/api/v1/compliance/patches', {
    schema: {
      summary: 'Patch compliance per device: security or critical updates pending longer than the limit, and since when',
      querystring: {
        type: 'object',
        properties: {
          tenant: { type: 'string', minLength: 1, maxLength: 100 },
          status: { type: 'string', enum: ['all', 'out', 'compliant', 'unknown'], default: 'all' },
        },
        additionalProperties: false,
      },
      response: responses({
        200: {
          type: 'object',
          properties: {
            rule: { type: 'string' },
            generatedAt: { type: 'string', format: 'date-time' },
            summary: {
              type: 'object',
              properties: { devices: { type: 'integer' }, compliant: { type: 'integer' }, outOfCompliance: { type: 'integer' }, unknown: { type: 'integer' } },
            },
            devices: { type: 'array', items: deviceSchema },
          },
        },
      }),
    },
  }, async (req) => {
    const q = req.query as { tenant?: string; status: 'all' | 'out' | 'compliant' | 'unknown' };
    const at = now();
    const all = (await patchComplianceReport(options, principalOf(req).scope, q.tenant ?? null, at)).sort(order);
    const wanted = q.status === 'all' ? all
      : all.filter((d) => (q.status === 'out' ? d.compliant === false : q.status === 'compliant' ? d.compliant === true : d.compliant === null));
    return {
      rule: PATCH_COMPLIANCE_RULE,
      generatedAt: new Date(at).toISOString(),
      summary: {
        devices: all.length,
        compliant: all.filter((d) => d.compliant === true).length,
        outOfCompliance: all.filter((d) => d.compliant === false).length,
        unknown: all.filter((d) => d.compliant === null).length,
      },
      devices: wanted,
    };
  });
}
