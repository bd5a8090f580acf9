// Retention on the store the project runs with (embedded, or PostgreSQL under
// collector-pg): old history goes in bounded batches, while the latest status,
// each device's newest report and open alerts stay whatever their age.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { sampleSnapshot, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { createRetention } from '../../src/retention/index.js';
import type { RetentionConfig } from '../../src/retention/index.js';
import type { Database } from '../../src/store/schema.js';
import { ALL_TENANTS } from '../../src/store/store.js';

const DAY = 86_400_000;
const quiet = { info: () => {}, warn: () => {} };
const config = (over: Partial<RetentionConfig> = {}): RetentionConfig => ({ reportsDays: 30, alertsDays: 365, notificationsDays: 90, intervalMinutes: 60, batchSize: 10, ...over });

let h: Harness;
let db: Kysely<Database>;
beforeAll(async () => {
  h = await startHarness();
  db = h.server.store.db;
});
afterAll(async () => { await h.close(); });

async function reportsOf(deviceId: string): Promise<number[]> {
  return (await db.selectFrom('reports').select('seq').where('device_id', '=', deviceId).orderBy('seq').execute()).map((r) => Number(r.seq));
}

async function ageReports(deviceId: string, seqs: number[], at: number): Promise<void> {
  await db.updateTable('reports').set({ received_at: at, collected_at: at }).where('device_id', '=', deviceId).where('seq', 'in', seqs).execute();
}

async function insertAlert(id: string, o: { state: string; updatedAt: number; resolvedAt: number | null; current?: boolean }): Promise<void> {
  await db.insertInto('alerts').values({
    id, alert_key: `k-${id}`, tenant_id: h.tenantId, device_id: 'd-none', rule_id: 'disk-full', instance: '/', category: 'disk', severity: 'warning',
    state: o.state, flapping: 0, summary: 'Volume / is 93% full', labels: '{}', pending_since: o.updatedAt - 1000, fired_at: o.updatedAt - 500,
    resolved_at: o.resolvedAt, updated_at: o.updatedAt, ack_by: null, ack_comment: null, ack_at: null, assignee: null, assigned_by: null, assigned_at: null,
    snoozed_until: null, tracking: '{}', history_count: 1, is_current: o.current === false ? 0 : 1,
  }).execute();
  await db.insertInto('alert_history').values({ alert_id: id, seq: 1, at: o.updatedAt, from_state: null, to_state: o.state, severity: 'warning', cause: 'evaluation', actor: null, comment: null, notified: 0 }).execute();
  await db.insertInto('alert_routes').values({
    alert_id: id, tenant_id: h.tenantId, config_version: 1, owner: 'internal', sla_minutes: 60, decision: '{}', fired_at: o.updatedAt, escalated_at: null,
    reminders: 0, last_reminder_at: null, state: o.state, updated_at: o.updatedAt, notified: null,
  }).execute();
  await db.insertInto('alert_route_decisions').values({ alert_id: id, seq: 1, at: o.updatedAt, reason: 'fired', owner: 'internal', sla_minutes: 60, config_version: 1, trace: '[]', deliveries: '[]' }).execute();
}

async function insertDeadLetter(id: string, at: number): Promise<void> {
  await db.insertInto('notify_dead_letters').values({
    id, tenant_id: h.tenantId, at, team: 'internal', channel: 'hook', channel_type: 'webhook', kind: 'firing', alert_ids: '[]', alert_count: 1,
    error: 'HTTP 500', retryable: 1, attempts: 6, notification: '{}', status: 'open', retried_at: null, retried_by: null,
  }).execute();
}

describe('retention', () => {
  it('prunes old reports in batches, keeping each device\'s newest report and its latest status', async () => {
    const busy = await h.enroll();
    const lone = await h.enroll();
    for (let seq = 1; seq <= 25; seq++) await h.server.store.commitReport(busy.deviceId, seq, sampleSnapshot(busy.deviceId, 40 + seq));
    for (let seq = 1; seq <= 3; seq++) await h.server.store.commitReport(lone.deviceId, seq, sampleSnapshot(lone.deviceId, 50 + seq));
    const old = Date.now() - 31 * DAY;
    await ageReports(busy.deviceId, Array.from({ length: 20 }, (_, i) => i + 1), old);
    // Every report of this device is old, the newest too.
    await ageReports(lone.deviceId, [1, 2, 3], old);

    // Something else wants the event loop meanwhile (an agent's report, say): it gets turns between batches.
    let turns = 0;
    let done = false;
    const other = () => { turns++; if (!done) setImmediate(other); };
    setImmediate(other);
    const run = await createRetention({ db, config: config(), log: quiet }).runOnce();
    done = true;

    expect(run.reports).toBe(22);
    expect(await reportsOf(busy.deviceId)).toEqual([21, 22, 23, 24, 25]);
    expect(await reportsOf(lone.deviceId)).toEqual([3]);
    expect((await h.server.store.getDevice(lone.deviceId, ALL_TENANTS))!.status!.disk!.volumes[0]!.usedPercent).toBe(53);
    // 20 old reports of one device at 10 a batch: three batches (the last finds none), one each for the others.
    expect(run.batches).toBeGreaterThanOrEqual(4);
    expect(turns).toBeGreaterThanOrEqual(run.batches);

    // A second pass finds nothing more.
    expect((await createRetention({ db, config: config(), log: quiet }).runOnce()).reports).toBe(0);
  });

  it('prunes resolved alert episodes with their history and routing records, never an open alert', async () => {
    const long = Date.now() - 400 * DAY;
    const recent = Date.now() - 10 * DAY;
    await insertAlert('a-resolved-old', { state: 'resolved', updatedAt: long, resolvedAt: long });
    await insertAlert('a-resolved-old-earlier-episode', { state: 'resolved', updatedAt: long - DAY, resolvedAt: long - DAY, current: false });
    await insertAlert('a-firing-old', { state: 'firing', updatedAt: long, resolvedAt: null });
    await insertAlert('a-acked-old', { state: 'acknowledged', updatedAt: long, resolvedAt: null });
    await insertAlert('a-resolved-recent', { state: 'resolved', updatedAt: recent, resolvedAt: recent });

    const run = await createRetention({ db, config: config({ batchSize: 1 }), log: quiet }).runOnce();
    expect(run.alerts).toBe(2);
    const left = (await db.selectFrom('alerts').select('id').where('id', 'like', 'a-%').orderBy('id').execute()).map((r) => r.id);
    expect(left).toEqual(['a-acked-old', 'a-firing-old', 'a-resolved-recent']);
    for (const table of ['alert_history', 'alert_routes', 'alert_route_decisions'] as const) {
      const ids = (await db.selectFrom(table).select('alert_id').where('alert_id', 'like', 'a-%').orderBy('alert_id').execute()).map((r) => r.alert_id);
      expect(ids, table).toEqual(left);
    }
  });

  it('prunes old notification records', async () => {
    await insertDeadLetter('dl-old', Date.now() - 91 * DAY);
    await insertDeadLetter('dl-new', Date.now() - DAY);
    const run = await createRetention({ db, config: config(), log: quiet }).runOnce();
    expect(run.notifications).toBe(1);
    expect((await db.selectFrom('notify_dead_letters').select('id').where('id', 'like', 'dl-%').execute()).map((r) => r.id)).toEqual(['dl-new']);
  });

  it('runs on its timer only while this node leads, and stops cleanly', async () => {
    await insertDeadLetter('dl-timer', Date.now() - 100 * DAY);
    let leader = false;
    let asked = 0;
    const retention = createRetention({ db, config: config(), log: quiet, firstPassDelayMs: 10, isLeader: () => { asked++; return leader; } });
    // A follower asks at each tick (here the first, the next is an hour away) and prunes nothing.
    retention.start();
    retention.start();
    const until = async (check: () => Promise<boolean>) => {
      for (let i = 0; i < 300 && !(await check()); i++) await new Promise((r) => setTimeout(r, 50));
    };
    await until(async () => asked >= 1);
    expect(asked).toBe(1);
    const count = async () => (await db.selectFrom('notify_dead_letters').select('id').where('id', '=', 'dl-timer').execute()).length;
    expect(await count()).toBe(1);
    await retention.stop();
    await retention.stop();

    leader = true;
    const leading = createRetention({ db, config: config(), log: quiet, firstPassDelayMs: 10, isLeader: () => leader });
    leading.start();
    await until(async () => (await count()) === 0);
    expect(await count()).toBe(0);
    await leading.stop();
  });
});
