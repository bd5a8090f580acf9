// The store of scheduled report deliveries (migration 0014): a period is
// claimed before its report is sent, marked sent after, and released when
// sending failed so the next check tries again.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

export interface ReportDeliveriesTable {
  tenant_id: string;
  kind: string;
  period: string;
  /** sending | sent */
  state: string;
  claimed_at: number;
  sent_at: number | null;
  contacts: string;
}

interface Db { report_deliveries: ReportDeliveriesTable }

/** A claim older than this is from a node that stopped mid-send; another node may take it over. */
const STALE_CLAIM_MS = 30 * 60_000;

export class ReportDeliveries {
  private readonly db: Kysely<Db>;
  // The table is this module's own (kept out of the shared schema type): one cast, here.
  constructor(db: Kysely<Database>) {
    this.db = db as unknown as Kysely<Db>;
  }

  /** true when this caller now owns sending the period's report. */
  async claim(tenantId: string, kind: string, period: string, contacts: string[], at: number): Promise<boolean> {
    await this.db.deleteFrom('report_deliveries').where('tenant_id', '=', tenantId).where('kind', '=', kind).where('period', '=', period)
      .where('state', '=', 'sending').where('claimed_at', '<', at - STALE_CLAIM_MS).execute();
    const r = await this.db.insertInto('report_deliveries')
      .values({ tenant_id: tenantId, kind, period, state: 'sending', claimed_at: at, sent_at: null, contacts: JSON.stringify(contacts) })
      .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'period']).doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async sent(tenantId: string, kind: string, period: string, at: number): Promise<void> {
    await this.db.updateTable('report_deliveries').set({ state: 'sent', sent_at: at }).where('tenant_id', '=', tenantId).where('kind', '=', kind).where('period', '=', period).execute();
  }

  async release(tenantId: string, kind: string, period: string): Promise<void> {
    await this.db.deleteFrom('report_deliveries').where('tenant_id', '=', tenantId).where('kind', '=', kind).where('period', '=', period).where('state', '=', 'sending').execute();
  }

  async list(tenantId: string): Promise<Array<{ kind: string; period: string; state: string; sentAt: number | null; contacts: string[] }>> {
    const rows = await this.db.selectFrom('report_deliveries').selectAll().where('tenant_id', '=', tenantId).orderBy('period', 'desc').execute();
    return rows.map((r) => ({ kind: r.kind, period: r.period, state: r.state, sentAt: r.sent_at === null ? null : Number(r.sent_at), contacts: JSON.parse(r.contacts) as string[] }));
  }
}
