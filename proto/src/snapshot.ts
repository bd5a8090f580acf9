// The snapshot JSON contract: the JSON form of a Report. The agent CLI prints
// it, the collector API serves it, integrations read it. A fact that is not
// known is `null`, never omitted; times are ISO-8601 UTC strings.

import type { BACKUP_RESULTS, CHECK_STATES, ENCRYPTION_STATES, TOPIC_STATES } from './enums.generated.js';

export type OsFamily = 'linux' | 'darwin' | 'win32';
// The enums' values come from the .proto (scripts/generate.mjs), so the wire and the JSON cannot drift.
export type TopicState = (typeof TOPIC_STATES)[number];
export type PatchSource = 'apt' | 'dnf' | 'yum' | 'zypper' | 'pacman' | 'softwareupdate' | 'windows-update';
export type BackupResult = (typeof BACKUP_RESULTS)[number];
/**
 * `suspended`: fully encrypted, protection suspended (the key is in the clear
 * on the disk until resumed). `off` covers decrypted volumes and paused
 * conversions.
 */
export type EncryptionState = (typeof ENCRYPTION_STATES)[number];
export type CheckState = (typeof CHECK_STATES)[number];
export type Chassis = 'server' | 'workstation' | 'laptop';

export const TOPICS = ['inventory', 'patch', 'disk', 'backup', 'security'] as const;
export type Topic = (typeof TOPICS)[number];

/** Fields every topic carries: `unknown` always comes with a human reason. */
export interface TopicStatus {
  state: TopicState;
  reason: string | null;
}

export interface Inventory extends TopicStatus {
  hostname: string | null;
  os: OsFamily | null;
  osName: string | null;
  osVersion: string | null;
  arch: string | null;
  uptimeSeconds: number | null;
  kernel: string | null;
  serial: string | null;
  manufacturer: string | null;
  model: string | null;
  memoryBytes: number | null;
  cpuCores: number | null;
  chassis: Chassis | null;
}

export interface PendingUpdate {
  name: string;
  currentVersion: string | null;
  availableVersion: string | null;
  security: boolean | null;
  kb: string | null;
  severity: string | null;
}

export interface PatchStatus extends TopicStatus {
  source: PatchSource | null;
  pendingCount: number | null;
  securityCount: number | null;
  rebootRequired: boolean | null;
  updates: PendingUpdate[];
  lastInstalledAt: string | null;
}

export interface Volume {
  mount: string;
  fsType: string | null;
  sizeBytes: number | null;
  usedBytes: number | null;
  freeBytes: number | null;
  usedPercent: number | null;
  inodesTotal: number | null;
  inodesUsed: number | null;
  inodesUsedPercent: number | null;
  device: string | null;
  smartHealth: 'ok' | 'failing' | 'unknown' | null;
}

export interface DiskStatus extends TopicStatus {
  volumes: Volume[];
}

export interface BackupJob {
  provider: string;
  name: string;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lastResult: BackupResult;
  detail: string | null;
}

export interface BackupStatus extends TopicStatus {
  jobs: BackupJob[];
}

export interface Antivirus {
  product: string;
  enabled: boolean | null;
  realTime: boolean | null;
  upToDate: boolean | null;
  signaturesUpdatedAt: string | null;
}

export interface FirewallProfile {
  name: string;
  enabled: boolean | null;
}

export interface Firewall {
  enabled: boolean | null;
  profiles: FirewallProfile[];
}

export interface Encryption {
  mount: string;
  state: EncryptionState;
  method: string | null;
}

/**
 * One endpoint protection (EDR) sensor as its local tool reports it. Listed
 * only when the product is present on the device; a fact the tool does not
 * give is null.
 */
export interface EndpointProtection {
  product: string;
  installed: boolean | null;
  /** The sensor's service or daemon is running. */
  running: boolean | null;
  /** Registered with its vendor's cloud (has an agent/machine id, onboarding state 1). */
  onboarded: boolean | null;
  /** Connected to its cloud now, as far as the local tool knows. */
  connected: boolean | null;
  /** The last contact with its cloud the sensor reports. */
  lastContactAt: string | null;
  version: string | null;
  /** The tool itself says the sensor is out of date or its product has expired. */
  outdated: boolean | null;
  /** CrowdStrike reduced functionality mode (RFM): running, but not protecting fully. */
  reducedFunctionality: boolean | null;
  tamperProtection: boolean | null;
  /** What could not be read, or what the tool said that matters; null when nothing. */
  detail: string | null;
}

export interface SecurityStatus extends TopicStatus {
  antivirus: Antivirus[];
  firewall: Firewall;
  encryption: Encryption[];
  checks: Record<string, CheckState>;
  endpointProtection: EndpointProtection[];
}

/**
 * The agent's own delivery fact at collection time: `stuck` when reports
 * have waited unacknowledged longer than its bound. Not a topic: it
 * describes the agent, and each report carries its own.
 */
export interface DeliveryHealth {
  stuck: boolean;
  reason: string | null;
  stuckSince: string | null;
  pendingCount: number;
  oldestPendingAt: string | null;
  lastAckAt: string | null;
}

/** One report. A topic that is `null` was not collected in this run. */
export interface Snapshot {
  deviceId: string;
  collectedAt: string;
  agentVersion: string;
  inventory: Inventory | null;
  patch: PatchStatus | null;
  disk: DiskStatus | null;
  backup: BackupStatus | null;
  security: SecurityStatus | null;
  /** Absent when the agent predates it or (the CLI's `collect --once`) is not delivering. */
  delivery?: DeliveryHealth;
}

/** The status of a topic whose source could not be read. */
export function unknownTopic(reason: string): TopicStatus {
  return { state: 'unknown', reason };
}

export function emptyInventory(): Inventory {
  return {
    state: 'ok', reason: null, hostname: null, os: null, osName: null, osVersion: null, arch: null,
    uptimeSeconds: null, kernel: null, serial: null, manufacturer: null, model: null, memoryBytes: null,
    cpuCores: null, chassis: null,
  };
}

export function emptyPatch(): PatchStatus {
  return {
    state: 'ok', reason: null, source: null, pendingCount: null, securityCount: null,
    rebootRequired: null, updates: [], lastInstalledAt: null,
  };
}

export function emptyDisk(): DiskStatus {
  return { state: 'ok', reason: null, volumes: [] };
}

export function emptyBackup(): BackupStatus {
  return { state: 'ok', reason: null, jobs: [] };
}

export function emptySecurity(): SecurityStatus {
  return {
    state: 'ok', reason: null, antivirus: [], firewall: { enabled: null, profiles: [] },
    encryption: [], checks: {}, endpointProtection: [],
  };
}

export function emptyVolume(mount: string): Volume {
  return {
    mount, fsType: null, sizeBytes: null, usedBytes: null, freeBytes: null, usedPercent: null,
    inodesTotal: null, inodesUsed: null, inodesUsedPercent: null, device: null, smartHealth: null,
  };
}

export function pendingUpdate(name: string, fields: Partial<PendingUpdate> = {}): PendingUpdate {
  return { name, currentVersion: null, availableVersion: null, security: null, kb: null, severity: null, ...fields };
}

export function backupJob(provider: string, name: string, fields: Partial<BackupJob> = {}): BackupJob {
  return { provider, name, lastSuccessAt: null, lastAttemptAt: null, lastResult: 'unknown', detail: null, ...fields };
}

export function antivirus(product: string, fields: Partial<Antivirus> = {}): Antivirus {
  return { product, enabled: null, realTime: null, upToDate: null, signaturesUpdatedAt: null, ...fields };
}

export function endpointProtection(product: string, fields: Partial<EndpointProtection> = {}): EndpointProtection {
  return {
    product, installed: null, running: null, onboarded: null, connected: null, lastContactAt: null, version: null,
    outdated: null, reducedFunctionality: null, tamperProtection: null, detail: null, ...fields,
  };
}

/**
 * Merges a partial report onto the previous latest snapshot: topics absent
 * from `next` keep their previous value, so a device's status stays whole
 * while topics run on their own schedules.
 */
export function mergeSnapshot(previous: Snapshot | null, next: Snapshot): Snapshot {
  if (!previous) return next;
  return {
    deviceId: next.deviceId,
    collectedAt: next.collectedAt,
    agentVersion: next.agentVersion,
    inventory: next.inventory ?? previous.inventory,
    patch: next.patch ?? previous.patch,
    disk: next.disk ?? previous.disk,
    backup: next.backup ?? previous.backup,
    security: next.security ?? previous.security,
    // Each report's own: an older agent's report says nothing about delivery.
    ...(next.delivery ? { delivery: next.delivery } : {}),
  };
}
