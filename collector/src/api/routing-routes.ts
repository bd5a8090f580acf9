// Ownership, tuning, audit and matrix routes under /api/v1. Every route is
// tenant-scoped through the caller: another tenant's data is "not found".
// Internal IT changes routing only through tuning, within the guardrails;
// the provider edits the whole config. Both sides read each other's changes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CollectorError } from '../errors.js';
import { canSeeTenant, principalOf } from './auth.js';
import type { ApiPrincipal } from '../store/store.js';
import type { RoutingEngine } from '../routing/routing-stage.js';
import { sideOf } from '../routing/routing-stage.js';
import type { AuditEntry } from '../routing/audit-log.js';
import type { TuningRequest } from '../routing/tuning.js';
import { MATCH_FIELDS, TUNING_KINDS } from '../routing/ownership-config.js';
import type { StoredDeadLetter } from '../notify/dead-letter-store.js';
import { NOTIFICATION_KINDS } from '../notify/notification.js';
import type { GuardedAction } from '../routing/action-guardrail.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Refuses (COL_ERR_GUARDRAIL) an acknowledge or snooze the ownership config's guardrails.crossTeamActions does not allow. */
    alertActionGuardrail: (req: FastifyRequest, alertId: string, action: GuardedAction) => Promise<void>;
  }
}
import { isoTime, nullableString, nullableTime, pageFields, responses, stringList } from './api-schemas.js';
import { maskOwnershipDocument, maskOwnershipText, restoreMaskedSecrets } from '../notify/channel-secrets.js';
import type { MaskOptions } from '../notify/channel-secrets.js';
import { isInternalRole } from '../auth/roles.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const tenantParams = { type: 'object', properties: { tenantId: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['tenantId'] } as const;
const matchValue = { anyOf: [{ type: 'string', minLength: 1, maxLength: 200 }, { type: 'array', minItems: 1, maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 200 } }] };
const tuningBody = {
  type: 'object',
  properties: {
    action: { type: 'string', enum: [...TUNING_KINDS] },
    // Keys are checked by the ownership validation, which reports an unknown one instead of dropping it.
    match: { type: 'object', properties: Object.fromEntries(MATCH_FIELDS.map((f) => [f, matchValue])) },
    reason: { type: 'string', minLength: 1, maxLength: 500 },
    until: { type: 'string', minLength: 1, maxLength: 40 },
    rule: { type: 'string', minLength: 1, maxLength: 100 },
    params: { type: 'object', additionalProperties: { type: ['number', 'string', 'boolean'] }, maxProperties: 20 },
    for: { type: 'string', minLength: 1, maxLength: 20 },
  },
  required: ['action', 'reason'],
  additionalProperties: false,
} as const;

const forbidden = (m: string) => new CollectorError('COL_ERR_FORBIDDEN', m, { statusCode: 403 });

/** The caller, if it may see the tenant; 404 otherwise (another tenant's data does not exist for it). */
async function tenantCaller(req: FastifyRequest, engine: RoutingEngine): Promise<{ p: ApiPrincipal; tenantId: string }> {
  const p = principalOf(req);
  const { tenantId } = req.params as { tenantId: string };
  const exists = await engine.routes.db.selectFrom('tenants').select('id').where('id', '=', tenantId).executeTakeFirst();
  if (!canSeeTenant(p, tenantId) || !exists) throw new CollectorError('COL_ERR_NOT_FOUND', `tenant ${tenantId} not found`, { statusCode: 404 });
  return { p, tenantId };
}

function requireChanger(p: ApiPrincipal): void {
  if (p.role !== 'provider-admin' && p.role !== 'internal-admin') throw forbidden(`role ${p.role} cannot change routing`);
}

/** Secrets are write-only: every answer carries them masked; internal roles see the provider's channels by name only. */
const maskFor = (p: ApiPrincipal): MaskOptions => ({ providerChannels: !isInternalRole(p.role) });

function masked<T extends { document: Record<string, unknown>; text: string | null }>(v: T, p: ApiPrincipal): T {
  return { ...v, document: maskOwnershipDocument(v.document, maskFor(p)), text: v.text === null ? null : maskOwnershipText(v.text, maskFor(p)) };
}

function auditJson(e: AuditEntry, p: ApiPrincipal) {
  return {
    id: e.id, at: iso(e.at), actor: e.actor, role: e.role, side: e.side, action: e.action, summary: e.summary,
    before: maskOwnershipDocument(e.before, maskFor(p)), after: maskOwnershipDocument(e.after, maskFor(p)), versionBefore: e.versionBefore, versionAfter: e.versionAfter, reverts: e.reverts, revertedBy: e.revertedBy,
  };
}

const deadLetterSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    tenantId: { type: 'string' },
    at: isoTime,
    team: { type: 'string', enum: ['internal', 'provider'] },
    channel: { type: 'string', description: 'the channel name in the ownership config' },
    channelType: { type: 'string' },
    kind: { type: 'string', enum: [...NOTIFICATION_KINDS] },
    alertIds: { ...stringList, description: 'every alert of the message (a group names all of them)' },
    alertCount: { type: 'integer' },
    error: { type: 'string', description: 'the last failure, with credentials redacted' },
    retryable: { type: 'boolean', description: 'false: a permanent failure; true: it ran out of attempts' },
    attempts: { type: 'integer' },
    status: { type: 'string', enum: ['open', 'delivered'], description: 'delivered: a manual retry got through' },
    retriedAt: nullableTime,
    retriedBy: nullableString,
  },
  required: ['id', 'tenantId', 'at', 'team', 'channel', 'channelType', 'kind', 'alertIds', 'alertCount', 'error', 'retryable', 'attempts', 'status', 'retriedAt', 'retriedBy'],
} as const;

function deadLetterJson(l: StoredDeadLetter) {
  return {
    id: l.id, tenantId: l.tenantId, at: iso(l.at), team: l.team, channel: l.channel, channelType: l.channelType, kind: l.kind,
    alertIds: l.alertIds, alertCount: l.alertIds.length, error: l.error, retryable: l.retryable, attempts: l.attempts, status: l.status,
    retriedAt: iso(l.retriedAt), retriedBy: l.retriedBy,
  };
}

// Answers of the ownership, routing, tuning, audit and matrix routes. The
// fields named here are the contract; nested documents (the ownership config
// itself, decisions, matrix rows) are described in docs/routing.md and pass
// through as they are.
const open = (properties: Record<string, object>) => ({ type: 'object', properties, additionalProperties: true }) as const;
const anyList = { type: 'array', items: { type: 'object', additionalProperties: true } } as const;
const ownershipView = open({
  tenantId: { type: 'string' }, version: { type: ['integer', 'null'] }, source: { type: 'string', enum: ['stored', 'default'] },
  updatedAt: nullableTime, updatedBy: nullableString, document: { type: 'object', additionalProperties: true }, text: nullableString,
});
const alertRouting = open({
  owner: { type: 'string' }, lineOwner: { type: 'string' }, slaMinutes: { type: ['integer', 'null'] }, configVersion: { type: ['integer', 'null'] },
  trace: stringList, firedAt: nullableTime, dueAt: nullableTime, escalatedAt: nullableTime, reminders: { type: 'integer' }, decisions: anyList,
});
const tuningPreview = open({ change: { type: 'string' }, moves: anyList, muted: stringList, unmuted: stringList, reevaluated: stringList, summary: stringList });
const tuningApplied = open({ auditId: { type: 'string' }, tuningId: { type: 'string' }, version: { type: ['integer', 'null'] }, change: { type: 'string' }, preview: { type: 'object', additionalProperties: true } });

export function registerRoutingRoutes(api: FastifyInstance, engine: RoutingEngine): void {
  for (const type of ['application/yaml', 'application/x-yaml', 'text/yaml']) {
    if (!api.hasContentTypeParser(type)) api.addContentTypeParser(type, { parseAs: 'string' }, (_req, body, done) => done(null, body));
  }

  // The alert routes call this before an acknowledge or snooze: who may act is the ownership config's to say.
  api.decorate('alertActionGuardrail', async (req: FastifyRequest, alertId: string, action: GuardedAction) => {
    const p = principalOf(req);
    const refusal = await engine.actionRefusal(alertId, p.scope, p.role, action);
    if (refusal) throw new CollectorError('COL_ERR_GUARDRAIL', refusal, { statusCode: 403 });
  });

  api.get('/api/v1/tenants/:tenantId/ownership', { schema: { params: tenantParams, response: responses({ 200: ownershipView }) } }, async (req) => {
    const { p, tenantId } = await tenantCaller(req, engine);
    const v = await engine.ownership(tenantId);
    return masked({ ...v, updatedAt: iso(v.updatedAt) }, p);
  });

  api.put('/api/v1/tenants/:tenantId/ownership', {
    schema: { params: tenantParams, body: { anyOf: [{ type: 'object' }, { type: 'string', minLength: 1 }] }, response: responses({ 200: { ...ownershipView, properties: { ...ownershipView.properties, auditId: { type: 'string' } } } }) },
  }, async (req) => {
    const { p, tenantId } = await tenantCaller(req, engine);
    requireChanger(p);
    if (p.role !== 'provider-admin') {
      throw forbidden('internal IT changes routing through tuning (POST /api/v1/tenants/:tenantId/tuning); the provider edits the ownership config');
    }
    // A config read from this API carries masked secrets; each stands for the stored secret it masks.
    const restored = restoreMaskedSecrets(req.body, (await engine.ownership(tenantId)).document);
    if (!restored.ok) throw new CollectorError('COL_ERR_OWNERSHIP_INVALID', restored.problems.join('; '), { statusCode: 400 });
    const r = await engine.replaceOwnership(tenantId, restored.body, { name: p.name, role: p.role });
    if (!r.ok) throw new CollectorError('COL_ERR_OWNERSHIP_INVALID', r.problems.join('; '), { statusCode: 400 });
    return masked({ ...r.view, updatedAt: iso(r.view.updatedAt), auditId: r.auditId }, p);
  });

  api.get('/api/v1/tenants/:tenantId/ownership/versions', { schema: { params: tenantParams, response: responses({ 200: open({ versions: { type: 'array', items: open({ version: { type: 'integer' }, createdAt: nullableTime, createdBy: nullableString, current: { type: 'boolean' } }) } }) }) } }, async (req) => {
    const { tenantId } = await tenantCaller(req, engine);
    const versions = await engine.versions(tenantId);
    return { versions: versions.map((v) => ({ version: v.version, createdAt: iso(v.createdAt), createdBy: v.createdBy, current: v.current })) };
  });

  api.get('/api/v1/tenants/:tenantId/ownership/versions/:version', {
    schema: { params: { type: 'object', properties: { ...tenantParams.properties, version: { type: 'integer', minimum: 1 } }, required: ['tenantId', 'version'] }, response: responses({ 200: open({ tenantId: { type: 'string' }, version: { type: 'integer' }, createdAt: nullableTime, createdBy: nullableString, document: { type: 'object', additionalProperties: true }, text: nullableString }) }) },
  }, async (req) => {
    const { p, tenantId } = await tenantCaller(req, engine);
    const v = await engine.ownershipVersion(tenantId, (req.params as { version: number }).version);
    if (!v) throw new CollectorError('COL_ERR_NOT_FOUND', 'no such ownership version', { statusCode: 404 });
    return masked({ tenantId, version: v.version, createdAt: iso(v.createdAt), createdBy: v.createdBy, document: v.document, text: v.text }, p);
  });

  api.get('/api/v1/alerts/:id/routing', {
    schema: { params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['id'] }, response: responses({ 200: alertRouting }) },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const found = await engine.routingOf(id, principalOf(req).scope);
    if (!found) throw new CollectorError('COL_ERR_NOT_FOUND', `alert ${id} not found`, { statusCode: 404 });
    const { alert, route, decisions } = found;
    // An alert that has not fired yet has no stored decision; show what it would be.
    const current = route ? { decision: route.decision, version: route.configVersion } : await engine.decideNow(alert);
    return {
      alertId: alert.id, tenantId: alert.tenantId, state: alert.status, routed: route !== null,
      owner: current.decision.owner, lineOwner: current.decision.lineOwner, slaMinutes: current.decision.slaMinutes,
      escalation: current.decision.escalation, channels: current.decision.channels, muted: current.decision.muted, line: current.decision.line,
      configVersion: current.version, trace: current.decision.trace,
      firedAt: iso(route?.firedAt ?? null), dueAt: route ? iso(route.firedAt + route.decision.slaMinutes * 60_000) : null,
      escalatedAt: iso(route?.escalatedAt ?? null), reminders: route?.reminders ?? 0,
      decisions: decisions.map((d) => ({ seq: d.seq, at: iso(d.at), reason: d.reason, owner: d.owner, slaMinutes: d.slaMinutes, configVersion: d.configVersion, trace: d.trace, deliveries: d.deliveries })),
    };
  });

  api.post('/api/v1/tenants/:tenantId/tuning/preview', { schema: { params: tenantParams, body: tuningBody, response: responses({ 200: tuningPreview }) } }, async (req) => {
    const { p, tenantId } = await tenantCaller(req, engine);
    return engine.previewTuning(tenantId, req.body as TuningRequest, { name: p.name, role: p.role });
  });

  api.post('/api/v1/tenants/:tenantId/tuning', { schema: { params: tenantParams, body: tuningBody, response: responses({ 201: tuningApplied }) } }, async (req, reply) => {
    const { p, tenantId } = await tenantCaller(req, engine);
    requireChanger(p);
    const r = await engine.applyTuning(tenantId, req.body as TuningRequest, { name: p.name, role: p.role });
    req.log.info({ tenantId, by: p.tokenId, side: sideOf(p.role), auditId: r.auditId }, 'tuning applied');
    return reply.code(201).send(r);
  });

  api.get('/api/v1/tenants/:tenantId/audit', {
    schema: {
      params: tenantParams,
      querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 }, offset: { type: 'integer', minimum: 0, default: 0 } }, additionalProperties: false },
      response: responses({ 200: open({ entries: anyList, limit: { type: 'integer' }, offset: { type: 'integer' } }) }),
    },
  }, async (req) => {
    const { p, tenantId } = await tenantCaller(req, engine);
    const q = req.query as { limit: number; offset: number };
    return { entries: (await engine.audit(tenantId, q)).map((e) => auditJson(e, p)), limit: q.limit, offset: q.offset };
  });

  api.post('/api/v1/tenants/:tenantId/audit/:auditId/revert', {
    schema: {
      params: { type: 'object', properties: { ...tenantParams.properties, auditId: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['tenantId', 'auditId'] },
      response: responses({ 201: open({ auditId: { type: 'string' }, version: { type: ['integer', 'null'] } }) }),
    },
  }, async (req, reply) => {
    const { p, tenantId } = await tenantCaller(req, engine);
    requireChanger(p);
    const r = await engine.revert(tenantId, (req.params as { auditId: string }).auditId, { name: p.name, role: p.role });
    return reply.code(201).send(r);
  });

  api.get('/api/v1/tenants/:tenantId/notifications/dead-letters', {
    schema: {
      params: tenantParams,
      querystring: {
        type: 'object',
        properties: {
          limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 }, offset: { type: 'integer', minimum: 0, default: 0 },
          status: { type: 'string', enum: ['open', 'delivered'] },
        },
        additionalProperties: false,
      },
      response: responses({ 200: { type: 'object', properties: { deadLetters: { type: 'array', items: deadLetterSchema }, ...pageFields }, required: ['deadLetters', 'total', 'limit', 'offset'] } }),
    },
  }, async (req) => {
    const { tenantId } = await tenantCaller(req, engine);
    const q = req.query as { limit: number; offset: number; status?: 'open' | 'delivered' };
    const { total, letters } = await engine.listDeadLetters(tenantId, q);
    return { deadLetters: letters.map(deadLetterJson), total, limit: q.limit, offset: q.offset };
  });

  api.post('/api/v1/tenants/:tenantId/notifications/dead-letters/:id/retry', {
    schema: {
      params: { type: 'object', properties: { ...tenantParams.properties, id: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['tenantId', 'id'] },
      response: responses({ 200: deadLetterSchema }),
    },
  }, async (req) => {
    const { p, tenantId } = await tenantCaller(req, engine);
    requireChanger(p);
    return deadLetterJson(await engine.retryDeadLetter(tenantId, (req.params as { id: string }).id, { name: p.name, role: p.role }));
  });

  api.get('/api/v1/tenants/:tenantId/matrix', {
    schema: { params: tenantParams, querystring: { type: 'object', properties: { days: { type: 'integer', minimum: 1, maximum: 90, default: 28 } }, additionalProperties: false }, response: responses({ 200: open({ tenantId: { type: 'string' }, version: { type: ['integer', 'null'] }, groups: anyList, rows: anyList, gaps: anyList }) }) },
  }, async (req) => {
    const { tenantId } = await tenantCaller(req, engine);
    const m = await engine.matrix(tenantId, (req.query as { days: number }).days);
    return { tenantId, ...m };
  });
}
