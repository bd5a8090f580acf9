// Conversion between the snapshot JSON contract and the wire Report. Kept in
// one place so the agent and the collector can never disagree on it.
import './configure.js';
import { tandem } from '../generated/tandem.js';
import type {
  Antivirus, BackupJob, BackupResult, BackupStatus, CheckState, DiskStatus, Encryption,
  EncryptionState, Inventory, PatchStatus, SecurityStatus, Snapshot, TopicState, Volume, DeliveryHealth,
  OsFamily, PatchSource, Chassis, EndpointProtection,
} from './snapshot.js';
import { BACKUP_RESULTS, CHECK_STATES, ENCRYPTION_STATES, TOPIC_STATES } from './enums.generated.js';

const pb = tandem.v1;

/** Snapshot value → wire number, by the generated value list: 'on' ↔ ENCRYPTION_STATE_ON. */
function toWire<K extends string, V extends number>(values: readonly K[], prefix: string, wire: Record<string, V | string>): Record<K, V> {
  return Object.fromEntries(values.map((v) => {
    const number = wire[`${prefix}_${v.toUpperCase().replace(/-/g, '_')}`];
    if (typeof number !== 'number') throw new Error(`${prefix}: no wire value for "${v}"`);
    return [v, number];
  })) as Record<K, V>;
}

const topicStateToWire = toWire<TopicState, tandem.v1.TopicState>(TOPIC_STATES, 'TOPIC_STATE', pb.TopicState);
const backupResultToWire = toWire<BackupResult, tandem.v1.BackupResult>(BACKUP_RESULTS, 'BACKUP_RESULT', pb.BackupResult);
const encryptionToWire = toWire<EncryptionState, tandem.v1.EncryptionState>(ENCRYPTION_STATES, 'ENCRYPTION_STATE', pb.EncryptionState);
const checkToWire = toWire<CheckState, tandem.v1.CheckState>(CHECK_STATES, 'CHECK_STATE', pb.CheckState);

function invert<K extends string, V extends number>(map: Record<K, V>): Map<number, K> {
  return new Map(Object.entries(map).map(([k, v]) => [v as number, k as K]));
}
const topicStateFromWire = invert(topicStateToWire);
const backupResultFromWire = invert(backupResultToWire);
const encryptionFromWire = invert(encryptionToWire);
const checkFromWire = invert(checkToWire);

function msOf(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

// Times outside JavaScript's Date range (a garbled or hostile report) read as unknown.
function isoOf(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  const n = Number(ms);
  return Number.isFinite(n) && Math.abs(n) <= 8.64e15 ? new Date(n).toISOString() : null;
}

function n<T>(value: T | null | undefined): T | null {
  return value ?? null;
}

// Unspecified or unrecognised wire values (a newer agent's enum) read as unknown.
function topicState(value: number | null | undefined): TopicState {
  return topicStateFromWire.get(value ?? 0) ?? 'unknown';
}

function topicReason(state: number | null | undefined, reason: string | null | undefined): string | null {
  if (reason) return reason;
  return topicStateFromWire.has(state ?? 0) ? null : 'topic state not recognised by this collector';
}

export function snapshotToReport(s: Snapshot): tandem.v1.IReport {
  return {
    collectedAtMs: msOf(s.collectedAt) ?? 0,
    agentVersion: s.agentVersion,
    inventory: s.inventory && {
      state: topicStateToWire[s.inventory.state],
      reason: s.inventory.reason,
      hostname: s.inventory.hostname,
      os: s.inventory.os,
      osName: s.inventory.osName,
      osVersion: s.inventory.osVersion,
      arch: s.inventory.arch,
      uptimeSeconds: s.inventory.uptimeSeconds,
      kernel: s.inventory.kernel,
      serial: s.inventory.serial,
      manufacturer: s.inventory.manufacturer,
      model: s.inventory.model,
      memoryBytes: s.inventory.memoryBytes,
      cpuCores: s.inventory.cpuCores,
      chassis: s.inventory.chassis,
    },
    patch: s.patch && {
      state: topicStateToWire[s.patch.state],
      reason: s.patch.reason,
      source: s.patch.source,
      pendingCount: s.patch.pendingCount,
      securityCount: s.patch.securityCount,
      rebootRequired: s.patch.rebootRequired,
      updates: s.patch.updates.map((u) => ({ ...u })),
      lastInstalledAtMs: msOf(s.patch.lastInstalledAt),
    },
    disk: s.disk && {
      state: topicStateToWire[s.disk.state],
      reason: s.disk.reason,
      volumes: s.disk.volumes.map((v) => ({ ...v })),
    },
    backup: s.backup && {
      state: topicStateToWire[s.backup.state],
      reason: s.backup.reason,
      jobs: s.backup.jobs.map((j) => ({
        provider: j.provider,
        name: j.name,
        lastSuccessAtMs: msOf(j.lastSuccessAt),
        lastAttemptAtMs: msOf(j.lastAttemptAt),
        lastResult: backupResultToWire[j.lastResult],
        detail: j.detail,
      })),
    },
    security: s.security && {
      state: topicStateToWire[s.security.state],
      reason: s.security.reason,
      antivirus: s.security.antivirus.map((a) => ({
        product: a.product,
        enabled: a.enabled,
        realTime: a.realTime,
        upToDate: a.upToDate,
        signaturesUpdatedAtMs: msOf(a.signaturesUpdatedAt),
      })),
      firewall: { enabled: s.security.firewall.enabled, profiles: s.security.firewall.profiles.map((p) => ({ ...p })) },
      encryption: s.security.encryption.map((e) => ({ mount: e.mount, state: encryptionToWire[e.state], method: e.method })),
      checks: Object.fromEntries(Object.entries(s.security.checks).map(([k, v]) => [k, checkToWire[v]])),
      endpointProtection: (s.security.endpointProtection ?? []).map((e) => ({
        product: e.product,
        installed: e.installed,
        running: e.running,
        onboarded: e.onboarded,
        connected: e.connected,
        lastContactAtMs: msOf(e.lastContactAt),
        version: e.version,
        outdated: e.outdated,
        reducedFunctionality: e.reducedFunctionality,
        tamperProtection: e.tamperProtection,
        detail: e.detail,
      })),
    },
    ...(s.delivery ? {
      delivery: {
        stuck: s.delivery.stuck,
        reason: s.delivery.reason,
        stuckSinceMs: msOf(s.delivery.stuckSince),
        pendingCount: s.delivery.pendingCount,
        oldestPendingAtMs: msOf(s.delivery.oldestPendingAt),
        lastAckAtMs: msOf(s.delivery.lastAckAt),
      },
    } : {}),
  };
}

function deliveryOf(d: tandem.v1.IDeliveryHealth): DeliveryHealth {
  return {
    stuck: d.stuck === true,
    reason: n(d.reason),
    stuckSince: isoOf(d.stuckSinceMs),
    pendingCount: Number(d.pendingCount ?? 0),
    oldestPendingAt: isoOf(d.oldestPendingAtMs),
    lastAckAt: isoOf(d.lastAckAtMs),
  };
}

function inventoryOf(i: tandem.v1.IInventory): Inventory {
  return {
    state: topicState(i.state),
    reason: topicReason(i.state, i.reason),
    hostname: n(i.hostname),
    os: n(i.os) as OsFamily | null,
    osName: n(i.osName),
    osVersion: n(i.osVersion),
    arch: n(i.arch),
    uptimeSeconds: n(i.uptimeSeconds),
    kernel: n(i.kernel),
    serial: n(i.serial),
    manufacturer: n(i.manufacturer),
    model: n(i.model),
    memoryBytes: n(i.memoryBytes),
    cpuCores: n(i.cpuCores),
    chassis: n(i.chassis) as Chassis | null,
  };
}

function patchOf(p: tandem.v1.IPatchStatus): PatchStatus {
  return {
    state: topicState(p.state),
    reason: topicReason(p.state, p.reason),
    source: n(p.source) as PatchSource | null,
    pendingCount: n(p.pendingCount),
    securityCount: n(p.securityCount),
    rebootRequired: n(p.rebootRequired),
    updates: (p.updates ?? []).map((u) => ({
      name: u.name ?? '',
      currentVersion: n(u.currentVersion),
      availableVersion: n(u.availableVersion),
      security: n(u.security),
      kb: n(u.kb),
      severity: n(u.severity),
    })),
    lastInstalledAt: isoOf(p.lastInstalledAtMs),
  };
}

function volumeOf(v: tandem.v1.IVolume): Volume {
  return {
    mount: v.mount ?? '',
    fsType: n(v.fsType),
    sizeBytes: n(v.sizeBytes),
    usedBytes: n(v.usedBytes),
    freeBytes: n(v.freeBytes),
    usedPercent: n(v.usedPercent),
    inodesTotal: n(v.inodesTotal),
    inodesUsed: n(v.inodesUsed),
    inodesUsedPercent: n(v.inodesUsedPercent),
    device: n(v.device),
    smartHealth: n(v.smartHealth) as Volume['smartHealth'],
  };
}

function diskOf(d: tandem.v1.IDiskStatus): DiskStatus {
  return { state: topicState(d.state), reason: topicReason(d.state, d.reason), volumes: (d.volumes ?? []).map(volumeOf) };
}

function backupJobOf(j: tandem.v1.IBackupJob): BackupJob {
  return {
    provider: j.provider ?? '',
    name: j.name ?? '',
    lastSuccessAt: isoOf(j.lastSuccessAtMs),
    lastAttemptAt: isoOf(j.lastAttemptAtMs),
    lastResult: backupResultFromWire.get(j.lastResult ?? 0) ?? 'unknown',
    detail: n(j.detail),
  };
}

function backupOf(b: tandem.v1.IBackupStatus): BackupStatus {
  return { state: topicState(b.state), reason: topicReason(b.state, b.reason), jobs: (b.jobs ?? []).map(backupJobOf) };
}

function antivirusOf(a: tandem.v1.IAntivirus): Antivirus {
  return {
    product: a.product ?? '',
    enabled: n(a.enabled),
    realTime: n(a.realTime),
    upToDate: n(a.upToDate),
    signaturesUpdatedAt: isoOf(a.signaturesUpdatedAtMs),
  };
}

function encryptionOf(e: tandem.v1.IEncryption): Encryption {
  return { mount: e.mount ?? '', state: encryptionFromWire.get(e.state ?? 0) ?? 'unknown', method: n(e.method) };
}

function endpointProtectionOf(e: tandem.v1.IEndpointProtection): EndpointProtection {
  return {
    product: e.product ?? '',
    installed: n(e.installed),
    running: n(e.running),
    onboarded: n(e.onboarded),
    connected: n(e.connected),
    lastContactAt: isoOf(e.lastContactAtMs),
    version: n(e.version),
    outdated: n(e.outdated),
    reducedFunctionality: n(e.reducedFunctionality),
    tamperProtection: n(e.tamperProtection),
    detail: n(e.detail),
  };
}

function securityOf(s: tandem.v1.ISecurityStatus): SecurityStatus {
  return {
    state: topicState(s.state),
    reason: topicReason(s.state, s.reason),
    antivirus: (s.antivirus ?? []).map(antivirusOf),
    firewall: {
      enabled: n(s.firewall?.enabled),
      profiles: (s.firewall?.profiles ?? []).map((p) => ({ name: p.name ?? '', enabled: n(p.enabled) })),
    },
    encryption: (s.encryption ?? []).map(encryptionOf),
    checks: Object.fromEntries(
      Object.entries(s.checks ?? {}).map(([k, v]) => [k, checkFromWire.get(v) ?? 'unknown']),
    ),
    endpointProtection: (s.endpointProtection ?? []).map(endpointProtectionOf),
  };
}

/** Reads a decoded Report into the snapshot JSON contract. */
export function reportToSnapshot(deviceId: string, r: tandem.v1.IReport): Snapshot {
  return {
    deviceId,
    collectedAt: isoOf(r.collectedAtMs) ?? new Date(0).toISOString(),
    agentVersion: r.agentVersion ?? '',
    inventory: r.inventory ? inventoryOf(r.inventory) : null,
    patch: r.patch ? patchOf(r.patch) : null,
    disk: r.disk ? diskOf(r.disk) : null,
    backup: r.backup ? backupOf(r.backup) : null,
    security: r.security ? securityOf(r.security) : null,
    ...(r.delivery ? { delivery: deliveryOf(r.delivery) } : {}),
  };
}
