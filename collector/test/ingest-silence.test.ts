import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { RawAgent, startHarness } from './support/harness.js';
import type { Harness } from './support/harness.js';
import { SilenceSweep } from '../src/ingest/silence-sweep.js';

describe('silence sweep', () => {
  afterEach(() => { vi.useRealTimers(); });

  function watched(at: number) {
    return { lastReceivedAt: at, silentCalls: 0, silent() { this.silentCalls++; } };
  }

  it('cuts off only the connections silent for longer than the limit, once each', () => {
    let now = 1_000_000;
    const sweep = new SilenceSweep({ silentAfterMs: 90_000, now: () => now });
    const quiet = watched(now);
    const talking = watched(now);
    sweep.watch(quiet);
    sweep.watch(talking);
    now += 90_000;
    sweep.sweep();
    expect([quiet.silentCalls, talking.silentCalls]).toEqual([0, 0]);
    talking.lastReceivedAt = now;
    now += 1;
    sweep.sweep();
    sweep.sweep();
    expect([quiet.silentCalls, talking.silentCalls]).toEqual([1, 0]);
    expect(sweep.size).toBe(1);
    sweep.unwatch(talking);
    expect(sweep.size).toBe(0);
  });

  it('looks over the connections on its own while any is watched', () => {
    vi.useFakeTimers({ now: 0 });
    const sweep = new SilenceSweep({ silentAfterMs: 15_000, everyMs: 5000 });
    const quiet = watched(0);
    sweep.watch(quiet);
    vi.advanceTimersByTime(15_000);
    expect(quiet.silentCalls).toBe(0);
    vi.advanceTimersByTime(5000);
    expect(quiet.silentCalls).toBe(1);
    // Nothing left to watch: no timer left running.
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('agent socket: a silent agent', () => {
  let h: Harness;
  // The shortest heartbeat the config allows: silence is three intervals, 15 s.
  beforeAll(async () => { h = await startHarness('heartbeatSeconds: 5\n'); });
  afterAll(async () => { await h.close(); });

  it('is closed after three heartbeat intervals without a frame; one sending heartbeats stays', async () => {
    const a = await h.enroll();
    const b = await h.enroll();
    const quiet = await RawAgent.connect(h.wsUrl, a.deviceId, a.secret);
    const talking = await RawAgent.connect(h.wsUrl, b.deviceId, b.secret);
    const t0 = Date.now();
    quiet.hello(a.deviceId);
    talking.hello(b.deviceId);
    await quiet.waitFor((fs) => fs.some((f) => f.body === 'welcome'));
    await talking.waitFor((fs) => fs.some((f) => f.body === 'welcome'));
    const beat = setInterval(() => talking.send({ heartbeat: { sentAtMs: Date.now() } }), 2000);
    try {
      await quiet.waitClosed(60_000);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(15_000);
      expect(talking.closeCode).toBeNull();
      // Heartbeats are answered.
      await talking.waitFor((fs) => fs.some((f) => f.body === 'heartbeat'));
    } finally {
      clearInterval(beat);
      talking.close();
    }
  }, 90_000);
});
