// The last good copy of every feed, so a feed that fails — or a restart
// while it fails — keeps the holidays and absences it last gave. One row per
// tenant, team and calendar; portable Kysely.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { ImportedEvent } from './parse-ics.js';

export interface CalendarFeedsTable {
  tenant_id: string;
  team: string;
  name: string;
  /** JSON ImportedEvent[] of the last good fetch. */
  events: string;
  /** When the events were fetched; null: never yet. */
  good_at: number | null;
  attempt_at: number;
  /** The last attempt's problem (secret-free); null when it succeeded. */
  error: string | null;
  /** The last good fetch had more events than are kept. */
  truncated: number;
}

declare module '../store/schema.js' {
  interface Database {
    calendar_feeds: CalendarFeedsTable;
  }
}

export interface FeedState {
  tenantId: string;
  team: 'internal' | 'provider';
  name: string;
  events: ImportedEvent[];
  goodAt: number | null;
  attemptAt: number;
  error: string | null;
  truncated: boolean;
}

const fromRow = (r: CalendarFeedsTable): FeedState => ({
  tenantId: r.tenant_id, team: r.team as FeedState['team'], name: r.name, events: JSON.parse(r.events) as ImportedEvent[],
  goodAt: r.good_at === null ? null : Number(r.good_at), attemptAt: Number(r.attempt_at), error: r.error, truncated: r.truncated === 1,
});

export class CalendarStore {
  constructor(private readonly db: Kysely<Database>) {}

  async all(): Promise<FeedState[]> {
    return (await this.db.selectFrom('calendar_feeds').selectAll().execute()).map(fromRow);
  }

  async save(s: FeedState): Promise<void> {
    const row = {
      tenant_id: s.tenantId, team: s.team, name: s.name, events: JSON.stringify(s.events), good_at: s.goodAt, attempt_at: s.attemptAt, error: s.error, truncated: s.truncated ? 1 : 0,
    };
    await this.db.insertInto('calendar_feeds').values(row)
      .onConflict((oc) => oc.columns(['tenant_id', 'team', 'name']).doUpdateSet({ events: row.events, good_at: row.good_at, attempt_at: row.attempt_at, error: row.error, truncated: row.truncated }))
      .execute();
  }
}
