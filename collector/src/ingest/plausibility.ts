// The plausibility layer: a decoded report in, the report the collector
// stores out, with every value it had to change and why. Pure: no clock
// (the receive time is handed in), no I/O.
//
// A report is never refused for its values: refusing a data frame closes the
// connection, the agent keeps the report and resends it, and the device is
// stuck behind it for good. Instead each field is made safe where it stands:
// - a number that cannot be (NaN, infinite, a negative size or count, a
//   percentage outside 0–100) becomes null, "not known";
// - a time before 1970 or after 9999 becomes null; an implausible collection
//   time becomes the time the collector received the report;
// - a string longer than its bound is cut at the bound; a word outside its
//   vocabulary (os, chassis, patch source, SMART health) becomes null;
// - a list longer than its bound keeps its first items and its topic turns
//   `unknown` with the reason, since the topic was no longer read in full
//   (an unknown topic is itself an alert, so the device does not go quiet).
// Each change is listed as { path, problem } and stored with the report.
import type { BackupStatus, DeliveryHealth, DiskStatus, Inventory, PatchStatus, SecurityStatus, Snapshot, TopicStatus } from '@tandem/proto';
import type { GapRecord } from '../store/store.js';

/** One value the collector changed, and why. */
export interface Adjustment {
  /** Where in the snapshot, e.g. `disk.volumes[2].sizeBytes`. */
  path: string;
  problem: string;
}

export interface PlausibleReport {
  snapshot: Snapshot;
  adjustments: Adjustment[];
}

/** The bounds, declared once (documented in collector/README.md). */
export const PLAUSIBILITY_LIMITS = {
  /** Characters of a hostname (DNS allows 253). */
  hostnameChars: 255,
  /** Characters of a name, version, path or other short text field. */
  shortTextChars: 1024,
  /** Characters of a reason or detail text. */
  longTextChars: 4096,
  pendingUpdates: 5000,
  volumes: 256,
  backupJobs: 256,
  antivirusProducts: 32,
  firewallProfiles: 32,
  encryptedVolumes: 256,
  securityChecks: 64,
  endpointSensors: 32,
  /** Adjustments listed per report; past it, one entry says how many more. */
  adjustmentsListed: 50,
} as const;

const EARLIEST_MS = 0;
const LATEST_MS = Date.UTC(10000, 0, 1) - 1;

const OS_FAMILIES = new Set(['linux', 'darwin', 'win32']);
const CHASSIS = new Set(['server', 'workstation', 'laptop']);
const PATCH_SOURCES = new Set(['apt', 'dnf', 'yum', 'zypper', 'pacman', 'softwareupdate', 'windows-update']);
const SMART = new Set(['ok', 'failing', 'unknown']);

class Checker {
  readonly adjustments: Adjustment[] = [];

  note(path: string, problem: string): void {
    this.adjustments.push({ path, problem });
  }

  /** A size, count or duration: finite, whole or not, never negative. */
  amount(path: string, v: number | null): number | null {
    if (v === null) return null;
    if (!Number.isFinite(v)) return this.drop(path, `${String(v)} is not a number`);
    if (v < 0) return this.drop(path, `negative value ${v}`);
    if (v > Number.MAX_SAFE_INTEGER) return this.drop(path, `${v} is beyond any real size`);
    return v;
  }

  percent(path: string, v: number | null): number | null {
    if (v === null) return null;
    if (!Number.isFinite(v)) return this.drop(path, `${String(v)} is not a number`);
    if (v < 0 || v > 100) return this.drop(path, `${v} is not a percentage (0–100)`);
    return v;
  }

  time(path: string, iso: string | null): string | null {
    if (iso === null) return null;
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) return this.drop(path, `"${cut(iso, 40)}" is not a time`);
    if (ms < EARLIEST_MS) return this.drop(path, `${iso} is before 1970`);
    if (ms > LATEST_MS) return this.drop(path, `${iso} is after 9999`);
    return iso;
  }

  text(path: string, v: string | null, max: number = PLAUSIBILITY_LIMITS.shortTextChars): string | null {
    if (v === null || v.length <= max) return v;
    this.note(path, `${v.length} characters, cut to ${max}`);
    return v.slice(0, max);
  }

  /** A required text field (a name, a mount): cut, never null. */
  name(path: string, v: string, max: number = PLAUSIBILITY_LIMITS.shortTextChars): string {
    return this.text(path, v, max) ?? '';
  }

  word<T extends string>(path: string, v: T | null, vocabulary: ReadonlySet<string>): T | null {
    if (v === null || vocabulary.has(v)) return v;
    return this.drop(path, `"${cut(v, 40)}" is not one of ${[...vocabulary].join(', ')}`);
  }

  /** Keeps the first `max` items; says so on the topic, which is no longer complete. */
  list<T>(topic: TopicStatus, path: string, items: T[], max: number, what: string): T[] {
    if (items.length <= max) return items;
    const reason = `reported ${items.length} ${what}; the collector keeps at most ${max}`;
    this.note(path, reason);
    topic.state = 'unknown';
    topic.reason = topic.reason ? `${reason}; ${topic.reason}` : reason;
    return items.slice(0, max);
  }

  topic<T extends TopicStatus>(path: string, t: T): T {
    const reason = this.text(`${path}.reason`, t.reason, PLAUSIBILITY_LIMITS.longTextChars);
    if (t.state === 'unknown' && !reason) {
      this.note(`${path}.reason`, 'unknown without a reason');
      return { ...t, reason: 'the agent gave no reason' };
    }
    return { ...t, reason };
  }

  private drop(path: string, problem: string): null {
    this.note(path, problem);
    return null;
  }
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

function inventory(c: Checker, i: Inventory): Inventory {
  const t = c.topic('inventory', i);
  return {
    ...t,
    hostname: c.text('inventory.hostname', t.hostname, PLAUSIBILITY_LIMITS.hostnameChars),
    os: c.word('inventory.os', t.os, OS_FAMILIES),
    osName: c.text('inventory.osName', t.osName),
    osVersion: c.text('inventory.osVersion', t.osVersion),
    arch: c.text('inventory.arch', t.arch),
    uptimeSeconds: c.amount('inventory.uptimeSeconds', t.uptimeSeconds),
    kernel: c.text('inventory.kernel', t.kernel),
    serial: c.text('inventory.serial', t.serial),
    manufacturer: c.text('inventory.manufacturer', t.manufacturer),
    model: c.text('inventory.model', t.model),
    memoryBytes: c.amount('inventory.memoryBytes', t.memoryBytes),
    cpuCores: c.amount('inventory.cpuCores', t.cpuCores),
    chassis: c.word('inventory.chassis', t.chassis, CHASSIS),
  };
}

function patch(c: Checker, p: PatchStatus): PatchStatus {
  const t = c.topic('patch', p);
  const updates = c.list(t, 'patch.updates', t.updates, PLAUSIBILITY_LIMITS.pendingUpdates, 'pending updates');
  return {
    ...t,
    source: c.word('patch.source', t.source, PATCH_SOURCES),
    pendingCount: c.amount('patch.pendingCount', t.pendingCount),
    securityCount: c.amount('patch.securityCount', t.securityCount),
    lastInstalledAt: c.time('patch.lastInstalledAt', t.lastInstalledAt),
    updates: updates.map((u, i) => {
      const at = `patch.updates[${i}]`;
      return {
        ...u,
        name: c.name(`${at}.name`, u.name),
        currentVersion: c.text(`${at}.currentVersion`, u.currentVersion),
        availableVersion: c.text(`${at}.availableVersion`, u.availableVersion),
        kb: c.text(`${at}.kb`, u.kb),
        severity: c.text(`${at}.severity`, u.severity),
      };
    }),
  };
}

function disk(c: Checker, d: DiskStatus): DiskStatus {
  const t = c.topic('disk', d);
  const volumes = c.list(t, 'disk.volumes', t.volumes, PLAUSIBILITY_LIMITS.volumes, 'volumes');
  return {
    ...t,
    volumes: volumes.map((v, i) => {
      const at = `disk.volumes[${i}]`;
      return {
        mount: c.name(`${at}.mount`, v.mount),
        fsType: c.text(`${at}.fsType`, v.fsType),
        sizeBytes: c.amount(`${at}.sizeBytes`, v.sizeBytes),
        usedBytes: c.amount(`${at}.usedBytes`, v.usedBytes),
        freeBytes: c.amount(`${at}.freeBytes`, v.freeBytes),
        usedPercent: c.percent(`${at}.usedPercent`, v.usedPercent),
        inodesTotal: c.amount(`${at}.inodesTotal`, v.inodesTotal),
        inodesUsed: c.amount(`${at}.inodesUsed`, v.inodesUsed),
        inodesUsedPercent: c.percent(`${at}.inodesUsedPercent`, v.inodesUsedPercent),
        device: c.text(`${at}.device`, v.device),
        smartHealth: c.word(`${at}.smartHealth`, v.smartHealth, SMART),
      };
    }),
  };
}

function backup(c: Checker, b: BackupStatus): BackupStatus {
  const t = c.topic('backup', b);
  const jobs = c.list(t, 'backup.jobs', t.jobs, PLAUSIBILITY_LIMITS.backupJobs, 'backup jobs');
  return {
    ...t,
    jobs: jobs.map((j, i) => {
      const at = `backup.jobs[${i}]`;
      return {
        ...j,
        provider: c.name(`${at}.provider`, j.provider),
        name: c.name(`${at}.name`, j.name),
        lastSuccessAt: c.time(`${at}.lastSuccessAt`, j.lastSuccessAt),
        lastAttemptAt: c.time(`${at}.lastAttemptAt`, j.lastAttemptAt),
        detail: c.text(`${at}.detail`, j.detail, PLAUSIBILITY_LIMITS.longTextChars),
      };
    }),
  };
}

function security(c: Checker, s: SecurityStatus): SecurityStatus {
  const t = c.topic('security', s);
  const L = PLAUSIBILITY_LIMITS;
  const antivirus = c.list(t, 'security.antivirus', t.antivirus, L.antivirusProducts, 'antivirus products');
  const profiles = c.list(t, 'security.firewall.profiles', t.firewall.profiles, L.firewallProfiles, 'firewall profiles');
  const encryption = c.list(t, 'security.encryption', t.encryption, L.encryptedVolumes, 'encryption entries');
  const checks = c.list(t, 'security.checks', Object.entries(t.checks), L.securityChecks, 'security checks');
  return {
    ...t,
    antivirus: antivirus.map((a, i) => ({
      ...a,
      product: c.name(`security.antivirus[${i}].product`, a.product),
      signaturesUpdatedAt: c.time(`security.antivirus[${i}].signaturesUpdatedAt`, a.signaturesUpdatedAt),
    })),
    firewall: { enabled: t.firewall.enabled, profiles: profiles.map((p, i) => ({ ...p, name: c.name(`security.firewall.profiles[${i}].name`, p.name) })) },
    encryption: encryption.map((e, i) => ({
      ...e, mount: c.name(`security.encryption[${i}].mount`, e.mount), method: c.text(`security.encryption[${i}].method`, e.method),
    })),
    checks: Object.fromEntries(checks.map(([k, v]) => [c.name('security.checks (a name)', k), v])),
    // An agent that predates endpoint protection sends none: an empty list.
    endpointProtection: c.list(t, 'security.endpointProtection', t.endpointProtection ?? [], L.endpointSensors, 'endpoint protection sensors').map((e, i) => ({
      ...e,
      product: c.name(`security.endpointProtection[${i}].product`, e.product),
      lastContactAt: c.time(`security.endpointProtection[${i}].lastContactAt`, e.lastContactAt),
      version: c.text(`security.endpointProtection[${i}].version`, e.version),
      detail: c.text(`security.endpointProtection[${i}].detail`, e.detail, L.longTextChars),
    })),
  };
}

/** Makes a decoded report safe to store and evaluate; `receivedAt` stands in for an implausible collection time. */
function delivery(c: Checker, d: DeliveryHealth): DeliveryHealth {
  return {
    stuck: d.stuck === true,
    reason: c.text('delivery.reason', d.reason, PLAUSIBILITY_LIMITS.longTextChars),
    stuckSince: c.time('delivery.stuckSince', d.stuckSince),
    pendingCount: c.amount('delivery.pendingCount', d.pendingCount) ?? 0,
    oldestPendingAt: c.time('delivery.oldestPendingAt', d.oldestPendingAt),
    lastAckAt: c.time('delivery.lastAckAt', d.lastAckAt),
  };
}

export function checkPlausibility(s: Snapshot, receivedAt: number): PlausibleReport {
  const c = new Checker();
  let collectedAt = s.collectedAt;
  const ms = Date.parse(collectedAt);
  if (!(ms > EARLIEST_MS && ms <= LATEST_MS)) {
    c.note('collectedAt', `${collectedAt} is not a plausible collection time; the time received stands in`);
    collectedAt = new Date(receivedAt).toISOString();
  }
  const snapshot: Snapshot = {
    deviceId: s.deviceId,
    collectedAt,
    agentVersion: c.name('agentVersion', s.agentVersion, 64),
    inventory: s.inventory && inventory(c, s.inventory),
    patch: s.patch && patch(c, s.patch),
    disk: s.disk && disk(c, s.disk),
    backup: s.backup && backup(c, s.backup),
    security: s.security && security(c, s.security),
    // The agent's own word on its delivery (absent from agents before protocol 1.1).
    ...(s.delivery ? { delivery: delivery(c, s.delivery) } : {}),
  };
  return { snapshot, adjustments: capList(c.adjustments) };
}

function capList(all: Adjustment[]): Adjustment[] {
  const max = PLAUSIBILITY_LIMITS.adjustmentsListed;
  if (all.length <= max) return all;
  return [...all.slice(0, max), { path: '(report)', problem: `${all.length - max} more values adjusted` }];
}

/** A Gap frame's numbers as decoded (int64 fields read as numbers). */
export interface RawGap {
  droppedCount: number;
  firstDroppedAtMs: number;
  lastDroppedAtMs: number;
  firstDroppedSeq: number;
  lastDroppedSeq: number;
  reason: string;
}

export interface PlausibleGap {
  gap: GapRecord;
  adjustments: Adjustment[];
}

/** The same layer for a Gap: times outside 1970–9999 become null, negative counts null (stored as 0). */
export function checkGapPlausibility(g: RawGap): PlausibleGap {
  const c = new Checker();
  const when = (path: string, ms: number): string | null => {
    if (!ms) return null;
    if (!Number.isFinite(ms) || ms < EARLIEST_MS || ms > LATEST_MS) {
      c.note(path, `${ms} ms is not a time between 1970 and 9999`);
      return null;
    }
    return new Date(ms).toISOString();
  };
  const gap: GapRecord = {
    droppedCount: c.amount('droppedCount', g.droppedCount) ?? 0,
    firstDroppedAt: when('firstDroppedAt', g.firstDroppedAtMs),
    lastDroppedAt: when('lastDroppedAt', g.lastDroppedAtMs),
    firstDroppedSeq: c.amount('firstDroppedSeq', g.firstDroppedSeq) ?? 0,
    lastDroppedSeq: c.amount('lastDroppedSeq', g.lastDroppedSeq) ?? 0,
    reason: c.name('reason', g.reason, PLAUSIBILITY_LIMITS.longTextChars),
  };
  return { gap, adjustments: capList(c.adjustments) };
}
