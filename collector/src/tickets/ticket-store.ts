// Which ticket each alert has in each system: alert id → ticket id, per
// team and channel, persisted so a retry, a re-fire or a restart finds the
// ticket instead of opening another. `applied` is the last alert event the
// ticket received (kind@time), so a retried delivery adds no second note;
// `linked` the other party's ticket references already written into it.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

export interface AlertTicketsTable {
  alert_id: string;
  /** The alert's key (tenant/device/rule/instance): a later episode finds the ticket to reopen by it. */
  alert_key: string;
  tenant_id: string;
  team: string;
  channel: string;
  system: string;
  ticket_id: string;
  ticket_ref: string;
  /** open, closed (Tandem closed it), left-open (resolved while someone was working it). An empty ticket_id: resolved before a ticket could be opened. */
  status: string;
  applied: string;
  /** JSON array of the other party's ticket references noted in this ticket. */
  linked: string;
  created_at: number;
  closed_at: number | null;
  updated_at: number;
}

declare module '../store/schema.js' {
  interface Database {
    alert_tickets: AlertTicketsTable;
  }
}

export interface TicketLink {
  alertId: string;
  alertKey: string;
  tenantId: string;
  team: 'internal' | 'provider';
  channel: string;
  system: string;
  ticketId: string;
  ticketRef: string;
  status: 'open' | 'closed' | 'left-open';
  applied: string;
  linked: string[];
  createdAt: number;
  closedAt: number | null;
  updatedAt: number;
}

const fromRow = (r: AlertTicketsTable): TicketLink => ({
  alertId: r.alert_id, alertKey: r.alert_key, tenantId: r.tenant_id, team: r.team as TicketLink['team'], channel: r.channel, system: r.system,
  ticketId: r.ticket_id, ticketRef: r.ticket_ref, status: r.status as TicketLink['status'], applied: r.applied, linked: JSON.parse(r.linked) as string[],
  createdAt: Number(r.created_at), closedAt: r.closed_at === null ? null : Number(r.closed_at), updatedAt: Number(r.updated_at),
});

export class TicketStore {
  constructor(readonly db: Kysely<Database>) {}

  async get(alertId: string, team: string, channel: string): Promise<TicketLink | null> {
    const r = await this.db.selectFrom('alert_tickets').selectAll().where('alert_id', '=', alertId).where('team', '=', team).where('channel', '=', channel).executeTakeFirst();
    return r ? fromRow(r) : null;
  }

  /** Every ticket of an alert, any team (the other party's ticket, the alert's page). */
  async forAlert(alertId: string): Promise<TicketLink[]> {
    const rows = await this.db.selectFrom('alert_tickets').selectAll().where('alert_id', '=', alertId).where('ticket_id', '!=', '').orderBy('created_at').execute();
    return rows.map(fromRow);
  }

  /** The newest ticket an earlier episode of the same alert key had on this channel. */
  async latestForKey(tenantId: string, alertKey: string, team: string, channel: string): Promise<TicketLink | null> {
    const r = await this.db.selectFrom('alert_tickets').selectAll().where('tenant_id', '=', tenantId).where('alert_key', '=', alertKey)
      .where('team', '=', team).where('channel', '=', channel).where('ticket_id', '!=', '').orderBy('updated_at', 'desc').limit(1).executeTakeFirst();
    return r ? fromRow(r) : null;
  }

  async save(l: Omit<TicketLink, 'updatedAt'>, at: number): Promise<void> {
    const values = {
      alert_id: l.alertId, alert_key: l.alertKey, tenant_id: l.tenantId, team: l.team, channel: l.channel, system: l.system, ticket_id: l.ticketId, ticket_ref: l.ticketRef,
      status: l.status, applied: l.applied, linked: JSON.stringify(l.linked), created_at: l.createdAt, closed_at: l.closedAt, updated_at: at,
    };
    const { alert_id: _a, team: _t, channel: _c, ...rest } = values;
    await this.db.insertInto('alert_tickets').values(values).onConflict((oc) => oc.columns(['alert_id', 'team', 'channel']).doUpdateSet(rest)).execute();
  }
}
