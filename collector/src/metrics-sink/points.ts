// The pure core of the metrics sink: one committed report becomes the points
// written to InfluxDB. No I/O, no clock: the report's own collection time is
// each point's time, so the same report always maps to the same points.
//
// Tag values are bounded by construction: tenant, device and site are ids and
// labels an admin sets, os is one of three families, and mount and job are
// capped in length and in number, per report and (keepKnownLabels) over the
// device's reports, so one device cannot grow the series count without bound. A device without a site is site "(none)". Free text (reasons, product names, update
// names) never becomes a tag.
import type { Snapshot } from '@tandem/proto';

/** Every measurement the sink writes, declared once (the Grafana dashboard test reads this list). */
export const MEASUREMENTS = {
  disk: 'tandem_disk',
  patch: 'tandem_patch',
  backup: 'tandem_backup',
  security: 'tandem_security',
} as const;

/** Fields of each measurement, declared once. */
export const FIELDS = {
  tandem_disk: ['used_percent', 'free_bytes'],
  tandem_patch: ['pending', 'security', 'reboot_required', 'oldest_pending_seconds'],
  tandem_backup: ['age_seconds', 'last_ok'],
  tandem_security: ['antivirus_on', 'antivirus_up_to_date', 'firewall_on', 'encryption_on'],
} as const satisfies Record<(typeof MEASUREMENTS)[keyof typeof MEASUREMENTS], readonly string[]>;

/** At most this many mounts and backup jobs of one report become series. */
export const MAX_PER_DEVICE = 16;
const MAX_LABEL_LENGTH = 64;

export interface MetricPoint {
  measurement: string;
  tags: Record<string, string>;
  /** Numbers only; states are 0/1. */
  fields: Record<string, number>;
  /** Milliseconds since the epoch. */
  time: number;
}

/** What the sink is handed once a report is durably stored. */
export interface CommittedReport {
  tenantId: string;
  deviceId: string;
  site: string | null;
  /** This report's topics (a null topic was not collected this time). */
  snapshot: Snapshot;
  /** The device's merged latest status, for facts this report did not carry (the OS). */
  latest: Snapshot;
}

export interface PointContext {
  /** When each pending update was first seen on the device (name → ms), if known. */
  updateFirstSeen?: ReadonlyMap<string, number>;
}

const bit = (v: boolean | null | undefined): number | undefined => (v === null || v === undefined ? undefined : v ? 1 : 0);
const seconds = (fromMs: number, toMs: number): number => Math.max(0, Math.round((toMs - fromMs) / 1000));

/** A tag value fit for a series key: trimmed, bounded, never empty. */
export function tagValue(text: string): string {
  const t = text.trim();
  return t.length === 0 ? '(none)' : t.length > MAX_LABEL_LENGTH ? t.slice(0, MAX_LABEL_LENGTH) : t;
}

function withFields(measurement: string, tags: Record<string, string>, time: number, values: Record<string, number | undefined>): MetricPoint[] {
  const fields: Record<string, number> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined && Number.isFinite(v)) fields[k] = v;
  return Object.keys(fields).length === 0 ? [] : [{ measurement, tags, fields, time }];
}

/** The points of one committed report: per mount, per backup job, one for patch, one for security. */
export function reportPoints(report: CommittedReport, context: PointContext = {}): MetricPoint[] {
  const { snapshot } = report;
  const time = Date.parse(snapshot.collectedAt);
  if (!Number.isFinite(time)) return [];
  const os = snapshot.inventory?.os ?? report.latest.inventory?.os ?? null;
  // Always a site tag, "(none)" when the device has none, so a dashboard filtering by site still finds it.
  const base: Record<string, string> = { tenant: report.tenantId, device: report.deviceId, site: tagValue(report.site ?? '') };
  if (os) base.os = os;
  const points: MetricPoint[] = [];

  // A topic that is unknown carries no numbers: no point, rather than a made-up zero.
  const disk = snapshot.disk;
  if (disk?.state === 'ok') {
    const seen = new Set<string>();
    for (const v of disk.volumes) {
      const mount = tagValue(v.mount);
      if (seen.has(mount)) continue;
      if (seen.size >= MAX_PER_DEVICE) break;
      seen.add(mount);
      points.push(...withFields(MEASUREMENTS.disk, { ...base, mount }, time, {
        used_percent: v.usedPercent ?? undefined, free_bytes: v.freeBytes ?? undefined,
      }));
    }
  }

  const patch = snapshot.patch;
  if (patch?.state === 'ok') {
    let oldest: number | undefined;
    if (context.updateFirstSeen) {
      for (const u of patch.updates) {
        const at = context.updateFirstSeen.get(u.name);
        if (at !== undefined && (oldest === undefined || at < oldest)) oldest = at;
      }
    }
    points.push(...withFields(MEASUREMENTS.patch, base, time, {
      pending: patch.pendingCount ?? undefined,
      security: patch.securityCount ?? undefined,
      reboot_required: bit(patch.rebootRequired),
      // Nothing pending: the oldest pending update is zero seconds old.
      oldest_pending_seconds: patch.updates.length === 0 ? 0 : oldest === undefined ? undefined : seconds(oldest, time),
    }));
  }

  const backup = snapshot.backup;
  if (backup?.state === 'ok') {
    const seen = new Set<string>();
    for (const j of backup.jobs) {
      const job = tagValue(`${j.provider}:${j.name}`);
      if (seen.has(job)) continue;
      if (seen.size >= MAX_PER_DEVICE) break;
      seen.add(job);
      const success = j.lastSuccessAt === null ? NaN : Date.parse(j.lastSuccessAt);
      points.push(...withFields(MEASUREMENTS.backup, { ...base, job }, time, {
        // A job that never succeeded has no age; last_ok = 0 says so.
        age_seconds: Number.isFinite(success) ? seconds(success, time) : undefined,
        last_ok: j.lastResult === 'unknown' || j.lastResult === 'running' ? undefined : j.lastResult === 'success' ? 1 : 0,
      }));
    }
  }

  const security = snapshot.security;
  if (security?.state === 'ok') {
    const av = security.antivirus;
    const avOn = av.length === 0 ? undefined : av.some((a) => a.enabled === true && a.realTime !== false) ? 1 : av.every((a) => a.enabled !== null) ? 0 : undefined;
    const avFresh = av.length === 0 ? undefined : av.some((a) => a.enabled === true && a.upToDate === true) ? 1 : av.every((a) => a.upToDate !== null) ? 0 : undefined;
    const enc = security.encryption;
    // Encryption is on when every reported volume is fully encrypted; any state still unknown leaves it unsaid.
    const encOn = enc.length === 0 ? undefined : enc.every((e) => e.state === 'on') ? 1 : enc.some((e) => e.state === 'unknown') ? undefined : 0;
    points.push(...withFields(MEASUREMENTS.security, base, time, {
      antivirus_on: avOn, antivirus_up_to_date: avFresh, firewall_on: bit(security.firewall.enabled), encryption_on: encOn,
    }));
  }
  return points;
}

/** The mount and job labels a device has written so far, per tag name. */
export type KnownLabels = ReadonlyMap<'mount' | 'job', ReadonlySet<string>>;

/**
 * The points whose mount or job label is one the device already has, or a new
 * one while it has fewer than MAX_PER_DEVICE of that kind; and the labels
 * known after them. A device whose volumes change over time (removable
 * drives, snapshots mounted for a backup) keeps its first mounts and gets no
 * new series beyond the bound.
 */
export function keepKnownLabels(points: MetricPoint[], known: KnownLabels): { points: MetricPoint[]; known: KnownLabels } {
  const next = new Map<'mount' | 'job', Set<string>>([['mount', new Set(known.get('mount'))], ['job', new Set(known.get('job'))]]);
  const kept = points.filter((p) => {
    for (const tag of ['mount', 'job'] as const) {
      const value = p.tags[tag];
      if (value === undefined) continue;
      const set = next.get(tag)!;
      if (set.has(value)) return true;
      if (set.size >= MAX_PER_DEVICE) return false;
      set.add(value);
    }
    return true;
  });
  return { points: kept, known: next };
}
