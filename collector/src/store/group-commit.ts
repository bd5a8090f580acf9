// Storing a group of agent frames (reports and gaps, of any devices) in one
// transaction: one commit, and so one fsync, for everything that arrived
// together. The rules of one frame are those of a lone commit: a seq already
// stored is a duplicate and changes nothing; a seq below the device's highest
// is stored (late) and fills the latest status only where it is the newest;
// frames of one device apply in the order given. A frame that cannot be
// stored (unknown or revoked device, a report without a readable time) gets
// its own error and the rest of the group is stored. Each device's row is
// read once and written once per group, whatever number of its frames the
// group holds.
//
// The backends (sqlite.ts, postgres.ts) supply the statements; this module
// decides what they write.
import { TOPICS } from '@tandem/proto';
import type { Snapshot, Topic } from '@tandem/proto';
import { CollectorError } from '../errors.js';
import { mergeLatest } from './merge-latest.js';
import type { TopicSeqs } from './merge-latest.js';
import type { LatestCache, LatestEntry } from './latest-cache.js';

export interface Adjustment {
  path: string;
  problem: string;
}

export interface GapRecord {
  droppedCount: number;
  firstDroppedAt: string | null;
  lastDroppedAt: string | null;
  firstDroppedSeq: number;
  lastDroppedSeq: number;
  reason: string;
}

/** One frame to store. */
export type IngestItem =
  | { kind: 'report'; deviceId: string; seq: number; snapshot: Snapshot; adjustments: readonly Adjustment[] }
  | { kind: 'gap'; deviceId: string; seq: number; gap: GapRecord; adjustments: readonly Adjustment[] };

/** The device columns later stages need, as they were committed. */
export interface CommittedDevice {
  id: string;
  tenantId: string;
  hostname: string;
  os: string | null;
  site: string | null;
  tags: string[];
  lastSeenAt: number | null;
  revoked: boolean;
}

export interface CommitResult {
  /** The report was already stored (a resend after a lost ack). */
  duplicate: boolean;
  /** Stored, but below the device's highest seq (it arrived after a newer one). */
  late: boolean;
  /** Highest seq stored for the device after this frame. */
  lastSeq: number;
  /** The merged latest snapshot, when a report was stored. */
  latest: Snapshot | null;
  /** The device as committed with this frame (absent for duplicates). */
  device: CommittedDevice | null;
}

export type CommitOutcome = { ok: true; result: CommitResult } | { ok: false; error: Error };

/** The device row as the group reads it (locked for the transaction where the backend needs it). */
export interface GroupDeviceRow {
  id: string;
  tenant_id: string;
  hostname: string;
  os: string | null;
  site: string | null;
  tags: string;
  revoked_at: number | null;
  last_seq: number;
  topic_seqs: string | null | undefined;
}

export interface ReportInsert {
  device_id: string;
  seq: number;
  kind: 'report' | 'gap';
  collected_at: number;
  received_at: number;
  body: string;
  adjustments: string | null;
}

/** What one device's row becomes after the group; null fields are left as they are. */
export interface DeviceUpdate {
  id: string;
  last_seq: number;
  last_seen_at: number;
  last_report_at: number | null;
  latest_snapshot: string | null;
  topic_seqs: string | null;
  hostname: string | null;
}

/** The statements of one backend, inside one transaction. */
export interface GroupTransaction {
  /** The rows of these devices (sorted ids, so concurrent groups lock in one order). */
  devices(ids: string[]): Promise<Map<string, GroupDeviceRow>>;
  /** The stored latest status (JSON) of these devices; read only for those the cache does not hold as stored. */
  latestSnapshots(ids: string[]): Promise<Map<string, string | null>>;
  stored(deviceId: string, seq: number): Promise<boolean>;
  insertReports(rows: ReportInsert[]): Promise<void>;
  updateDevices(rows: DeviceUpdate[]): Promise<void>;
}

interface DeviceState {
  row: GroupDeviceRow;
  device: CommittedDevice;
  lastSeq: number;
  /** Parsed on first use: a group of gaps never needs it. */
  latest: Snapshot | null | undefined;
  topicSeqs: TopicSeqs | undefined;
  /** The latest status's topics as JSON, where known (from the cache or this group's reports). */
  latestTopicJson: Map<Topic, string>;
  /** The latest snapshot's JSON when this group changed it. */
  latestJson: string | null;
  reported: boolean;
  hostname: string | null;
  touched: boolean;
}

/** Decides and writes a group; the outcomes are in the order of `items`. Throws only when a statement fails. */
export async function writeGroup(tx: GroupTransaction, items: readonly IngestItem[], now: number, cache?: LatestCache): Promise<CommitOutcome[]> {
  const ids = [...new Set(items.map((i) => i.deviceId))].sort();
  const rows = await tx.devices(ids);
  // The latest status of each device with a report here: from the cache while
  // the row is as the cache saw it, else read (all such devices in one go).
  const cached = new Map<string, LatestEntry>();
  const toRead: string[] = [];
  for (const id of new Set(items.filter((i) => i.kind === 'report').map((i) => i.deviceId))) {
    const row = rows.get(id);
    if (!row) continue;
    const entry = cache?.get(id, Number(row.last_seq), row.topic_seqs);
    if (entry) cached.set(id, entry);
    else toRead.push(id);
  }
  const stored = toRead.length > 0 ? await tx.latestSnapshots(toRead.sort()) : new Map<string, string | null>();
  const states = new Map<string, DeviceState>();
  const written = new Set<string>();
  const inserts: ReportInsert[] = [];
  const outcomes: CommitOutcome[] = [];
  for (const item of items) {
    const row = rows.get(item.deviceId);
    if (!row) {
      outcomes.push({ ok: false, error: new CollectorError('COL_ERR_NOT_FOUND', `device ${item.deviceId} does not exist`, { statusCode: 404 }) });
      continue;
    }
    // Revoked elsewhere (the CLI, another collector node) while connected: refuse from the next frame on.
    if (row.revoked_at !== null) {
      outcomes.push({ ok: false, error: new CollectorError('COL_ERR_UNAUTHORIZED', `device ${item.deviceId} was revoked`, { statusCode: 401 }) });
      continue;
    }
    let state = states.get(item.deviceId);
    if (!state) {
      state = {
        row, lastSeq: Number(row.last_seq), latest: undefined, topicSeqs: undefined, latestTopicJson: new Map(), latestJson: null, reported: false, hostname: null, touched: false,
        device: {
          id: row.id, tenantId: row.tenant_id, hostname: row.hostname, os: row.os, site: row.site,
          tags: JSON.parse(row.tags) as string[], lastSeenAt: now, revoked: false,
        },
      };
      states.set(item.deviceId, state);
    }
    const key = `${item.deviceId}\u0000${item.seq}`;
    if (written.has(key) || (item.seq <= state.lastSeq && (await tx.stored(item.deviceId, item.seq)))) {
      outcomes.push({ ok: true, result: { duplicate: true, late: false, lastSeq: state.lastSeq, latest: null, device: null } });
      continue;
    }
    const adjustments = item.adjustments.length > 0 ? JSON.stringify(item.adjustments) : null;
    if (item.kind === 'gap') {
      inserts.push({ device_id: item.deviceId, seq: item.seq, kind: 'gap', collected_at: now, received_at: now, body: JSON.stringify(item.gap), adjustments });
    } else {
      const collectedAt = Date.parse(item.snapshot.collectedAt);
      if (!Number.isFinite(collectedAt)) {
        outcomes.push({ ok: false, error: new CollectorError('COL_ERR_BAD_REQUEST', `report seq ${item.seq} has no readable collectedAt ("${item.snapshot.collectedAt}")`, { statusCode: 400 }) });
        continue;
      }
      if (state.latest === undefined) {
        const entry = cached.get(item.deviceId);
        if (entry) {
          state.latest = entry.latest;
          state.latestTopicJson = new Map(entry.topicJson);
        } else {
          const json = stored.get(item.deviceId) ?? null;
          state.latest = json ? (JSON.parse(json) as Snapshot) : null;
        }
        state.topicSeqs = row.topic_seqs ? (JSON.parse(row.topic_seqs) as TopicSeqs) : {};
      }
      // Reports merge in seq order, which is the order the agent finished them:
      // topic groups run concurrently, so a slow patch run started earlier
      // than a quick disk run still carries the newer patch facts.
      const merged = mergeLatest(state.latest, state.topicSeqs!, state.lastSeq, item.snapshot, item.seq);
      // Each topic is serialised once, for the report body and the latest status alike.
      const topicJson = new Map<Topic, string | undefined>();
      for (const topic of TOPICS) topicJson.set(topic, JSON.stringify(item.snapshot[topic]));
      inserts.push({
        device_id: item.deviceId, seq: item.seq, kind: 'report', collected_at: collectedAt, received_at: now,
        body: snapshotJson(item.snapshot, topicJson), adjustments,
      });
      for (const t of merged.taken) {
        const json = topicJson.get(t);
        if (json !== undefined) state.latestTopicJson.set(t, json);
        else state.latestTopicJson.delete(t);
      }
      state.latestJson = snapshotJson(merged.latest, state.latestTopicJson);
      state.latest = merged.latest;
      state.topicSeqs = merged.topicSeqs;
      state.reported = true;
      if (merged.taken.includes('inventory') && item.snapshot.inventory?.hostname) state.hostname = item.snapshot.inventory.hostname;
    }
    written.add(key);
    state.touched = true;
    const late = item.seq < state.lastSeq;
    state.lastSeq = Math.max(item.seq, state.lastSeq);
    if (state.hostname) state.device = { ...state.device, hostname: state.hostname };
    outcomes.push({ ok: true, result: { duplicate: false, late, lastSeq: state.lastSeq, latest: item.kind === 'report' ? state.latest! : null, device: state.device } });
  }
  if (inserts.length > 0) await tx.insertReports(inserts);
  const updates: DeviceUpdate[] = [];
  const entries: Array<[string, LatestEntry]> = [];
  for (const s of states.values()) {
    if (!s.touched) continue;
    const topicSeqs = s.reported ? JSON.stringify(s.topicSeqs) : null;
    updates.push({
      id: s.row.id, last_seq: s.lastSeq, last_seen_at: now, last_report_at: s.reported ? now : null,
      latest_snapshot: s.reported ? s.latestJson : null, topic_seqs: topicSeqs, hostname: s.hostname,
    });
    // As the row will be once this commits; should it not commit, the row's seqs no longer match and the entry is not used.
    if (s.reported) entries.push([s.row.id, { lastSeq: s.lastSeq, topicSeqs, latest: s.latest ?? null, topicJson: s.latestTopicJson }]);
  }
  if (updates.length > 0) await tx.updateDevices(updates);
  for (const [id, entry] of entries) cache?.set(id, entry);
  return outcomes;
}

/** A snapshot's JSON, with the topics already serialised taken as they are. */
function snapshotJson(s: Snapshot, topicJson: ReadonlyMap<Topic, string | undefined>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(s)) {
    // As JSON.stringify does: a key whose value is undefined is left out.
    const json = topicJson.get(k as Topic) ?? JSON.stringify(v) as string | undefined;
    if (json !== undefined) parts.push(`${JSON.stringify(k)}:${json}`);
  }
  return `{${parts.join(',')}}`;
}
