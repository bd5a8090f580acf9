// The statements behind a group commit (group-commit.ts), per backend.
// SQLite: better-sqlite3 statements prepared once and run on the store's one
// connection, holding Kysely's lock on it so no other query interleaves.
// PostgreSQL: Kysely, one multi-row insert per group and the device rows
// locked in id order (so two nodes' groups never wait on each other in a cycle).
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';
import { writeGroup } from './group-commit.js';
import type { LatestCache } from './latest-cache.js';
import type { CommitOutcome, DeviceUpdate, GroupDeviceRow, GroupTransaction, IngestItem, ReportInsert } from './group-commit.js';

/** Stores a group in one transaction; throws when the transaction fails as a whole. */
export type GroupRunner = (items: readonly IngestItem[], now: number, cache?: LatestCache) => Promise<CommitOutcome[]>;

const DEVICE_COLUMNS = ['id', 'tenant_id', 'hostname', 'os', 'site', 'tags', 'revoked_at', 'last_seq', 'topic_seqs'] as const;

/** Rows per multi-row insert: 7 values each, far below either backend's limit on bound values. */
const INSERT_CHUNK = 200;

export function sqliteGroupRunner(db: Kysely<Database>, sqlite: BetterSqlite3.Database): GroupRunner {
  // Prepared on first use: the columns exist only once the store is migrated.
  let s: ReturnType<typeof prepare> | null = null;
  const prepare = () => ({
    begin: sqlite.prepare('begin immediate'),
    commit: sqlite.prepare('commit'),
    rollback: sqlite.prepare('rollback'),
    device: sqlite.prepare(`select ${DEVICE_COLUMNS.join(', ')} from devices where id = ?`),
    latest: sqlite.prepare('select latest_snapshot from devices where id = ?').pluck(),
    stored: sqlite.prepare('select 1 from reports where device_id = ? and seq = ?').pluck(),
    insert: sqlite.prepare('insert into reports (device_id, seq, kind, collected_at, received_at, body, adjustments) values (@device_id, @seq, @kind, @collected_at, @received_at, @body, @adjustments)'),
    update: sqlite.prepare(`update devices set last_seq = @last_seq, last_seen_at = @last_seen_at,
      last_report_at = coalesce(@last_report_at, last_report_at), latest_snapshot = coalesce(@latest_snapshot, latest_snapshot),
      topic_seqs = coalesce(@topic_seqs, topic_seqs), hostname = coalesce(@hostname, hostname) where id = @id`),
  });
  const tx: GroupTransaction = {
    async devices(ids) {
      const out = new Map<string, GroupDeviceRow>();
      for (const id of ids) {
        const row = s!.device.get(id) as GroupDeviceRow | undefined;
        if (row) out.set(id, row);
      }
      return out;
    },
    async latestSnapshots(ids) {
      const out = new Map<string, string | null>();
      for (const id of ids) out.set(id, (s!.latest.get(id) as string | null | undefined) ?? null);
      return out;
    },
    async stored(deviceId, seq) {
      return s!.stored.get(deviceId, seq) !== undefined;
    },
    async insertReports(rows: ReportInsert[]) {
      for (const row of rows) s!.insert.run(row);
    },
    async updateDevices(rows: DeviceUpdate[]) {
      for (const row of rows) s!.update.run(row);
    },
  };
  return (items, now, cache) => db.connection().execute(async () => {
    s ??= prepare();
    s.begin.run();
    try {
      const outcomes = await writeGroup(tx, items, now, cache);
      s.commit.run();
      return outcomes;
    } catch (err) {
      if (sqlite.inTransaction) s.rollback.run();
      throw err;
    }
  });
}

export function kyselyGroupRunner(db: Kysely<Database>, lockRows: boolean): GroupRunner {
  return (items, now, cache) => db.transaction().execute((trx) => writeGroup(kyselyTransaction(trx, lockRows), items, now, cache));
}

function kyselyTransaction(trx: Transaction<Database>, lockRows: boolean): GroupTransaction {
  return {
    async devices(ids) {
      const out = new Map<string, GroupDeviceRow>();
      for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
        const base = trx.selectFrom('devices').select([...DEVICE_COLUMNS]).where('id', 'in', ids.slice(i, i + INSERT_CHUNK)).orderBy('id');
        for (const row of await (lockRows ? base.forUpdate() : base).execute()) out.set(row.id, row as GroupDeviceRow);
      }
      return out;
    },
    async latestSnapshots(ids) {
      const out = new Map<string, string | null>();
      for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
        const rows = await trx.selectFrom('devices').select(['id', 'latest_snapshot']).where('id', 'in', ids.slice(i, i + INSERT_CHUNK)).execute();
        for (const row of rows) out.set(row.id, row.latest_snapshot);
      }
      return out;
    },
    async stored(deviceId, seq) {
      return !!(await trx.selectFrom('reports').select('seq').where('device_id', '=', deviceId).where('seq', '=', seq).executeTakeFirst());
    },
    async insertReports(rows) {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) await trx.insertInto('reports').values(rows.slice(i, i + INSERT_CHUNK)).execute();
    },
    async updateDevices(rows) {
      for (const r of rows) {
        await trx.updateTable('devices').set({
          last_seq: r.last_seq, last_seen_at: r.last_seen_at,
          ...(r.last_report_at !== null ? { last_report_at: r.last_report_at } : {}),
          ...(r.latest_snapshot !== null ? { latest_snapshot: r.latest_snapshot } : {}),
          ...(r.topic_seqs !== null ? { topic_seqs: r.topic_seqs } : {}),
          ...(r.hostname !== null ? { hostname: r.hostname } : {}),
        }).where('id', '=', r.id).execute();
      }
    },
  };
}
