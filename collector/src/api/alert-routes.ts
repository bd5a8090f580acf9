// Alert and rule routes under /api/v1. Every query carries the caller's
// tenant scope, so another tenant's alert is "not found", never "forbidden".
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CollectorError } from '../errors.js';
import type { GuardedAction } from '../routing/action-guardrail.js';
import { principalOf, requireAdmin } from './auth.js';
import type { AlertService } from '../rules/rules-stage.js';
import type { AlertState, AlertStatus } from '../rules/alert-state.js';
import { ALERT_STATES, OPEN_STATES } from '../rules/alert-state.js';
import type { AlertHistoryEntry } from '../rules/alert-store.js';
import { CATEGORIES, SEVERITIES } from '../rules/rule-pack.js';
import type { Category, RuleDefinition, RulePack, Severity } from '../rules/rule-pack.js';
import { formatDuration } from '../rules/duration.js';
import type { TenantScope } from '../store/store.js';
import { anyObject, anyValue, nullableString, nullableTime, responses, stringList, stringMap } from './api-schemas.js';

/** Roles that may acknowledge, snooze and resolve alerts (viewers only look). */
export const ALERT_ACTOR_ROLES = new Set(['provider-admin', 'provider-noc', 'internal-admin']);

const MAX_SNOOZE_MINUTES = 30 * 24 * 60;

const idParams = { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['id'] } as const;
const comment = { type: 'string', minLength: 1, maxLength: 2000 } as const;

export const alertSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    key: { type: 'string', description: 'stable across episodes: tenant/device/rule/instance' },
    tenantId: { type: 'string' },
    deviceId: { type: 'string' },
    ruleId: { type: 'string' },
    instance: { type: 'string' },
    category: { type: 'string', enum: [...CATEGORIES] },
    severity: { type: 'string', enum: [...SEVERITIES] },
    state: { type: 'string', enum: [...ALERT_STATES] },
    flapping: { type: 'boolean' },
    summary: { type: 'string' },
    labels: stringMap,
    pendingSince: nullableTime,
    firedAt: nullableTime,
    resolvedAt: nullableTime,
    updatedAt: nullableTime,
    assignee: {
      type: ['object', 'null'],
      properties: { to: { type: 'string' }, by: { type: 'string' }, at: nullableTime },
    },
    acknowledged: {
      type: ['object', 'null'],
      properties: { by: { type: 'string' }, comment: nullableString, at: nullableTime },
    },
    snoozedUntil: nullableTime,
  },
} as const;

const historySchema = {
  type: 'object',
  properties: {
    seq: { type: 'integer' }, at: nullableTime, from: nullableString, to: { type: 'string' }, severity: { type: 'string' },
    cause: { type: 'string' }, actor: nullableString, comment: nullableString, notified: { type: 'boolean' },
  },
} as const;

const ruleSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    category: { type: 'string' },
    summary: { type: 'string' },
    description: nullableString,
    each: nullableString,
    params: anyObject,
    levels: { type: 'object', additionalProperties: anyValue, description: 'severity → condition' },
    clear: anyValue,
    for: { type: 'string' },
    manualResolve: { type: 'boolean' },
    labels: stringMap,
  },
} as const;

const rulePackSchema = {
  type: 'object',
  properties: {
    source: {
      type: 'object',
      properties: { origin: { type: 'string', enum: ['default', 'file', 'api'] }, file: nullableString, updatedAt: nullableTime, updatedBy: nullableString },
    },
    flapping: { type: 'object', properties: { maxChanges: { type: 'integer' }, window: { type: 'string' } } },
    rules: { type: 'array', items: ruleSchema },
    overrides: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          match: { type: 'object', additionalProperties: stringList },
          rules: { type: ['array', 'null'], items: { type: 'string' } },
          params: anyObject,
          for: nullableString,
          enabled: { type: ['boolean', 'null'] },
        },
      },
    },
    text: { type: ['string', 'null'], description: 'the pack as written (YAML); null when it names tenants the caller cannot see' },
  },
} as const;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function alertJson(a: AlertState) {
  return {
    id: a.id,
    key: a.key,
    tenantId: a.tenantId,
    deviceId: a.deviceId,
    ruleId: a.ruleId,
    instance: a.instance,
    category: a.category,
    severity: a.severity,
    state: a.status,
    flapping: a.flapping,
    summary: a.summary,
    labels: a.labels,
    pendingSince: iso(a.pendingSince),
    firedAt: iso(a.firedAt),
    resolvedAt: iso(a.resolvedAt),
    updatedAt: iso(a.updatedAt),
    acknowledged: a.ack ? { by: a.ack.by, comment: a.ack.comment, at: iso(a.ack.at) } : null,
    assignee: a.assignee ? { to: a.assignee.to, by: a.assignee.by, at: iso(a.assignee.at) } : null,
    snoozedUntil: iso(a.snoozedUntil),
  };
}

function historyJson(h: AlertHistoryEntry) {
  return { seq: h.seq, at: iso(h.at), from: h.from, to: h.to, severity: h.severity, cause: h.cause, actor: h.actor, comment: h.comment, notified: h.notified };
}

export function ruleJson(r: RuleDefinition) {
  return {
    id: r.id,
    category: r.category,
    summary: r.summary,
    description: r.description,
    each: r.each,
    params: r.params,
    levels: Object.fromEntries(r.levels.map((l) => [l.severity, l.spec])),
    clear: r.clearSpec,
    for: formatDuration(r.forMs),
    manualResolve: r.manualResolve,
    labels: r.labels,
  };
}

/** Overrides for other tenants are another tenant's configuration: a tenant-scoped caller does not see them. */
function visibleOverrides(pack: RulePack, scope: TenantScope) {
  if (scope.all) return pack.overrides;
  return pack.overrides.filter((o) => !o.match.tenant || o.match.tenant.every((t) => scope.tenantIds.includes(t)));
}

function packJson(pack: RulePack, scope: TenantScope) {
  return {
    flapping: { maxChanges: pack.flapping.maxChanges, window: formatDuration(pack.flapping.windowMs) },
    rules: pack.rules.map(ruleJson),
    overrides: visibleOverrides(pack, scope).map((o) => ({
      match: o.match, rules: o.rules, params: o.params, for: o.forMs === null ? null : formatDuration(o.forMs), enabled: o.enabled,
    })),
  };
}

export function requireAlertActor(req: Parameters<typeof principalOf>[0]) {
  const p = principalOf(req);
  if (!ALERT_ACTOR_ROLES.has(p.role)) throw new CollectorError('COL_ERR_FORBIDDEN', `role ${p.role} cannot act on alerts`, { statusCode: 403 });
  return p;
}

type ActionKind = 'ack' | 'unack' | 'comment' | 'assign' | 'snooze' | 'resolve';
interface ActionBody { comment?: string; assignee?: string; minutes?: number; until?: string }

const MAX_BULK = 200;
const required = <K extends string>(...keys: K[]) => keys;

/** The body each action takes; the bulk route takes the same fields. */
const ACTION_SPECS: Record<ActionKind, { kind: ActionKind; body: { type: 'object'; properties: Record<string, object>; required: string[]; additionalProperties: false } }> = {
  ack: { kind: 'ack', body: { type: 'object', properties: { comment }, required: required('comment'), additionalProperties: false } },
  unack: { kind: 'unack', body: { type: 'object', properties: { comment }, required: required('comment'), additionalProperties: false } },
  comment: { kind: 'comment', body: { type: 'object', properties: { comment }, required: required('comment'), additionalProperties: false } },
  assign: {
    kind: 'assign',
    body: { type: 'object', properties: { assignee: { type: 'string', minLength: 1, maxLength: 200 }, comment: { type: 'string', maxLength: 2000 } }, required: required('assignee'), additionalProperties: false },
  },
  snooze: {
    kind: 'snooze',
    body: {
      type: 'object',
      properties: { until: { type: 'string', minLength: 1, maxLength: 40 }, minutes: { type: 'integer', minimum: 1, maximum: MAX_SNOOZE_MINUTES }, comment },
      required: [], additionalProperties: false,
    },
  },
  resolve: { kind: 'resolve', body: { type: 'object', properties: { comment }, required: required('comment'), additionalProperties: false } },
};

function snoozeEnd(body: ActionBody, where: string, now: number): number {
  if ((body.until === undefined) === (body.minutes === undefined)) {
    throw new CollectorError('COL_ERR_BAD_REQUEST', `${where}: give either until (an ISO-8601 time) or minutes`, { statusCode: 400 });
  }
  if (body.minutes !== undefined) return now + body.minutes * 60_000;
  const until = Date.parse(body.until!);
  if (Number.isNaN(until)) throw new CollectorError('COL_ERR_BAD_REQUEST', `${where}/until: expected an ISO-8601 time like 2026-12-01T08:00:00Z, got "${body.until}"`, { statusCode: 400 });
  if (until - now > MAX_SNOOZE_MINUTES * 60_000) throw new CollectorError('COL_ERR_BAD_REQUEST', `${where}/until: a snooze lasts at most 30 days`, { statusCode: 400 });
  return until;
}

/** The action a request asks for, as the rules stage takes it. */
function actionFrom(kind: ActionKind, actor: string, body: ActionBody, where: string): Parameters<AlertService['act']>[2] {
  const text = body.comment ?? '';
  switch (kind) {
    case 'assign': return { kind, actor, comment: text, assignee: body.assignee! };
    case 'snooze': return { kind, actor, comment: text, until: snoozeEnd(body, where, Date.now()) };
    default: return { kind, actor, comment: text };
  }
}

/**
 * The one way an action reaches an alert, from the single and the bulk
 * routes alike: the caller's role, then the alert in the caller's scope.
 * A per-action check (who may act on whose alerts) belongs here.
 */
/** Actions that stop or restart the owner's escalation clock: the ownership config's guardrail says who may take them. */
const GUARDED: Partial<Record<ActionKind, GuardedAction>> = { ack: 'ack', unack: 'ack', snooze: 'snooze' };

async function act(api: FastifyInstance, alerts: AlertService, req: FastifyRequest, id: string, kind: ActionKind, body: ActionBody, where: string): Promise<AlertState> {
  const p = requireAlertActor(req);
  const guarded = GUARDED[kind];
  if (guarded) await api.alertActionGuardrail(req, id, guarded);
  return alerts.act(id, p.scope, actionFrom(kind, p.name, body, where));
}

export function registerAlertRoutes(api: FastifyInstance, alerts: AlertService): void {
  api.get('/api/v1/alerts', {
    schema: {
      querystring: {
        type: 'object',
        properties: {
          state: { type: 'string', enum: [...ALERT_STATES, 'open', 'all'], default: 'open' },
          severity: { type: 'string', enum: [...SEVERITIES] },
          category: { type: 'string', enum: [...CATEGORIES] },
          tenant: { type: 'string', minLength: 1, maxLength: 100 },
          device: { type: 'string', minLength: 1, maxLength: 100 },
          rule: { type: 'string', minLength: 1, maxLength: 100 },
          limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          offset: { type: 'integer', minimum: 0, default: 0 },
        },
        additionalProperties: false,
      },
      response: responses({ 200: { type: 'object', properties: { alerts: { type: 'array', items: alertSchema }, total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' } } } }),
    },
  }, async (req) => {
    const q = req.query as { state: AlertStatus | 'open' | 'all'; severity?: Severity; category?: Category; tenant?: string; device?: string; rule?: string; limit: number; offset: number };
    const states = q.state === 'all' ? undefined : q.state === 'open' ? [...OPEN_STATES] : [q.state];
    const { alerts: list, total } = await alerts.list(
      { states, severity: q.severity, category: q.category, tenantId: q.tenant, deviceId: q.device, ruleId: q.rule },
      principalOf(req).scope,
      { limit: q.limit, offset: q.offset },
    );
    return { alerts: list.map(alertJson), total, limit: q.limit, offset: q.offset };
  });

  api.get('/api/v1/alerts/:id', {
    schema: {
      params: idParams,
      response: responses({
        200: { type: 'object', properties: { ...alertSchema.properties, manualResolve: { type: 'boolean' }, history: { type: 'array', items: historySchema } } },
      }),
    },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const found = await alerts.get(id, principalOf(req).scope);
    if (!found) throw new CollectorError('COL_ERR_NOT_FOUND', `alert ${id} not found`, { statusCode: 404 });
    return { ...alertJson(found.alert), manualResolve: found.manualResolve, history: found.history.map(historyJson) };
  });

  // Every action, single or bulk, goes through `act`: one place for who may do what.
  for (const spec of Object.values(ACTION_SPECS)) {
    api.post(`/api/v1/alerts/:id/${spec.kind}`, {
      schema: { params: idParams, body: spec.body, response: responses({ 200: alertSchema }) },
    }, async (req) => {
      const { id } = req.params as { id: string };
      return alertJson(await act(api, alerts, req, id, spec.kind, req.body as ActionBody, 'body'));
    });
  }

  api.post('/api/v1/alerts/actions', {
    schema: {
      summary: 'One action on several alerts; each alert succeeds or fails on its own and is recorded in its own history',
      body: {
        type: 'object',
        properties: {
          action: { type: 'string', enum: Object.keys(ACTION_SPECS) },
          ids: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, minItems: 1, maxItems: MAX_BULK, uniqueItems: true },
          comment: { type: 'string', maxLength: 2000 },
          assignee: { type: 'string', minLength: 1, maxLength: 200 },
          minutes: { type: 'integer', minimum: 1, maximum: MAX_SNOOZE_MINUTES },
          until: { type: 'string', minLength: 1, maxLength: 40 },
        },
        required: ['action', 'ids'],
        additionalProperties: false,
      },
      response: responses({
        200: {
          type: 'object',
          properties: {
            results: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: { type: 'string' }, ok: { type: 'boolean' }, alert: { ...alertSchema, type: ['object', 'null'] },
                  error: { type: ['object', 'null'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
                },
              },
            },
          },
        },
      }),
    },
  }, async (req) => {
    const { action, ids, ...rest } = req.body as ActionBody & { action: ActionKind; ids: string[] };
    // The role is checked once up front so a viewer gets one clear 403, not one per alert.
    requireAlertActor(req);
    const spec = ACTION_SPECS[action];
    const missing = spec.body.required.filter((k) => (rest as Record<string, unknown>)[k] === undefined || (rest as Record<string, unknown>)[k] === '');
    if (missing.length > 0) throw new CollectorError('COL_ERR_BAD_REQUEST', `body: ${action} needs ${missing.join(' and ')}`, { statusCode: 400 });
    const results = [];
    // One after the other: each alert's change is ordered with its device's evaluations.
    for (const id of ids) {
      try {
        results.push({ id, ok: true, alert: alertJson(await act(api, alerts, req, id, action, rest, 'body')), error: null });
      } catch (err) {
        if (!(err instanceof CollectorError)) throw err;
        results.push({ id, ok: false, alert: null, error: { code: err.code, message: err.message } });
      }
    }
    return { results };
  });

  api.get('/api/v1/rules', { schema: { response: responses({ 200: rulePackSchema }) } }, async (req) => {
    const { scope } = principalOf(req);
    const { pack, source } = alerts.rules();
    return {
      source: { origin: source.origin, file: source.file, updatedAt: iso(source.updatedAt), updatedBy: source.updatedBy },
      ...packJson(pack, scope),
      // The text cannot be filtered by tenant; withhold it when it holds overrides the caller may not see.
      text: visibleOverrides(pack, scope).length === pack.overrides.length ? source.text : null,
    };
  });

  // The rule pack as YAML (application/yaml, text/plain) or as the same document in JSON.
  for (const type of ['application/yaml', 'application/x-yaml', 'text/yaml']) {
    if (!api.hasContentTypeParser(type)) api.addContentTypeParser(type, { parseAs: 'string' }, (_req, body, done) => done(null, body));
  }
  api.put('/api/v1/rules', {
    schema: {
      body: { anyOf: [{ type: 'object' }, { type: 'string', minLength: 1 }], description: 'a rule pack as JSON, or as YAML with content-type application/yaml' },
      response: responses({ 200: rulePackSchema }),
    },
  }, async (req) => {
    const p = requireAdmin(req, { providerOnly: true });
    const change = await alerts.replaceRules(req.body, p.name);
    if (!change.ok) throw new CollectorError('COL_ERR_RULES_INVALID', change.problems.join('; '), { statusCode: 400 });
    req.log.info({ by: p.tokenId }, 'rule pack replaced');
    const { pack, source } = alerts.rules();
    return { source: { origin: source.origin, file: source.file, updatedAt: iso(source.updatedAt), updatedBy: source.updatedBy }, ...packJson(pack, p.scope) };
  });
}
