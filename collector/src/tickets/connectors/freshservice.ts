// Freshservice API v2, /api/v2/tickets. Auth: Basic `apiKey:X`.
// Correlation: the tag `tandem-<alert id>`, found with
// /api/v2/tickets/filter?query="tag:'…'". Notes are private notes. Status
// codes: 2 Open, 3 Pending, 4 Resolved, 5 Closed; close sets
// `mapping.closeStatus` (default 4, Resolved), reopen sets 2. State model:
// closed at 4 or 5; untouched at 2 with no responder (agent).
import { NotifyError } from '../../notify/notify-error.js';
import { correlationTag, field, mapNumber, mapString } from '../connector.js';
import type { ConnectorContext, ConnectorSpec, RemoteTicket } from '../connector.js';
import { basicAuth } from '../ticket-http.js';

/** Priority 1 low … 4 urgent. */
const PRIORITY = { critical: 4, warning: 2, info: 1 } as const;
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const html = (text: string) => text.split('\n').map(escapeHtml).join('<br>');

export const freshservice: ConnectorSpec = {
  system: 'freshservice',
  label: 'Freshservice',
  credentials: ['apiKey'],
  mapping: ['requesterEmail'],
  optionalMapping: ['groupID', 'departmentID', 'closeStatus'],
  create(ctx: ConnectorContext) {
    const closeStatus = mapNumber(ctx, 'closeStatus', 4);
    const headers = () => ({ authorization: basicAuth(ctx.secret('apiKey'), 'X') });
    const toTicket = (t: unknown): RemoteTicket => {
      const id = field(t, 'id');
      if (typeof id !== 'number') throw new NotifyError(ctx.channel, 'Freshservice answered a ticket without an id', false);
      const status = Number(field(t, 'status'));
      const responder = field(t, 'responder_id');
      return {
        id: String(id), ref: `#${id}`,
        state: status === 4 || status === 5 ? 'closed' : status === 2 && !responder ? 'untouched' : 'working',
        detail: responder ? `assigned to agent ${String(responder)}` : `status ${status}`,
      };
    };
    const update = async (id: string, body: Record<string, unknown>) => {
      const r = await ctx.http({ method: 'PUT', path: `/api/v2/tickets/${id}`, headers: headers(), body });
      return toTicket(field(r.body, 'ticket'));
    };
    const note = async (id: string, text: string) => {
      await ctx.http({ method: 'POST', path: `/api/v2/tickets/${id}/notes`, headers: headers(), body: { body: html(text), private: true } });
    };
    return {
      async find(key) {
        const r = await ctx.http({ method: 'GET', path: '/api/v2/tickets/filter', headers: headers(), query: { query: `"tag:'${correlationTag(key)}'"` } });
        const list = field(r.body, 'tickets');
        if (!Array.isArray(list) || list.length === 0) return null;
        return toTicket([...list].sort((a, b) => Number(field(b, 'id')) - Number(field(a, 'id')))[0]);
      },
      async get(id) {
        const r = await ctx.http({ method: 'GET', path: `/api/v2/tickets/${id}`, headers: headers(), accept: [404] });
        return r.status === 404 ? null : toTicket(field(r.body, 'ticket'));
      },
      async create(t) {
        const body: Record<string, unknown> = {
          subject: t.title.slice(0, 255), description: html(t.text), email: mapString(ctx, 'requesterEmail'), status: 2, priority: PRIORITY[t.severity], tags: [correlationTag(t.key)],
        };
        if (ctx.mapping.groupID !== undefined) body.group_id = Number(ctx.mapping.groupID);
        if (ctx.mapping.departmentID !== undefined) body.department_id = Number(ctx.mapping.departmentID);
        const r = await ctx.http({ method: 'POST', path: '/api/v2/tickets', headers: headers(), body });
        return toTicket(field(r.body, 'ticket'));
      },
      note,
      async close(id, text) {
        await note(id, text);
        await update(id, { status: closeStatus });
      },
      async reopen(id, text) {
        const t = await update(id, { status: 2 });
        await note(id, text);
        return t;
      },
    };
  },
};
