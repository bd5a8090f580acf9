// Time-based rules run at each device's due time, not on a sweep: the pure
// evaluation says when the same facts next change an outcome, the due-time
// schedule fires then, and the collector raises an offline alert at its due
// time with no sweep over the fleet.
import { afterEach, describe, expect, it } from 'vitest';
import { DueTimers } from '../../src/rules/due-timers.js';
import { ALL_TENANTS } from '../../src/store/store.js';
import { AlertStore } from '../../src/rules/alert-store.js';
import { RawAgent, sampleSnapshot, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { DeviceSim, HOUR, iso, MIN, T0 } from './support.js';

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('due times from the pure evaluation', () => {
  it('an offline agent is due when its `for` elapses, and fires then', () => {
    const sim = new DeviceSim();
    sim.at(0);
    sim.agent = { ...sim.agent, connected: false, offlineSince: T0 + 5 * MIN };
    sim.at(5);
    expect(sim.state('agent-offline')).toBe('pending:warning');
    expect(sim.dueAt).toBe(T0 + 15 * MIN);
    // One ms before, nothing moves; at the due time it fires.
    sim.now = T0 + 15 * MIN - 1;
    expect(sim.evaluate()).toEqual([]);
    sim.now = T0 + 15 * MIN;
    expect(sim.evaluate().map((t) => [t.key.split('/')[2], t.to])).toEqual([['agent-offline', 'firing']]);
  });

  it('a backup is due when its last success passes each threshold', () => {
    const sim = new DeviceSim();
    sim.snapshot.backup!.jobs[0]!.lastSuccessAt = iso(T0 - HOUR);
    sim.at(0);
    // Of every time test seen, the earliest: the backup turns stale 26 h after its last success.
    expect(sim.dueAt).not.toBeNull();
    const stale = T0 - HOUR + 26 * HOUR + 1;
    expect(sim.dueAt!).toBeLessThanOrEqual(stale);
  });

  it('evaluating only at events and due times gives the same alerts at the same times as a sweep every minute', () => {
    const scenario = (sim: DeviceSim, minute: number) => {
      if (minute === 30) sim.agent = { ...sim.agent, connected: false, offlineSince: T0 + 30 * MIN };
      if (minute === 90) sim.agent = { ...sim.agent, connected: true, offlineSince: null };
      if (minute === 120) sim.snapshot.backup!.jobs[0]!.lastSuccessAt = iso(T0 + 120 * MIN - 25 * HOUR);
    };
    const events = new Set([0, 30, 90, 120]);
    const end = 24 * 60;
    const swept = new DeviceSim();
    for (let m = 0; m <= end; m++) swept.at(m, (s, sim) => scenario(sim, m));
    const due = new DeviceSim();
    for (let m = 0; m <= end; m++) {
      const isDue = due.dueAt !== null && Math.ceil(due.dueAt / MIN) * MIN <= T0 + m * MIN;
      if (events.has(m) || isDue) due.at(m, (s, sim) => scenario(sim, m));
    }
    const summary = (sim: DeviceSim) => sim.history.map((t) => `${new Date(t.at).toISOString()} ${t.key.split('/')[2]} ${t.from}→${t.to}`);
    expect(summary(due)).toEqual(summary(swept));
    expect(summary(swept).some((l) => l.includes('agent-offline null→pending'))).toBe(true);
    expect(summary(swept).some((l) => l.includes('backup-stale') && l.endsWith('firing'))).toBe(true);
  });
});

describe('due-time schedule', () => {
  it('fires each device at its due time, keeps only the latest time per device, and fires nothing while stopped', async () => {
    const fired: string[] = [];
    const timers = new DueTimers({ resolutionMs: 1, fire: (ids) => fired.push(...ids) });
    const now = Date.now();
    timers.set('late', now + 200);
    timers.set('early', now + 20);
    timers.set('moved', now + 10);
    timers.set('moved', now + 100);
    timers.set('cleared', now + 10);
    timers.set('cleared', null);
    timers.start();
    await until('all fired', () => fired.length >= 3);
    expect(fired).toEqual(['early', 'moved', 'late']);
    expect(timers.size).toBe(0);

    timers.stop();
    timers.set('held', Date.now() + 10);
    await new Promise((r) => setTimeout(r, 100));
    expect(fired).not.toContain('held');
    timers.start();
    await until('held fired after start', () => fired.includes('held'));
  });
});

describe('offline alert on a running collector', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('fires at its due time, with no sweep over the fleet', async () => {
    h = await startHarness('rules:\n  evaluateEverySeconds: 1\n  overrides:\n    - { rule: agent-offline, for: 2s }\n');
    const { deviceId, secret } = await h.enroll();
    const agent = await RawAgent.connect(h.wsUrl, deviceId, secret);
    agent.hello(deviceId);
    await agent.waitFor((fs) => fs.some((f) => f.body === 'welcome'));
    agent.report(1, sampleSnapshot(deviceId));
    await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
    const alerts = new AlertStore(h.server.store.db);
    const offline = () => alerts.list({ ruleId: 'agent-offline', deviceId }, ALL_TENANTS, { limit: 5, offset: 0 }).then((r) => r.alerts[0]);
    agent.ws.terminate();

    const pending = await until('agent-offline pending', async () => {
      const a = await offline();
      return a?.status === 'pending' ? a : undefined;
    });
    // The device is scheduled for the moment its `for` elapses (rounded up to the 1 s resolution) ...
    const dueAt = Math.ceil((pending.pendingSince + 2000) / 1000) * 1000;
    // (On a busy machine it may have fired already: then its time is checked below.)
    await until('due time scheduled', async () => h.server.rules.dueTimers.dueAt(deviceId) === dueAt || (await offline())?.status === 'firing');
    // ... and the alert fires then, not before.
    const fired = await until('agent-offline firing', async () => {
      const a = await offline();
      return a?.status === 'firing' ? a : undefined;
    });
    expect(fired.firedAt!).toBeGreaterThanOrEqual(pending.pendingSince + 2000);
    expect(fired.firedAt!).toBeGreaterThanOrEqual(dueAt);
  });
});

describe('a device revoked while not connected', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('has its open alerts closed at once, not at a later sweep', async () => {
    h = await startHarness();
    const { deviceId, secret } = await h.enroll();
    const agent = await RawAgent.connect(h.wsUrl, deviceId, secret);
    agent.hello(deviceId);
    await agent.waitFor((fs) => fs.some((f) => f.body === 'welcome'));
    agent.report(1, sampleSnapshot(deviceId, 97));
    await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
    agent.close();
    const alerts = new AlertStore(h.server.store.db);
    const open = () => alerts.list({ deviceId, states: ['pending', 'firing'] }, ALL_TENANTS, { limit: 20, offset: 0 }).then((r) => r.alerts);
    await until('an open alert', async () => (await open()).some((a) => a.ruleId === 'disk-full'));
    const r = await fetch(`${h.url}/api/v1/devices/${deviceId}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${h.adminToken}` } });
    expect(r.status).toBe(200);
    await until('every alert closed', async () => (await open()).length === 0);
  });
});
