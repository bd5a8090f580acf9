// What the alert page reads besides the alert itself: its timeline (history,
// routing decisions and notifications in one list) and the people it can be
// assigned to. Both look the alert up in the caller's tenant scope first, so
// another tenant's alert is "not found".
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { CollectorError } from '../errors.js';
import { principalOf } from './auth.js';
import { requireAlertActor } from './alert-routes.js';
import { alertTimeline } from './alert-timeline.js';
import { NotificationRecordStore } from '../notify/record/record-store.js';
import { idParams, nullableString, nullableTime, responses } from './api-schemas.js';
import { AlertStore } from '../rules/alert-store.js';
import type { RoutingEngine } from '../routing/routing-stage.js';
import { TEAMS } from '../routing/ownership-config.js';
import type { Team } from '../routing/ownership-config.js';
import { assignableUsers } from '../auth/assignable-users.js';
import { isInternalRole } from '../auth/roles.js';
import type { Database } from '../store/schema.js';
import { DeadLetterStore } from '../notify/dead-letter-store.js';
import { TicketStore } from '../tickets/ticket-store.js';

/** A timeline longer than this shows its newest entries (a flapping alert can gather many). */
const MAX_ENTRIES = 1000;

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

const teamSchema = { type: 'object', properties: { name: { type: 'string' }, timeZone: nullableString } } as const;
const entrySchema = {
  type: 'object',
  additionalProperties: true,
  properties: { at: nullableTime, kind: { type: 'string' }, text: { type: 'string' }, actor: nullableString, comment: nullableString },
} as const;

const notFound = (id: string) => new CollectorError('COL_ERR_NOT_FOUND', `alert ${id} not found`, { statusCode: 404 });

const teamsOfOwner = (owner: string): Team[] => (owner === 'both' ? [...TEAMS] : TEAMS.filter((t) => t === owner));

export function registerAlertTimelineRoutes(api: FastifyInstance, options: { routing: RoutingEngine; db: Kysely<Database> }): void {
  const { routing } = options;
  const alerts = new AlertStore(options.db);

  api.get('/api/v1/alerts/:id/timeline', {
    schema: {
      summary: "An alert's history, routing decisions and notification deliveries, oldest first",
      params: idParams,
      response: responses({
        200: {
          type: 'object',
          properties: {
            alertId: { type: 'string' },
            tenantId: { type: 'string' },
            owner: nullableString,
            dueAt: nullableTime,
            teams: { type: 'object', properties: { internal: teamSchema, provider: teamSchema }, description: 'each team of the tenant with the IANA zone of its business hours (null: around the clock)' },
            truncated: { type: 'boolean', description: 'older entries were left out' },
            entries: { type: 'array', items: entrySchema },
            tickets: {
              type: 'array', description: 'the alert\'s ticket in each team\'s ticket system',
              items: { type: 'object', properties: { team: { type: 'string' }, channel: { type: 'string' }, system: { type: 'string' }, ref: { type: 'string' }, status: { type: 'string' } } },
            },
          },
        },
      }),
    },
  }, async (req) => {
    const { id } = req.params as { id: string };
    const found = await routing.routingOf(id, principalOf(req).scope);
    if (!found) throw notFound(id);
    const { alert, route, decisions } = found;
    const [history, { config }] = await Promise.all([alerts.history(id), routing.tenantConfig(alert.tenantId)]);
    const [tickets, letters] = await Promise.all([new TicketStore(options.db).forAlert(id), new DeadLetterStore(options.db).forAlert(alert.tenantId, id)]);
    // Holds by maintenance and inhibition never reach notify, so only the record has them.
    const held = (await new NotificationRecordStore(options.db).forAlert(id)).filter((r) => r.suppressedBy === 'maintenance' || r.suppressedBy === 'inhibition');
    const all = alertTimeline(history, decisions, held);
    // Ticket updates (acknowledgements, comments) have no routing decision: their dead letters are listed here.
    const shown = new Set(all.map((e) => e.deadLetter).filter(Boolean));
    for (const l of letters) {
      if (shown.has(l.id)) continue;
      all.push({ at: l.at, kind: 'notification', actor: null, comment: null, reason: l.kind, team: l.team, channel: l.channel, status: 'failed', attempts: l.attempts, group: null, deadLetter: l.id, retryable: l.retryable, text: `failed after ${l.attempts} attempt${l.attempts === 1 ? '' : 's'}: ${l.error}` });
    }
    all.sort((x, y) => x.at - y.at);
    const entries = all.slice(-MAX_ENTRIES);
    return {
      alertId: alert.id,
      tenantId: alert.tenantId,
      owner: route?.decision.owner ?? null,
      dueAt: route ? iso(route.firedAt + route.decision.slaMinutes * 60_000) : null,
      teams: Object.fromEntries(TEAMS.map((t) => [t, { name: config.teams[t].name, timeZone: config.teams[t].hours?.timeZone ?? null }])),
      truncated: entries.length < all.length,
      entries: entries.map((e) => ({ ...e, at: iso(e.at) })),
      tickets: tickets.map((t) => ({ team: t.team, channel: t.channel, system: t.system, ref: t.ticketRef, status: t.status })),
    };
  });

  api.get('/api/v1/alerts/:id/assignees', {
    schema: {
      summary: 'People of the owning team who can work the alert (internal IT sees its own people only)',
      params: idParams,
      response: responses({
        200: {
          type: 'object',
          properties: {
            alertId: { type: 'string' },
            owner: { type: 'string' },
            users: {
              type: 'array',
              items: { type: 'object', properties: { name: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' }, team: { type: 'string' } } },
            },
          },
        },
      }),
    },
  }, async (req) => {
    // Only people who may assign get the list: a viewer has no use for it.
    const p = requireAlertActor(req);
    const { id } = req.params as { id: string };
    const found = await routing.routingOf(id, p.scope);
    if (!found) throw notFound(id);
    const owner = found.route?.decision.owner ?? (await routing.decideNow(found.alert)).decision.owner;
    // Internal IT never sees the provider's staff (as with GET /api/v1/users).
    const teams = teamsOfOwner(owner).filter((t) => !isInternalRole(p.role) || t === 'internal');
    return { alertId: id, owner, users: await assignableUsers(options.db, found.alert.tenantId, teams) };
  });
}
