// HaloPSA REST API. Auth: OAuth2 client credentials at /auth/token (with
// `?tenant=` for hosted instances), then a Bearer token, kept until shortly
// before it expires. Tickets are created and updated by POSTing an array to
// /api/Tickets (an entry with an `id` updates); notes are private Actions.
// Correlation: Halo has no external-id field for this, so the summary
// carries `[tandem:<alert id>]` and /api/Tickets?search= finds it (the
// answer is checked for the exact token). State model: closed at
// `mapping.closedStatus` (default 9, Closed); untouched while at
// `mapping.newStatus` (default 1, New) with no agent.
import { NotifyError } from '../../notify/notify-error.js';
import { rememberSecret } from '../../auth/redact.js';
import { correlationToken, field, mapNumber, mapString } from '../connector.js';
import type { ConnectorContext, ConnectorSpec, RemoteTicket } from '../connector.js';
import type { TicketRequest } from '../ticket-http.js';

export const halopsa: ConnectorSpec = {
  system: 'halopsa',
  label: 'HaloPSA',
  credentials: ['clientId', 'clientSecret'],
  mapping: ['clientID'],
  optionalMapping: ['tenant', 'ticketTypeID', 'team', 'newStatus', 'closedStatus'],
  create(ctx: ConnectorContext) {
    const newStatus = mapNumber(ctx, 'newStatus', 1);
    const closedStatus = mapNumber(ctx, 'closedStatus', 9);
    let token: { value: string; until: number } | null = null;
    const headers = async () => {
      if (!token || Date.now() >= token.until) {
        const tenant = mapString(ctx, 'tenant');
        const r = await ctx.http({
          method: 'POST', path: '/auth/token', query: tenant ? { tenant } : {},
          form: { grant_type: 'client_credentials', client_id: ctx.secret('clientId'), client_secret: ctx.secret('clientSecret'), scope: 'all' },
        });
        const value = field(r.body, 'access_token');
        if (typeof value !== 'string') throw new NotifyError(ctx.channel, 'HaloPSA answered the token request without an access_token', false);
        // The access token is a credential too: kept out of every later log line and error.
        rememberSecret(value);
        const life = Number(field(r.body, 'expires_in') ?? 3600);
        token = { value, until: Date.now() + Math.max(0, life - 60) * 1000 };
      }
      return { authorization: `Bearer ${token.value}` };
    };
    // Every API call: a 401 means the token was revoked or expired early; it is dropped and the call is worth another try.
    const api = async (r: Omit<TicketRequest, 'headers'>) => {
      const res = await ctx.http({ ...r, headers: await headers(), accept: [...(r.accept ?? []), 401] });
      if (res.status === 401) {
        token = null;
        throw new NotifyError(ctx.channel, `${r.method} ${r.path}: HTTP 401, the access token was refused`, true);
      }
      return res;
    };
    const toTicket = (t: unknown): RemoteTicket => {
      const id = field(t, 'id');
      if (typeof id !== 'number') throw new NotifyError(ctx.channel, 'HaloPSA answered a ticket without an id', false);
      const status = Number(field(t, 'status_id'));
      const agent = Number(field(t, 'agent_id') ?? 0);
      return {
        id: String(id), ref: `#${id}`,
        state: status === closedStatus ? 'closed' : status === newStatus && !agent ? 'untouched' : 'working',
        detail: agent ? `assigned to agent ${agent}` : `status ${status}`,
      };
    };
    const post = async (body: Record<string, unknown>) => {
      const r = await api({ method: 'POST', path: '/api/Tickets', body: [body] });
      return toTicket(Array.isArray(r.body) ? r.body[0] : r.body);
    };
    const note = async (id: string, text: string) => {
      await api({ method: 'POST', path: '/api/Actions', body: [{ ticket_id: Number(id), note: text, outcome: 'Private Note', hiddenfromuser: true }] });
    };
    return {
      async find(key) {
        const token = correlationToken(key);
        const r = await api({ method: 'GET', path: '/api/Tickets', query: { search: token, order: 'id', orderdesc: 'true', pageinate: 'true', page_size: '10', page_no: '1' } });
        const list = field(r.body, 'tickets');
        const hit = Array.isArray(list) ? list.find((t) => String(field(t, 'summary') ?? '').includes(token)) : undefined;
        return hit ? toTicket(hit) : null;
      },
      async get(id) {
        const r = await api({ method: 'GET', path: `/api/Tickets/${id}`, accept: [404] });
        return r.status === 404 ? null : toTicket(r.body);
      },
      create(t) {
        const extra: Record<string, unknown> = {};
        if (ctx.mapping.ticketTypeID !== undefined) extra.tickettype_id = Number(ctx.mapping.ticketTypeID);
        if (ctx.mapping.team !== undefined) extra.team = String(ctx.mapping.team);
        return post({ summary: `${t.title.slice(0, 200)} ${correlationToken(t.key)}`, details: t.text, client_id: mapNumber(ctx, 'clientID', 0), status_id: newStatus, ...extra });
      },
      note,
      async close(id, text) {
        await note(id, text);
        await post({ id: Number(id), status_id: closedStatus });
      },
      async reopen(id, text) {
        const t = await post({ id: Number(id), status_id: newStatus });
        await note(id, text);
        return t;
      },
    };
  },
};
