// Autotask PSA REST API, /ATServicesRest/V1.0/Tickets. Auth: the
// ApiIntegrationcode, UserName and Secret headers. Correlation: the ticket's
// `externalID` holds the alert id, found with a Tickets/query filter on it.
// Notes are TicketNotes (internal, noteType 1). State model: closed at
// `mapping.completeStatus` (default 5, Complete); untouched while at
// `mapping.newStatus` (default 1, New) with no assigned resource.
import { NotifyError } from '../../notify/notify-error.js';
import { field, mapNumber } from '../connector.js';
import type { ConnectorContext, ConnectorSpec, RemoteTicket } from '../connector.js';

const API = '/ATServicesRest/V1.0';
/** Autotask's shipped priorities: 1 High, 2 Medium, 3 Low. */
const PRIORITY = { critical: 1, warning: 2, info: 3 } as const;

export const autotask: ConnectorSpec = {
  system: 'autotask',
  label: 'Autotask',
  credentials: ['integrationCode', 'username', 'secret'],
  mapping: ['companyID', 'queueID'],
  optionalMapping: ['newStatus', 'completeStatus'],
  create(ctx: ConnectorContext) {
    const newStatus = mapNumber(ctx, 'newStatus', 1);
    const completeStatus = mapNumber(ctx, 'completeStatus', 5);
    const headers = () => ({ ApiIntegrationcode: ctx.secret('integrationCode'), UserName: ctx.secret('username'), Secret: ctx.secret('secret') });
    const toTicket = (t: unknown): RemoteTicket => {
      const id = field(t, 'id');
      if (typeof id !== 'number') throw new NotifyError(ctx.channel, 'Autotask answered a ticket without an id', false);
      const status = Number(field(t, 'status'));
      const assigned = field(t, 'assignedResourceID');
      return {
        id: String(id), ref: String(field(t, 'ticketNumber') ?? `#${id}`),
        state: status === completeStatus ? 'closed' : status === newStatus && !assigned ? 'untouched' : 'working',
        detail: assigned ? `assigned to resource ${String(assigned)}` : `status ${status}`,
      };
    };
    const get = async (id: string) => {
      const r = await ctx.http({ method: 'GET', path: `${API}/Tickets/${id}`, headers: headers(), accept: [404] });
      const item = field(r.body, 'item');
      return r.status === 404 || !item ? null : toTicket(item);
    };
    const setStatus = (id: string, status: number) => ctx.http({ method: 'PATCH', path: `${API}/Tickets`, headers: headers(), body: { id: Number(id), status } });
    const note = async (id: string, text: string) => {
      await ctx.http({ method: 'POST', path: `${API}/Tickets/${id}/Notes`, headers: headers(), body: { ticketID: Number(id), title: 'Tandem', description: text, noteType: 1, publish: 1 } });
    };
    return {
      async find(key) {
        const search = JSON.stringify({ filter: [{ op: 'eq', field: 'externalID', value: key }] });
        const r = await ctx.http({ method: 'GET', path: `${API}/Tickets/query`, headers: headers(), query: { search } });
        const items = field(r.body, 'items');
        return Array.isArray(items) && items.length > 0 ? toTicket(items[items.length - 1]) : null;
      },
      get,
      async create(t) {
        const r = await ctx.http({
          method: 'POST', path: `${API}/Tickets`, headers: headers(),
          body: { companyID: mapNumber(ctx, 'companyID', 0), queueID: mapNumber(ctx, 'queueID', 0), title: t.title.slice(0, 255), description: t.text, status: newStatus, priority: PRIORITY[t.severity], externalID: t.key },
        });
        const id = field(r.body, 'itemId');
        if (typeof id !== 'number') throw new NotifyError(ctx.channel, 'Autotask answered the create without an itemId', false);
        return (await get(String(id))) ?? { id: String(id), ref: `#${id}`, state: 'untouched', detail: 'new' };
      },
      note,
      async close(id, text) {
        await note(id, text);
        await setStatus(id, completeStatus);
      },
      async reopen(id, text) {
        await setStatus(id, newStatus);
        await note(id, text);
        return (await get(id)) ?? { id, ref: `#${id}`, state: 'untouched', detail: 'reopened' };
      },
    };
  },
};
