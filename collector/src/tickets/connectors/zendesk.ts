// Zendesk Support API v2, /api/v2/tickets. Auth: Basic
// `email/token:apiToken`. Correlation: the ticket's `external_id` holds the
// alert id, listed with /api/v2/tickets?external_id=…. Notes are private
// comments; close sets status "solved". A closed ticket cannot be changed in
// Zendesk, so reopening one opens a follow-up (`via_followup_source_id`)
// with the same external_id. State model: closed when solved or closed;
// untouched while new or open with no assignee.
import { NotifyError } from '../../notify/notify-error.js';
import { correlationTag, field } from '../connector.js';
import type { ConnectorContext, ConnectorSpec, NewTicket, RemoteTicket } from '../connector.js';
import { basicAuth } from '../ticket-http.js';

const PRIORITY = { critical: 'urgent', warning: 'normal', info: 'low' } as const;

export const zendesk: ConnectorSpec = {
  system: 'zendesk',
  label: 'Zendesk',
  credentials: ['email', 'apiToken'],
  mapping: [],
  optionalMapping: ['groupID', 'brandID'],
  create(ctx: ConnectorContext) {
    const headers = () => ({ authorization: basicAuth(`${ctx.secret('email')}/token`, ctx.secret('apiToken')) });
    const toTicket = (t: unknown): RemoteTicket => {
      const id = field(t, 'id');
      if (typeof id !== 'number') throw new NotifyError(ctx.channel, 'Zendesk answered a ticket without an id', false);
      const status = String(field(t, 'status') ?? '');
      const assignee = field(t, 'assignee_id');
      return {
        id: String(id), ref: `#${id}`,
        state: status === 'solved' || status === 'closed' ? 'closed' : (status === 'new' || status === 'open') && !assignee ? 'untouched' : 'working',
        detail: assignee ? `assigned to agent ${String(assignee)}` : `status ${status}`,
      };
    };
    const update = async (id: string, ticket: Record<string, unknown>) => {
      const r = await ctx.http({ method: 'PUT', path: `/api/v2/tickets/${id}`, headers: headers(), body: { ticket } });
      return toTicket(field(r.body, 'ticket'));
    };
    const createTicket = async (t: NewTicket, extra: Record<string, unknown> = {}) => {
      const ticket: Record<string, unknown> = {
        subject: t.title.slice(0, 255), comment: { body: t.text, public: false }, external_id: t.key, priority: PRIORITY[t.severity], tags: [correlationTag(t.key)], ...extra,
      };
      if (ctx.mapping.groupID !== undefined) ticket.group_id = Number(ctx.mapping.groupID);
      if (ctx.mapping.brandID !== undefined) ticket.brand_id = Number(ctx.mapping.brandID);
      const r = await ctx.http({ method: 'POST', path: '/api/v2/tickets', headers: headers(), body: { ticket } });
      return toTicket(field(r.body, 'ticket'));
    };
    const rawGet = async (id: string) => {
      const r = await ctx.http({ method: 'GET', path: `/api/v2/tickets/${id}`, headers: headers(), accept: [404] });
      return r.status === 404 ? null : field(r.body, 'ticket');
    };
    return {
      async find(key) {
        const r = await ctx.http({ method: 'GET', path: '/api/v2/tickets', headers: headers(), query: { external_id: key } });
        const list = field(r.body, 'tickets');
        if (!Array.isArray(list) || list.length === 0) return null;
        // A follow-up carries the same external_id; the newest is the one in use.
        return toTicket([...list].sort((a, b) => Number(field(b, 'id')) - Number(field(a, 'id')))[0]);
      },
      async get(id) {
        const t = await rawGet(id);
        return t ? toTicket(t) : null;
      },
      create: (t) => createTicket(t),
      async note(id, text) {
        await update(id, { comment: { body: text, public: false } });
      },
      async close(id, text) {
        await update(id, { status: 'solved', comment: { body: text, public: false } });
      },
      async reopen(id, text, t) {
        const current = await rawGet(id);
        if (current && field(current, 'status') === 'closed') return createTicket({ ...t, text: `${text}\n\n${t.text}` }, { via_followup_source_id: Number(id) });
        return update(id, { status: 'open', comment: { body: text, public: false } });
      },
    };
  },
};
