// Alert lifecycle beyond single rules: flapping, acknowledge, snooze, manual
// resolve, overrides per device group, rules that stop applying.
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '@tandem/proto';
import { DeviceSim, packFrom, setVolume } from './support.js';
import { CompiledRuleSet } from '../../src/rules/compile-rules.js';

const FLAPPY = `
flapping: { maxChanges: 3, window: 1h }
rules:
  - id: firewall-off
    category: security
    severity: critical
    summary: The firewall is off
    when: security.firewall.enabled == false
`;

const firewall = (on: boolean) => (s: Snapshot) => { s.security!.firewall.enabled = on; };

describe('flapping', () => {
  it('holds an alert that keeps firing and resolving, without new notifications, until it is quiet for a window', () => {
    const sim = new DeviceSim(packFrom(FLAPPY));
    sim.at(0, firewall(false));
    sim.at(1, firewall(true));
    sim.at(2, firewall(false));
    expect(sim.state('firewall-off')).toBe('firing:critical');
    sim.at(3, firewall(true));
    expect(sim.state('firewall-off')).toBe('firing:critical:flapping');
    for (let t = 4; t < 30; t++) sim.at(t, firewall(t % 2 === 0 ? false : true));
    expect(sim.state('firewall-off')).toBe('firing:critical:flapping');
    expect(sim.notifications().map((t) => t.to)).toEqual(['firing', 'resolved', 'firing']);
    sim.at(88);
    expect(sim.state('firewall-off')).toBe('firing:critical:flapping');
    sim.at(89);
    expect(sim.state('firewall-off')).toBe('resolved');
    expect(sim.notifications().map((t) => t.to)).toEqual(['firing', 'resolved', 'firing', 'resolved']);
    const flapped = sim.history.find((t) => t.cause.startsWith('flapping'));
    expect(flapped).toMatchObject({ notify: false, to: 'firing' });
  });

  it('records every transition with its time and cause', () => {
    const sim = new DeviceSim();
    sim.at(0, setVolume('/', 91));
    sim.at(10);
    sim.at(20, setVolume('/', 50));
    const a = sim.history.filter((t) => t.key.endsWith('disk-full//'));
    expect(a.map((t) => [t.seq, t.from, t.to, t.at - a[0]!.at])).toEqual([[1, null, 'pending', 0], [2, 'pending', 'firing', 600_000], [3, 'firing', 'resolved', 1_200_000]]);
    expect(a.map((t) => t.cause)).toEqual([
      'Volume / is 91% full; fires if it holds for 10m',
      'Volume / is 91% full; held for 10m',
      'clear condition holds',
    ]);
  });
});

describe('people acting on alerts', () => {
  it('acknowledges with who and a comment; a worse severity needs a fresh look', () => {
    const sim = new DeviceSim();
    sim.at(0, setVolume('/', 91));
    sim.at(10);
    const ack = sim.act('disk-full', '/', { kind: 'ack', actor: 'noc-anna', comment: 'cleaning logs' });
    expect(ack.ok && ack.state.ack).toEqual({ by: 'noc-anna', comment: 'cleaning logs', at: sim.now });
    expect(sim.state('disk-full', '/')).toBe('acknowledged:warning');
    expect(sim.act('disk-full', '/', { kind: 'ack', actor: 'x', comment: 'again' })).toMatchObject({ ok: false, reason: 'conflict' });
    sim.at(11, setVolume('/', 92));
    expect(sim.state('disk-full', '/')).toBe('acknowledged:warning');
    sim.at(12, setVolume('/', 97));
    expect(sim.state('disk-full', '/')).toBe('firing:critical');
    expect(sim.history.at(-1)).toMatchObject({ from: 'acknowledged', to: 'firing', notify: true });
  });

  it('snoozes until a time, then fires again if the condition still holds', () => {
    const sim = new DeviceSim();
    sim.at(0, firewall(false));
    const until = sim.now + 30 * 60_000;
    expect(sim.act('firewall-off', '', { kind: 'snooze', actor: 'noc', comment: 'maintenance', until }).ok).toBe(true);
    sim.at(29);
    expect(sim.state('firewall-off')).toBe('snoozed:critical');
    sim.at(30);
    expect(sim.state('firewall-off')).toBe('firing:critical');
    expect(sim.history.at(-1)).toMatchObject({ from: 'snoozed', to: 'firing', cause: 'snooze ended and the condition still holds', notify: true });
  });

  it('refuses a manual resolve where the rule does not allow it', () => {
    const sim = new DeviceSim();
    sim.at(0, firewall(false));
    expect(sim.act('firewall-off', '', { kind: 'resolve', actor: 'noc', comment: 'no', manualResolveAllowed: false })).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('after a manual resolve, raises again only once the condition has cleared', () => {
    const sim = new DeviceSim();
    const fail = (s: Snapshot) => { s.backup!.jobs[0]!.lastResult = 'failed'; };
    sim.at(0, fail);
    expect(sim.act('backup-failed', 'restic/home', { kind: 'resolve', actor: 'noc', comment: 'reran by hand', manualResolveAllowed: true }).ok).toBe(true);
    sim.at(1);
    expect(sim.state('backup-failed', 'restic/home')).toBe('resolved');
    sim.at(2, (s) => { s.backup!.jobs[0]!.lastResult = 'success'; });
    sim.at(3, fail);
    expect(sim.state('backup-failed', 'restic/home')).toBe('firing:warning');
  });
});

describe('thresholds per tenant and device group', () => {
  const pack = packFrom(`
rules:
  - id: disk-full
    category: disk
    summary: "{item.mount} at {item.usedPercent}%"
    each: disk.volumes
    params: { warnPercent: 90, clearPercent: 85 }
    levels: { warning: item.usedPercent >= $warnPercent }
    clear: item.usedPercent < $clearPercent
    for: 10m
overrides:
  - match: { role: server, tags: [db] }
    rule: disk-full
    params: { warnPercent: 80, clearPercent: 75 }
    for: 0
  - match: { tenant: globex }
    enabled: false
`);

  it('applies an override to the devices it matches only', () => {
    const db = new DeviceSim(pack, 'acme', 'dev_db', 'server');
    db.tags = ['db', 'linux'];
    db.at(0, setVolume('/', 82));
    expect(db.state('disk-full', '/')).toBe('firing:warning');
    const ws = new DeviceSim(pack, 'acme', 'dev_ws', 'server');
    ws.at(0, setVolume('/', 82));
    expect(ws.state('disk-full', '/')).toBe('none');
    const globex = new DeviceSim(pack, 'globex', 'dev_g', 'server');
    globex.tags = ['db'];
    globex.at(0, setVolume('/', 99));
    expect(globex.state('disk-full', '/')).toBe('none');
  });

  it('resolves open alerts of a rule an override disables', () => {
    const sim = new DeviceSim(pack, 'acme', 'dev_1', 'workstation');
    sim.at(0, setVolume('/', 95));
    sim.at(10);
    expect(sim.state('disk-full', '/')).toBe('firing:warning');
    const off = new CompiledRuleSet(pack, [{ match: { tenant: ['acme'] }, rules: null, params: {}, forMs: null, enabled: false }]);
    Object.assign(sim, { rules: off });
    sim.at(11);
    expect(sim.state('disk-full', '/')).toBe('resolved');
    expect(sim.history.at(-1)!.cause).toBe('rule disk-full no longer applies to this device');
  });
});
