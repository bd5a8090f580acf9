// ServiceNow Table API, /api/now/table/incident. Auth: Basic
// `username:password` (an integration user). Correlation: the incident's
// `correlation_id` holds the alert id (`correlation_display` says Tandem),
// found with `sysparm_query=correlation_id=…`. Notes are work notes. Close
// sets state 6 (Resolved) with `close_code` (`mapping.closeCode`, default
// "Solved (Permanently)") and `close_notes`; reopen sets state 1 (New).
// State model: closed in 6 (Resolved), 7 (Closed) or 8 (Canceled);
// untouched in 1 (New) with nobody in `assigned_to`.
import { NotifyError } from '../../notify/notify-error.js';
import { field, mapString } from '../connector.js';
import type { ConnectorContext, ConnectorSpec, RemoteTicket } from '../connector.js';
import { basicAuth } from '../ticket-http.js';

const TABLE = '/api/now/table/incident';
const FIELDS = 'sys_id,number,state,assigned_to';
/** Urgency and impact 1 high, 2 medium, 3 low. */
const LEVEL = { critical: '1', warning: '2', info: '3' } as const;

export const servicenow: ConnectorSpec = {
  system: 'servicenow',
  label: 'ServiceNow',
  credentials: ['username', 'password'],
  mapping: [],
  optionalMapping: ['assignmentGroup', 'company', 'callerId', 'category', 'closeCode'],
  create(ctx: ConnectorContext) {
    const headers = () => ({ authorization: basicAuth(ctx.secret('username'), ctx.secret('password')) });
    const toTicket = (t: unknown): RemoteTicket => {
      const id = field(t, 'sys_id');
      if (typeof id !== 'string' || id === '') throw new NotifyError(ctx.channel, 'ServiceNow answered an incident without a sys_id', false);
      const state = String(field(t, 'state') ?? '');
      const assigned = field(t, 'assigned_to.value') ?? field(t, 'assigned_to');
      const hasAssignee = typeof assigned === 'string' ? assigned !== '' : Boolean(assigned);
      return {
        id, ref: String(field(t, 'number') ?? id),
        state: ['6', '7', '8'].includes(state) ? 'closed' : state === '1' && !hasAssignee ? 'untouched' : 'working',
        detail: hasAssignee ? `assigned to ${String(assigned)}` : `state ${state}`,
      };
    };
    const patch = (id: string, body: Record<string, string>) => ctx.http({ method: 'PATCH', path: `${TABLE}/${id}`, headers: headers(), query: { sysparm_fields: FIELDS }, body });
    return {
      async find(key) {
        const r = await ctx.http({ method: 'GET', path: TABLE, headers: headers(), query: { sysparm_query: `correlation_id=${key}^ORDERBYDESCsys_created_on`, sysparm_fields: FIELDS, sysparm_limit: '1' } });
        const list = field(r.body, 'result');
        return Array.isArray(list) && list.length > 0 ? toTicket(list[0]) : null;
      },
      async get(id) {
        const r = await ctx.http({ method: 'GET', path: `${TABLE}/${id}`, headers: headers(), query: { sysparm_fields: FIELDS }, accept: [404] });
        return r.status === 404 ? null : toTicket(field(r.body, 'result'));
      },
      async create(t) {
        const body: Record<string, string> = {
          short_description: t.title.slice(0, 160), description: t.text, correlation_id: t.key, correlation_display: 'Tandem', urgency: LEVEL[t.severity], impact: LEVEL[t.severity],
        };
        const optional = { assignmentGroup: 'assignment_group', company: 'company', callerId: 'caller_id', category: 'category' } as const;
        for (const [k, col] of Object.entries(optional)) if (ctx.mapping[k] !== undefined) body[col] = String(ctx.mapping[k]);
        const r = await ctx.http({ method: 'POST', path: TABLE, headers: headers(), query: { sysparm_fields: FIELDS }, body });
        return toTicket(field(r.body, 'result'));
      },
      async note(id, text) {
        await patch(id, { work_notes: text });
      },
      async close(id, text) {
        await patch(id, { state: '6', close_code: mapString(ctx, 'closeCode', 'Solved (Permanently)'), close_notes: text });
      },
      async reopen(id, text) {
        const r = await patch(id, { state: '1', work_notes: text });
        return toTicket(field(r.body, 'result'));
      },
    };
  },
};
