// Every rule of the shipped pack, replayed over snapshot sequences with a
// fake clock: it fires, holds during `for`, clears (with hysteresis where it
// has some), and does not flap on noise at the threshold.
import { describe, expect, it } from 'vitest';
import { pendingUpdate } from '@tandem/proto';
import type { Snapshot } from '@tandem/proto';
import { DeviceSim, HOUR, iso, setVolume, T0 } from './support.js';

type Change = (s: Snapshot, sim: DeviceSim) => void;
interface Step { t: number; change?: Change; expect: string }
interface Case { name: string; rule: string; instance?: string; chassis?: 'server' | 'workstation' | 'laptop'; steps: Step[]; notifications?: number }

const H = 60; // minutes per hour
const D = 24 * H;
const at = (minutes: number) => T0 + minutes * 60_000;

const offline = (graceful: boolean): Change => (_s, sim) => {
  sim.agent = { ...sim.agent, connected: false, stopped: graceful, offlineSince: sim.now };
};
const online: Change = (_s, sim) => {
  sim.agent = { ...sim.agent, connected: true, stopped: false, offlineSince: null };
};
const job = (f: Partial<NonNullable<Snapshot['backup']>['jobs'][number]>): Change => (s) => Object.assign(s.backup!.jobs[0]!, f);
const av = (f: Partial<NonNullable<Snapshot['security']>['antivirus'][number]>): Change => (s) => Object.assign(s.security!.antivirus[0]!, f);

const cases: Case[] = [
  {
    name: 'disk-full: warns at 90 % after 10 min, critical at 95 %, clears only below 85 %',
    rule: 'disk-full', instance: '/',
    steps: [
      { t: 0, expect: 'none' },
      { t: 1, change: setVolume('/', 91), expect: 'pending:warning' },
      { t: 6, expect: 'pending:warning' },
      { t: 11, expect: 'firing:warning' },
      { t: 12, change: setVolume('/', 96), expect: 'firing:critical' },
      { t: 13, change: setVolume('/', 88), expect: 'firing:critical' },
      { t: 14, change: setVolume('/', 86), expect: 'firing:critical' },
      { t: 15, change: setVolume('/', 84.9), expect: 'resolved' },
    ],
    notifications: 3,
  },
  {
    name: 'disk-full: a short spike is cancelled before it fires',
    rule: 'disk-full', instance: '/',
    steps: [
      { t: 0, change: setVolume('/', 97), expect: 'pending:critical' },
      { t: 5, change: setVolume('/', 60), expect: 'none' },
      { t: 30, expect: 'none' },
    ],
    notifications: 0,
  },
  {
    name: 'disk-full: noise around 90 % fires once and never flaps',
    rule: 'disk-full', instance: '/',
    steps: [
      ...Array.from({ length: 120 }, (_, i) => ({ t: i, change: setVolume('/', i % 2 === 0 ? 90.1 : 89.9), expect: i < 10 ? 'pending:warning' : 'firing:warning' })),
    ],
    notifications: 1,
  },
  {
    name: 'disk-full: noise around 95 % does not toggle severity; a lasting drop lowers it quietly',
    rule: 'disk-full', instance: '/',
    steps: [
      { t: 0, change: setVolume('/', 96), expect: 'pending:critical' },
      { t: 10, expect: 'firing:critical' },
      ...Array.from({ length: 30 }, (_, i) => ({ t: 11 + i, change: setVolume('/', i % 2 === 0 ? 94.9 : 95.1), expect: 'firing:critical' })),
      { t: 41, change: setVolume('/', 92), expect: 'firing:critical' },
      { t: 50, expect: 'firing:critical' },
      { t: 51, expect: 'firing:warning' },
    ],
    notifications: 1,
  },
  {
    name: 'security-update-pending: warning after 7 days, critical after 14, resolved when installed',
    rule: 'security-update-pending', instance: 'openssl',
    steps: [
      { t: 0, change: (s) => { s.patch!.updates.push(pendingUpdate('openssl', { security: true, availableVersion: '3.0.15' })); }, expect: 'none' },
      { t: 7 * D - 1, expect: 'none' },
      // A newer version of the same update does not restart the clock.
      { t: 7 * D, change: (s) => { s.patch!.updates.find((u) => u.name === 'openssl')!.availableVersion = '3.0.16'; }, expect: 'none' },
      { t: 7 * D + 1, expect: 'firing:warning' },
      { t: 14 * D + 1, expect: 'firing:critical' },
      { t: 14 * D + 2, change: (s) => { s.patch!.updates = s.patch!.updates.filter((u) => u.name !== 'openssl'); }, expect: 'resolved' },
    ],
  },
  {
    name: 'security-update-pending: an unreadable patch topic keeps the first-seen time and the alert',
    rule: 'security-update-pending', instance: 'openssl',
    steps: [
      { t: 0, change: (s) => { s.patch!.updates.push(pendingUpdate('openssl', { security: true })); }, expect: 'none' },
      { t: 8 * D, expect: 'firing:warning' },
      { t: 8 * D + 1, change: (s) => { s.patch = { ...s.patch!, state: 'unknown', reason: 'apt: lock held', updates: [] }; }, expect: 'firing:warning' },
      { t: 15 * D, change: (s) => { s.patch = { ...s.patch!, state: 'ok', reason: null, updates: [pendingUpdate('openssl', { security: true })] }; }, expect: 'firing:critical' },
    ],
  },
  {
    name: 'reboot-pending: fires after 3 days',
    rule: 'reboot-pending',
    steps: [
      { t: 0, change: (s) => { s.patch!.rebootRequired = true; }, expect: 'pending:warning' },
      { t: 3 * D - 1, expect: 'pending:warning' },
      { t: 3 * D, expect: 'firing:warning' },
      { t: 3 * D + 5, change: (s) => { s.patch!.rebootRequired = false; }, expect: 'resolved' },
    ],
  },
  {
    name: 'backup-stale: no success for 26 h warns, 72 h is critical (the last success was 1 h before T0)',
    rule: 'backup-stale', instance: 'restic/home',
    steps: [
      { t: 25 * H - 1, expect: 'none' },
      { t: 25 * H + 1, expect: 'firing:warning' },
      { t: 71 * H + 1, expect: 'firing:critical' },
      { t: 71 * H + 2, change: (s, sim) => { s.backup!.jobs[0]!.lastSuccessAt = iso(sim.now); }, expect: 'resolved' },
    ],
  },
  {
    name: 'backup-stale: a job that never succeeded warns',
    rule: 'backup-stale', instance: 'restic/home',
    steps: [{ t: 0, change: job({ lastSuccessAt: null }), expect: 'firing:warning' }],
  },
  {
    name: 'backup-failed: a failed run warns; a run in progress does not clear it, a success does',
    rule: 'backup-failed', instance: 'restic/home',
    steps: [
      { t: 0, change: job({ lastResult: 'failed', detail: 'repository locked' }), expect: 'firing:warning' },
      { t: 10, change: job({ lastResult: 'running' }), expect: 'firing:warning' },
      { t: 20, change: job({ lastResult: 'success' }), expect: 'resolved' },
    ],
  },
  {
    name: 'backup-missing: a server without a backup job warns',
    rule: 'backup-missing', chassis: 'server',
    steps: [
      { t: 0, expect: 'none' },
      { t: 1, change: (s) => { s.backup!.jobs = []; }, expect: 'firing:warning' },
      { t: 2, change: (s) => { s.backup = { state: 'unknown', reason: 'restic: not found', jobs: [] }; }, expect: 'firing:warning' },
    ],
  },
  {
    name: 'backup-missing: a workstation without a backup job does not',
    rule: 'backup-missing', chassis: 'workstation',
    steps: [{ t: 1, change: (s) => { s.backup!.jobs = []; }, expect: 'none' }],
  },
  {
    name: 'antivirus-off: real-time protection off is critical; an unknown fact does not clear it',
    rule: 'antivirus-off', instance: 'ClamAV',
    steps: [
      { t: 0, change: av({ realTime: false }), expect: 'firing:critical' },
      { t: 1, change: av({ realTime: null }), expect: 'firing:critical' },
      { t: 2, change: av({ realTime: true, enabled: true }), expect: 'resolved' },
      { t: 3, change: av({ enabled: false }), expect: 'firing:critical' },
    ],
  },
  {
    name: 'antivirus-signatures-stale: signatures older than 3 days warn',
    rule: 'antivirus-signatures-stale', instance: 'ClamAV',
    steps: [
      { t: 3 * D - H - 1, expect: 'none' },
      { t: 3 * D - H + 1, expect: 'firing:warning' },
      { t: 3 * D, change: (s, sim) => { s.security!.antivirus[0]!.signaturesUpdatedAt = iso(sim.now); }, expect: 'resolved' },
    ],
  },
  {
    name: 'firewall-off: critical; unknown state holds it',
    rule: 'firewall-off',
    steps: [
      { t: 0, change: (s) => { s.security!.firewall.enabled = false; }, expect: 'firing:critical' },
      { t: 1, change: (s) => { s.security!.firewall.enabled = null; }, expect: 'firing:critical' },
      { t: 2, change: (s) => { s.security!.firewall.enabled = true; }, expect: 'resolved' },
    ],
  },
  {
    name: 'encryption-off: a warning on a workstation',
    rule: 'encryption-off', instance: '/', chassis: 'workstation',
    steps: [
      { t: 0, change: (s) => { s.security!.encryption[0]!.state = 'off'; }, expect: 'firing:warning' },
      { t: 1, change: (s) => { s.security!.encryption[0]!.state = 'encrypting'; }, expect: 'resolved' },
    ],
  },
  {
    name: 'encryption-off: critical on a laptop',
    rule: 'encryption-off', instance: '/', chassis: 'laptop',
    steps: [{ t: 0, change: (s) => { s.security!.encryption[0]!.state = 'off'; }, expect: 'firing:critical' }],
  },
  {
    name: 'encryption-suspended: a suspension that outlasts the update restart warns after 12 h; resuming resolves it',
    rule: 'encryption-suspended', instance: '/', chassis: 'workstation',
    steps: [
      { t: 0, change: (s) => { s.security!.encryption[0]!.state = 'suspended'; }, expect: 'pending:warning' },
      { t: 12 * H - 1, expect: 'pending:warning' },
      { t: 12 * H, expect: 'firing:warning' },
      { t: 12 * H + 1, change: (s) => { s.security!.encryption[0]!.state = 'on'; }, expect: 'resolved' },
    ],
  },
  {
    name: 'encryption-suspended: critical on a laptop, and not raised as encryption off',
    rule: 'encryption-suspended', instance: '/', chassis: 'laptop',
    steps: [
      { t: 0, change: (s) => { s.security!.encryption[0]!.state = 'suspended'; }, expect: 'pending:critical' },
      { t: 12 * H, expect: 'firing:critical' },
    ],
  },
  {
    name: 'encryption-off: a suspended volume is not off',
    rule: 'encryption-off', instance: '/', chassis: 'laptop',
    steps: [{ t: 0, change: (s) => { s.security!.encryption[0]!.state = 'suspended'; }, expect: 'none' }],
  },
  {
    name: 'encryption-unknown: an unreadable volume in a readable topic warns after an hour',
    rule: 'encryption-unknown', instance: '/',
    steps: [
      { t: 0, change: (s) => { s.security!.encryption[0]!.state = 'unknown'; }, expect: 'pending:warning' },
      { t: 60, expect: 'firing:warning' },
      { t: 61, change: (s) => { s.security!.encryption[0]!.state = 'on'; }, expect: 'resolved' },
    ],
  },
  {
    name: 'firewall-unknown: a firewall no tool could read warns after an hour; an unknown topic is left to topic-unknown',
    rule: 'firewall-unknown',
    steps: [
      { t: 0, change: (s) => { s.security = { ...s.security!, reason: 'firewall: nft list ruleset needs root', firewall: { enabled: null, profiles: [] } }; }, expect: 'pending:warning' },
      { t: 60, expect: 'firing:warning' },
      { t: 61, change: (s) => { s.security = { ...s.security!, firewall: { enabled: false, profiles: [] } }; }, expect: 'resolved' },
      { t: 62, change: (s) => { s.security = { ...s.security!, state: 'unknown', reason: 'no tool answered', firewall: { enabled: null, profiles: [] } }; }, expect: 'resolved' },
      { t: 200, expect: 'resolved' },
    ],
  },
  {
    name: 'agent-offline: a lost connection warns for a workstation after 10 min',
    rule: 'agent-offline', chassis: 'workstation',
    steps: [
      { t: 0, change: offline(false), expect: 'pending:warning' },
      { t: 9, expect: 'pending:warning' },
      { t: 10, expect: 'firing:warning' },
      { t: 15, change: online, expect: 'resolved' },
    ],
  },
  {
    name: 'agent-offline: critical for a server; a reconnect within 10 min raises nothing',
    rule: 'agent-offline', chassis: 'server',
    steps: [
      { t: 0, change: offline(false), expect: 'pending:critical' },
      { t: 5, change: online, expect: 'none' },
      { t: 20, change: offline(false), expect: 'pending:critical' },
      { t: 30, expect: 'firing:critical' },
    ],
    notifications: 1,
  },
  {
    name: 'agent-offline: a planned stop (Goodbye) is not an outage',
    rule: 'agent-offline', chassis: 'server',
    steps: [
      { t: 0, change: offline(true), expect: 'none' },
      { t: 24 * H, expect: 'none' },
    ],
  },
  {
    name: 'agent-stopped: a planned stop that lasts a day is an info alert',
    rule: 'agent-stopped', chassis: 'server',
    steps: [
      { t: 0, change: offline(true), expect: 'pending:info' },
      { t: 24 * H - 1, expect: 'pending:info' },
      { t: 24 * H, expect: 'firing:info' },
      { t: 24 * H + 1, change: online, expect: 'resolved' },
    ],
  },
  {
    name: 'topic-unknown: a topic unknown for an hour warns',
    rule: 'topic-unknown', instance: 'security',
    steps: [
      { t: 0, change: (s) => { s.security = { ...s.security!, state: 'unknown', reason: 'ufw: needs root' }; }, expect: 'pending:warning' },
      { t: 59, expect: 'pending:warning' },
      { t: 60, expect: 'firing:warning' },
      { t: 61, change: (s) => { s.security = { ...s.security!, state: 'ok', reason: null }; }, expect: 'resolved' },
    ],
  },
  {
    name: 'spool-gap: a reported gap warns for a day',
    rule: 'spool-gap',
    steps: [
      { t: 0, expect: 'none' },
      { t: 1, change: (_s, sim) => { sim.agent = { ...sim.agent, lastGapAt: sim.now, lastGapDropped: 12 }; }, expect: 'firing:warning' },
      { t: 1 + D, expect: 'firing:warning' },
      { t: 2 + D, expect: 'resolved' },
    ],
  },
];

describe('default rule pack', () => {
  for (const c of cases) {
    it(c.name, () => {
      const sim = new DeviceSim(undefined, 'acme', 'dev_1', c.chassis ?? 'workstation');
      const seen: string[] = [];
      const wanted: string[] = [];
      for (const step of c.steps) {
        sim.at(step.t, step.change);
        seen.push(`t=${step.t} ${sim.state(c.rule, c.instance ?? '')}`);
        wanted.push(`t=${step.t} ${step.expect}`);
      }
      expect(seen).toEqual(wanted);
      if (c.notifications !== undefined) expect(sim.notifications(c.rule).length).toBe(c.notifications);
    });
  }

  it('raises nothing for a healthy device, however long it stays healthy', () => {
    const sim = new DeviceSim();
    for (let t = 0; t < 3 * D; t += 30) {
      sim.at(t, (s, x) => {
        s.backup!.jobs[0]!.lastSuccessAt = iso(x.now - HOUR);
        s.security!.antivirus[0]!.signaturesUpdatedAt = iso(x.now - HOUR);
      });
    }
    expect(sim.open()).toEqual([]);
    expect(sim.history).toEqual([]);
  });

  it('raises one alert per instance: each volume on its own', () => {
    const sim = new DeviceSim();
    sim.at(0, (s) => { setVolume('/', 96)(s); setVolume('/data', 92)(s); });
    sim.at(10);
    expect(sim.open()).toEqual(['disk-full//=firing:critical', 'disk-full//data=firing:warning']);
    expect(sim.alert('disk-full', '/data')!.summary).toBe('Volume /data is 92% full');
  });

  it('resolves the alert of a volume that is no longer reported, but not when the disk topic is unknown', () => {
    const sim = new DeviceSim();
    sim.at(0, setVolume('/data', 99));
    sim.at(10);
    sim.at(11, (s) => { s.disk = { state: 'unknown', reason: 'df failed', volumes: [] }; });
    expect(sim.state('disk-full', '/data')).toBe('firing:critical');
    sim.at(12, (s) => { s.disk = { state: 'ok', reason: null, volumes: [s.disk!.volumes[0] ?? healthyRoot()] }; });
    expect(sim.state('disk-full', '/data')).toBe('resolved');
    expect(sim.history.filter((t) => t.key.endsWith('/disk-full//data')).at(-1)!.cause).toBe('/data is no longer reported');
  });

  it('fires within one evaluation of the snapshot that breaks a rule without `for`', () => {
    const sim = new DeviceSim();
    const transitions = sim.at(0, (s) => { s.security!.firewall.enabled = false; });
    expect(transitions).toEqual([expect.objectContaining({ from: null, to: 'firing', severity: 'critical', notify: true, at: at(0) })]);
  });
});

function healthyRoot() {
  return { mount: '/', fsType: 'ext4', sizeBytes: 1000, usedBytes: 400, freeBytes: 600, usedPercent: 40, inodesTotal: null, inodesUsed: null, inodesUsedPercent: null, device: null, smartHealth: null };
}
