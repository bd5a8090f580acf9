// ConnectWise PSA (Manage) REST API 3.0, /v4_6_release/apis/3.0/service/tickets.
// Auth: Basic `company+publicKey:privateKey` and the `clientId` header.
// Correlation: the ticket's `externalXRef` holds the alert id, searched with
// `conditions=externalXRef="…"`. State model: closed when `closedFlag` is set
// or the status is `mapping.closedStatus` (default "Closed"); untouched while
// the status is `mapping.openStatus` (default "New") and nobody owns it.
import { NotifyError } from '../../notify/notify-error.js';
import { basicAuth } from '../ticket-http.js';
import { field, mapString } from '../connector.js';
import type { ConnectorContext, ConnectorSpec, RemoteTicket } from '../connector.js';

const API = '/v4_6_release/apis/3.0';

export const connectwise: ConnectorSpec = {
  system: 'connectwise',
  label: 'ConnectWise PSA',
  credentials: ['company', 'publicKey', 'privateKey', 'clientId'],
  mapping: ['board', 'company'],
  optionalMapping: ['openStatus', 'closedStatus'],
  create(ctx: ConnectorContext) {
    const openStatus = mapString(ctx, 'openStatus', 'New');
    const closedStatus = mapString(ctx, 'closedStatus', 'Closed');
    const headers = () => ({
      authorization: basicAuth(`${ctx.secret('company')}+${ctx.secret('publicKey')}`, ctx.secret('privateKey')),
      clientid: ctx.secret('clientId'),
    });
    const toTicket = (t: unknown): RemoteTicket => {
      const id = field(t, 'id');
      if (typeof id !== 'number' && typeof id !== 'string') throw new NotifyError(ctx.channel, 'ConnectWise answered a ticket without an id', false);
      const status = String(field(t, 'status.name') ?? '');
      const owner = field(t, 'owner.identifier');
      const closed = field(t, 'closedFlag') === true || status === closedStatus;
      return {
        id: String(id), ref: `#${id}`,
        state: closed ? 'closed' : status === openStatus && !owner ? 'untouched' : 'working',
        detail: owner ? `owned by ${String(owner)}` : `status ${status}`,
      };
    };
    const setStatus = (id: string, name: string) => ctx.http({ method: 'PATCH', path: `${API}/service/tickets/${id}`, headers: headers(), body: [{ op: 'replace', path: 'status', value: { name } }] });
    const note = async (id: string, text: string) => {
      await ctx.http({ method: 'POST', path: `${API}/service/tickets/${id}/notes`, headers: headers(), body: { text, internalAnalysisFlag: true } });
    };
    return {
      async find(key) {
        const r = await ctx.http({ method: 'GET', path: `${API}/service/tickets`, headers: headers(), query: { conditions: `externalXRef="${key}"`, orderBy: 'id desc', pageSize: '1' } });
        const list = Array.isArray(r.body) ? r.body : [];
        return list.length > 0 ? toTicket(list[0]) : null;
      },
      async get(id) {
        const r = await ctx.http({ method: 'GET', path: `${API}/service/tickets/${id}`, headers: headers(), accept: [404] });
        return r.status === 404 ? null : toTicket(r.body);
      },
      async create(t) {
        const r = await ctx.http({
          method: 'POST', path: `${API}/service/tickets`, headers: headers(),
          body: { summary: t.title.slice(0, 100), initialDescription: t.text, externalXRef: t.key, board: { name: mapString(ctx, 'board') }, company: { identifier: mapString(ctx, 'company') }, status: { name: openStatus } },
        });
        return toTicket(r.body);
      },
      note,
      async close(id, text) {
        await note(id, text);
        await setStatus(id, closedStatus);
      },
      async reopen(id, text) {
        await setStatus(id, openStatus);
        await note(id, text);
        return { id, ref: `#${id}`, state: 'untouched', detail: `status ${openStatus}` };
      },
    };
  },
};
