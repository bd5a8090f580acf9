// The facts a rule can test: the device's latest snapshot, its labels, what
// the collector knows about its agent connection, and per-instance items
// (one volume, one backup job, …). The tables below are the vocabulary rule
// files are checked against at load, so a typo is an error, not a silent
// never-firing rule.
import { TOPICS } from '@tandem/proto';
import type { Snapshot, Topic } from '@tandem/proto';
import { patchCompliance } from './patch-compliance.js';
import type { PatchCompliance } from './patch-compliance.js';

export type FactType = 'number' | 'string' | 'boolean' | 'time' | 'list';

/** What the collector knows about a device's agent besides its snapshot. */
export interface AgentFacts {
  connected: boolean;
  /** The last disconnection was a planned stop (Goodbye). */
  stopped: boolean;
  /** ms; null while connected. */
  offlineSince: number | null;
  lastSeenAt: number | null;
  /** ms of the newest spool gap the agent reported, if any. */
  lastGapAt: number | null;
  lastGapDropped: number | null;
}

/** Labels device groups are matched on, for overrides and routing. */
export interface DeviceLabels {
  tenant: string;
  site: string | null;
  tags: string[];
  os: string | null;
  /** The inventory chassis: server, workstation or laptop. */
  role: string | null;
}

export interface DeviceFacts {
  tenantId: string;
  deviceId: string;
  hostname: string | null;
  labels: DeviceLabels;
  snapshot: Snapshot | null;
  agent: AgentFacts;
  /** Pending update name → ms it was first seen on this device. */
  updateFirstSeen: ReadonlyMap<string, number>;
}

/** The object conditions read from: snapshot topics at the top, plus `device` and `agent`. */
export interface FactRoot {
  collectedAt: string | null;
  agentVersion: string | null;
  inventory: Snapshot['inventory'];
  patch: Snapshot['patch'];
  disk: Snapshot['disk'];
  backup: Snapshot['backup'];
  security: Snapshot['security'];
  device: DeviceLabels & { hostname: string | null };
  agent: AgentFacts;
  topics: TopicItem[];
  /** Derived by the collector: the patch compliance clock (patch-compliance.ts). */
  compliance: PatchCompliance;
}

export interface TopicItem {
  name: Topic;
  state: string | null;
  reason: string | null;
}

/** One evaluation context: the device's facts and, for per-instance rules, the current item. */
export interface FactContext {
  now: number;
  root: FactRoot;
  item: Record<string, unknown> | null;
  updateFirstSeen: ReadonlyMap<string, number>;
  /** The earliest later time at which a time test seen so far changes its answer (see noteDue). */
  dueAt?: number;
}

/**
 * Notes that a test's answer changes at `at` though no fact does (a time
 * passes a threshold), so the device is evaluated again then.
 */
export function noteDue(ctx: FactContext, at: number): void {
  if (at > ctx.now && (ctx.dueAt === undefined || at < ctx.dueAt)) ctx.dueAt = at;
}

export function factRoot(facts: DeviceFacts, now: number = Date.now()): FactRoot {
  const s = facts.snapshot;
  return {
    collectedAt: s?.collectedAt ?? null,
    agentVersion: s?.agentVersion ?? null,
    inventory: s?.inventory ?? null,
    patch: s?.patch ?? null,
    disk: s?.disk ?? null,
    backup: s?.backup ?? null,
    security: s?.security ?? null,
    device: { ...facts.labels, hostname: facts.hostname },
    agent: facts.agent,
    topics: TOPICS.map((name) => ({ name, state: s?.[name]?.state ?? null, reason: s?.[name]?.reason ?? null })),
    compliance: patchCompliance(s?.patch ?? null, facts.updateFirstSeen, now),
  };
}

/** The role a device plays, from its inventory; null until inventory is known. */
export function roleOf(snapshot: Pick<Snapshot, 'inventory'> | null): string | null {
  return snapshot?.inventory?.chassis ?? null;
}

const str = 'string' as const;
const num = 'number' as const;
const bool = 'boolean' as const;
const time = 'time' as const;
const list = 'list' as const;

export const ROOT_FACTS: Readonly<Record<string, FactType>> = {
  collectedAt: time, agentVersion: str,
  'inventory.state': str, 'inventory.reason': str, 'inventory.hostname': str, 'inventory.os': str, 'inventory.osName': str,
  'inventory.osVersion': str, 'inventory.arch': str, 'inventory.uptimeSeconds': num, 'inventory.kernel': str,
  'inventory.serial': str, 'inventory.manufacturer': str, 'inventory.model': str, 'inventory.memoryBytes': num,
  'inventory.cpuCores': num, 'inventory.chassis': str,
  'patch.state': str, 'patch.reason': str, 'patch.source': str, 'patch.pendingCount': num, 'patch.securityCount': num,
  'patch.rebootRequired': bool, 'patch.updates': list, 'patch.lastInstalledAt': time,
  'disk.state': str, 'disk.reason': str, 'disk.volumes': list,
  'backup.state': str, 'backup.reason': str, 'backup.jobs': list,
  'security.state': str, 'security.reason': str, 'security.antivirus': list, 'security.firewall.enabled': bool,
  'security.firewall.profiles': list, 'security.encryption': list, 'security.endpointProtection': list,
  'compliance.securityPendingCount': num, 'compliance.securityPendingSince': time, 'compliance.oldestUpdate': str,
  'device.tenant': str, 'device.site': str, 'device.tags': list, 'device.os': str, 'device.role': str, 'device.hostname': str,
  'agent.connected': bool, 'agent.stopped': bool, 'agent.offlineSince': time, 'agent.lastSeenAt': time,
  'agent.lastGapAt': time, 'agent.lastGapDropped': num,
};

/**
 * Topic fields of the snapshot that rules cannot test, each with the reason.
 * A test ties this table, ROOT_FACTS and INSTANCE_SOURCES to the .proto: a
 * field added to the schema is either a fact or named here.
 */
export const NOT_FACTS: Readonly<Record<string, string>> = {};

/** `security.checks.<name>` holds on/off/unknown for any check an agent reports. */
export const DYNAMIC_ROOT_PREFIXES: Readonly<Record<string, FactType>> = { 'security.checks.': str };

/** Lists a rule can raise one alert per item of (`each:`), with the fields that name an item. */
export interface InstanceSource {
  path: string;
  /** The topic the list belongs to: an item missing from a topic that is not `ok` is not "cleared". */
  topic: Topic | null;
  key: string[];
  item: Readonly<Record<string, FactType>>;
}

export const INSTANCE_SOURCES: Readonly<Record<string, InstanceSource>> = {
  'disk.volumes': {
    path: 'disk.volumes', topic: 'disk', key: ['mount'],
    item: { mount: str, fsType: str, sizeBytes: num, usedBytes: num, freeBytes: num, usedPercent: num, inodesTotal: num, inodesUsed: num, inodesUsedPercent: num, device: str, smartHealth: str },
  },
  'patch.updates': {
    path: 'patch.updates', topic: 'patch', key: ['name'],
    // firstSeenAt is not in the snapshot: the collector records when each update first appeared.
    item: { name: str, currentVersion: str, availableVersion: str, security: bool, kb: str, severity: str, firstSeenAt: time },
  },
  'backup.jobs': {
    path: 'backup.jobs', topic: 'backup', key: ['provider', 'name'],
    item: { provider: str, name: str, lastSuccessAt: time, lastAttemptAt: time, lastResult: str, detail: str },
  },
  'security.antivirus': {
    path: 'security.antivirus', topic: 'security', key: ['product'],
    item: { product: str, enabled: bool, realTime: bool, upToDate: bool, signaturesUpdatedAt: time },
  },
  'security.encryption': {
    path: 'security.encryption', topic: 'security', key: ['mount'],
    item: { mount: str, state: str, method: str },
  },
  'security.endpointProtection': {
    path: 'security.endpointProtection', topic: 'security', key: ['product'],
    item: {
      product: str, installed: bool, running: bool, onboarded: bool, connected: bool, lastContactAt: time, version: str,
      outdated: bool, reducedFunctionality: bool, tamperProtection: bool, detail: str,
    },
  },
  'security.firewall.profiles': {
    path: 'security.firewall.profiles', topic: 'security', key: ['name'],
    item: { name: str, enabled: bool },
  },
  topics: {
    path: 'topics', topic: null, key: ['name'],
    item: { name: str, state: str, reason: str },
  },
};

/** The type of a fact path as a rule may write it, or null when no such fact exists. */
export function factType(path: string, source: InstanceSource | null): FactType | null {
  if (path.startsWith('item.')) return source?.item[path.slice(5)] ?? null;
  const t = ROOT_FACTS[path];
  if (t) return t;
  for (const [prefix, type] of Object.entries(DYNAMIC_ROOT_PREFIXES)) {
    if (path.startsWith(prefix) && path.length > prefix.length && !path.slice(prefix.length).includes('.')) return type;
  }
  return null;
}

export type Getter = (ctx: FactContext) => unknown;

/** A fast accessor for a fact path (checked against the tables before this is called). */
export function compileGetter(path: string): Getter {
  if (path === 'item.firstSeenAt') {
    return (ctx) => {
      const name = ctx.item?.name;
      return typeof name === 'string' ? (ctx.updateFirstSeen.get(name) ?? null) : null;
    };
  }
  const fromItem = path.startsWith('item.');
  const parts = (fromItem ? path.slice(5) : path).split('.');
  const [a, b, c] = parts as [string, string | undefined, string | undefined];
  if (fromItem) {
    if (parts.length === 1) return (ctx) => ctx.item?.[a] ?? null;
    return (ctx) => dig(ctx.item, parts);
  }
  const root = (ctx: FactContext) => ctx.root as unknown as Record<string, unknown>;
  if (parts.length === 1) return (ctx) => root(ctx)[a] ?? null;
  if (parts.length === 2) return (ctx) => (root(ctx)[a] as Record<string, unknown> | null)?.[b!] ?? null;
  if (parts.length === 3) return (ctx) => ((root(ctx)[a] as Record<string, Record<string, unknown> | null> | null)?.[b!])?.[c!] ?? null;
  return (ctx) => dig(ctx.root, parts);
}

function dig(from: unknown, parts: string[]): unknown {
  let v: unknown = from;
  for (const p of parts) {
    if (v === null || typeof v !== 'object') return null;
    v = (v as Record<string, unknown>)[p];
  }
  return v ?? null;
}
