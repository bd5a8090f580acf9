// Maintenance windows in the store: the checked window as JSON, and how far
// its ends have been summarized (so a restart neither repeats nor loses a summary).
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { MaintenanceWindow } from './window.js';

export interface MaintenanceWindowsTable {
  id: string;
  tenant_id: string;
  window: string;
  created_at: number;
  created_by: string;
  summarized_until: number | null;
}

declare module '../store/schema.js' {
  interface Database {
    maintenance_windows: MaintenanceWindowsTable;
  }
}

export interface StoredWindow {
  window: MaintenanceWindow;
  /** The end of the last occurrence summarized; null: none yet. */
  summarizedUntil: number | null;
}

const fromRow = (r: MaintenanceWindowsTable): StoredWindow => ({
  window: JSON.parse(r.window) as MaintenanceWindow,
  summarizedUntil: r.summarized_until === null ? null : Number(r.summarized_until),
});

export class MaintenanceStore {
  constructor(private readonly db: Kysely<Database>) {}

  async add(w: MaintenanceWindow): Promise<void> {
    await this.db.insertInto('maintenance_windows').values({
      id: w.id, tenant_id: w.tenantId, window: JSON.stringify(w), created_at: w.createdAt, created_by: w.createdBy, summarized_until: null,
    }).execute();
  }

  async remove(tenantId: string, id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('maintenance_windows').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows ?? 0) > 0;
  }

  async get(tenantId: string, id: string): Promise<StoredWindow | null> {
    const r = await this.db.selectFrom('maintenance_windows').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    return r ? fromRow(r) : null;
  }

  async list(tenantId: string): Promise<StoredWindow[]> {
    const rows = await this.db.selectFrom('maintenance_windows').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('id').execute();
    return rows.map(fromRow);
  }

  async all(): Promise<StoredWindow[]> {
    const rows = await this.db.selectFrom('maintenance_windows').selectAll().orderBy('id').limit(10_000).execute();
    return rows.map(fromRow);
  }

  async summarized(id: string, until: number): Promise<void> {
    await this.db.updateTable('maintenance_windows').set({ summarized_until: until }).where('id', '=', id).execute();
  }
}
