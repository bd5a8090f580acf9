// Helpers for rule tests: a healthy snapshot to break on purpose, and a
// device simulator that replays snapshots through the pure evaluation with a
// fake clock, keeping alert records the way the store does.
import { antivirus, backupJob, emptyVolume, pendingUpdate } from '@tandem/proto';
import type { Snapshot } from '@tandem/proto';
import { CompiledRuleSet } from '../../src/rules/compile-rules.js';
import { evaluateDevice } from '../../src/rules/evaluate.js';
import type { AgentFacts, DeviceFacts } from '../../src/rules/facts.js';
import { roleOf } from '../../src/rules/facts.js';
import type { AlertState, AlertTransition } from '../../src/rules/alert-state.js';
import { loadRulePackFile, DEFAULT_RULES_FILE, parseRulePack } from '../../src/rules/load-rules.js';
import type { RulePack } from '../../src/rules/rule-pack.js';
import { applyAction } from '../../src/rules/alert-actions.js';
import type { AlertAction } from '../../src/rules/alert-actions.js';
import { trackFirstSeen } from '../../src/rules/update-first-seen.js';

export const T0 = Date.parse('2026-11-28T10:00:00.000Z');
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

export function defaultPack(): RulePack {
  return loadRulePackFile(DEFAULT_RULES_FILE).pack;
}

export function packFrom(yaml: string): RulePack {
  const r = parseRulePack(yaml, 'test.yaml');
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.pack;
}

/** A workstation with nothing wrong, as of `now`. */
export function healthySnapshot(deviceId: string, now = T0, chassis: 'server' | 'workstation' | 'laptop' = 'workstation'): Snapshot {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    deviceId,
    collectedAt: iso(now),
    agentVersion: '0.1.0',
    inventory: {
      state: 'ok', reason: null, hostname: 'fin-ws-07', os: 'linux', osName: 'Debian GNU/Linux', osVersion: '12', arch: 'x64',
      uptimeSeconds: 86_400, kernel: '6.1.0', serial: null, manufacturer: 'Dell Inc.', model: 'OptiPlex 7090', memoryBytes: 16e9,
      cpuCores: 8, chassis,
    },
    patch: { state: 'ok', reason: null, source: 'apt', pendingCount: 1, securityCount: 0, rebootRequired: false, updates: [pendingUpdate('tzdata', { security: false })], lastInstalledAt: iso(now - DAY) },
    disk: {
      state: 'ok', reason: null,
      volumes: [
        { ...emptyVolume('/'), fsType: 'ext4', sizeBytes: 1000, usedBytes: 400, freeBytes: 600, usedPercent: 40 },
        { ...emptyVolume('/data'), fsType: 'xfs', sizeBytes: 1000, usedBytes: 500, freeBytes: 500, usedPercent: 50 },
      ],
    },
    backup: { state: 'ok', reason: null, jobs: [backupJob('restic', 'home', { lastSuccessAt: iso(now - HOUR), lastAttemptAt: iso(now - HOUR), lastResult: 'success' })] },
    security: {
      state: 'ok', reason: null,
      antivirus: [antivirus('ClamAV', { enabled: true, realTime: true, upToDate: true, signaturesUpdatedAt: iso(now - HOUR) })],
      firewall: { enabled: true, profiles: [] },
      encryption: [{ mount: '/', state: 'on', method: 'LUKS' }],
      checks: {},
      endpointProtection: [],
    },
  };
}

export interface SimStep {
  transitions: AlertTransition[];
}

/** One device replayed through evaluateDevice with a fake clock. */
export class DeviceSim {
  now = T0;
  snapshot: Snapshot;
  agent: AgentFacts = { connected: true, stopped: false, offlineSince: null, lastSeenAt: T0, lastGapAt: null, lastGapDropped: null };
  records = new Map<string, AlertState>();
  history: AlertTransition[] = [];
  firstSeen = new Map<string, number>();
  tags: string[] = [];
  site: string | null = null;
  /** When the last evaluation said the device is next due (null: only new facts change anything). */
  dueAt: number | null = null;
  private ids = 0;
  readonly rules: CompiledRuleSet;

  constructor(pack: RulePack = defaultPack(), readonly tenantId = 'acme', readonly deviceId = 'dev_1', chassis: 'server' | 'workstation' | 'laptop' = 'workstation') {
    this.rules = new CompiledRuleSet(pack);
    this.snapshot = healthySnapshot(deviceId, T0, chassis);
  }

  /** Moves the clock to T0 + `minutes`, optionally changes the snapshot, and evaluates. */
  at(minutes: number, change?: (s: Snapshot, sim: DeviceSim) => void): AlertTransition[] {
    this.now = T0 + minutes * MIN;
    if (change) change(this.snapshot, this);
    return this.evaluate();
  }

  evaluate(): AlertTransition[] {
    const seen = trackFirstSeen(this.firstSeen, this.snapshot.patch, this.now);
    this.firstSeen = seen.firstSeen;
    const facts: DeviceFacts = {
      tenantId: this.tenantId, deviceId: this.deviceId, hostname: 'fin-ws-07',
      labels: { tenant: this.tenantId, site: this.site, tags: this.tags, os: 'linux', role: roleOf(this.snapshot) },
      snapshot: this.snapshot, agent: this.agent, updateFirstSeen: this.firstSeen,
    };
    const result = evaluateDevice({
      rules: this.rules.forDevice(facts.labels), facts, previous: [...this.records.values()], now: this.now,
      flapping: this.rules.flapping, newId: () => `alr_${++this.ids}`,
    });
    for (const s of result.changed) this.records.set(s.key, s);
    for (const c of result.cancelled) this.records.delete(c.key);
    this.history.push(...result.transitions);
    this.dueAt = result.dueAt ?? null;
    return result.transitions;
  }

  act(ruleId: string, instance: string, action: AlertAction): ReturnType<typeof applyAction> {
    const s = this.alert(ruleId, instance);
    if (!s) throw new Error(`no alert for ${ruleId}/${instance}`);
    const outcome = applyAction(s, action, this.now, this.rules.flapping);
    if (outcome.ok) {
      this.records.set(s.key, outcome.state);
      this.history.push(outcome.transition);
    }
    return outcome;
  }

  alert(ruleId: string, instance = ''): AlertState | undefined {
    return this.records.get(`${this.tenantId}/${this.deviceId}/${ruleId}/${instance}`);
  }

  /** The state of an alert ('none' when there is no record), with its severity: "firing:warning". */
  state(ruleId: string, instance = ''): string {
    const s = this.alert(ruleId, instance);
    if (!s) return 'none';
    return s.status === 'resolved' ? 'resolved' : `${s.status}:${s.severity}${s.flapping ? ':flapping' : ''}`;
  }

  /** Open alerts as "rule/instance=state:severity", sorted. */
  open(): string[] {
    return [...this.records.values()].filter((s) => s.status !== 'resolved').map((s) => `${s.ruleId}/${s.instance}=${s.status}:${s.severity}`).sort();
  }

  notifications(ruleId?: string): AlertTransition[] {
    return this.history.filter((t) => t.notify && (!ruleId || t.key.split('/')[2] === ruleId));
  }
}

export const iso = (ms: number) => new Date(ms).toISOString();

export function setVolume(mount: string, usedPercent: number) {
  return (s: Snapshot) => {
    const v = s.disk!.volumes.find((x) => x.mount === mount)!;
    v.usedPercent = usedPercent;
  };
}
