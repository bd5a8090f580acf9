// The sign-in throttle and the password-check queue on their own, with a
// clock the test moves: what an attacker can and cannot do to a real user.
import { describe, expect, it } from 'vitest';
import { SignInThrottle } from '../../src/auth/sign-in-throttle.js';
import { AdmissionQueue, QueueFull } from '../../src/auth/admission-queue.js';

const clock = () => {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
};

describe('sign-in throttle', () => {
  it('knowing the break-glass email does not lock the account: failures elsewhere never hold up its owner', () => {
    const c = clock();
    const t = new SignInThrottle({ freeFailures: 3, perAddress: 20, now: c.now });
    for (let i = 0; i < 500; i++) t.failed(`198.51.100.${i % 250}`, 'breakglass@provider.example');
    expect(t.check('203.0.113.7', 'breakglass@provider.example')).toEqual({ ok: true });
  });

  it('a guesser at one account from one address waits twice as long after each further failure', () => {
    const c = clock();
    const t = new SignInThrottle({ freeFailures: 2, perAddress: 100, now: c.now });
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      t.failed('198.51.100.1', 'it@acme.example');
      const v = t.check('198.51.100.1', 'it@acme.example');
      waits.push(v.ok ? 0 : v.retryAfterSeconds);
      if (!v.ok) c.advance(v.retryAfterSeconds * 1000);
    }
    expect(waits).toEqual([0, 1, 2, 4, 8, 16]);
  });

  it('the wait is capped, and a success forgets the failures', () => {
    const c = clock();
    const t = new SignInThrottle({ freeFailures: 1, perAddress: 1000, now: c.now, maxDelayMs: 60_000 });
    for (let i = 0; i < 30; i++) t.failed('198.51.100.1', 'it@acme.example');
    const v = t.check('198.51.100.1', 'it@acme.example');
    expect(v.ok ? 0 : v.retryAfterSeconds).toBe(60);
    t.succeeded('198.51.100.1', 'it@acme.example');
    expect(t.check('198.51.100.1', 'it@acme.example')).toEqual({ ok: true });
  });

  it('one machine guessing behind an office NAT does not stop colleagues who signed in from there before', () => {
    const c = clock();
    const t = new SignInThrottle({ freeFailures: 5, perAddress: 10, now: c.now });
    const office = '192.0.2.10';
    t.succeeded(office, 'colleague@acme.example');
    for (let i = 0; i < 10; i++) t.failed(office, `someone-${i}@acme.example`);
    expect(t.check(office, 'newcomer@acme.example').ok).toBe(false);
    expect(t.check(office, 'colleague@acme.example')).toEqual({ ok: true });
  });
});

describe('password-check queue', () => {
  const gate = () => {
    const opened: Array<() => void> = [];
    return { wait: () => new Promise<void>((r) => opened.push(r)), openOne: () => opened.shift()?.(), get pending() { return opened.length; } };
  };

  it('a flood of wrong sign-ins from one address is refused at once instead of queuing ahead of a real user', async () => {
    const q = new AdmissionQueue({ concurrency: 1, maxWaiting: 16, maxPerKey: 2 });
    const g = gate();
    const order: string[] = [];
    const job = (name: string) => async () => { order.push(name); await g.wait(); return name; };
    const flood = Array.from({ length: 20 }, (_, i) => q.run('attacker', job(`a${i}`)).catch((e: unknown) => e));
    const user = q.run('user', job('user'));
    const refused = (await Promise.all(flood.slice(2))).filter((r) => r instanceof QueueFull);
    expect(refused).toHaveLength(18);
    // The attacker's first check runs; the next turn is the user's, not the attacker's second.
    while (order.length < 3) { g.openOne(); await new Promise((r) => setImmediate(r)); }
    expect(order.slice(0, 2)).toEqual(['a0', 'user']);
    while (g.pending > 0 || order.length < 3) { g.openOne(); await new Promise((r) => setImmediate(r)); }
    expect(await user).toBe('user');
    await Promise.all(flood);
  });

  it('refuses when the whole queue is full, and takes work again once it drains', async () => {
    const q = new AdmissionQueue({ concurrency: 1, maxWaiting: 2, maxPerKey: 5 });
    const g = gate();
    const runs = [1, 2, 3].map((i) => q.run(`k${i}`, () => g.wait()));
    await expect(q.run('k4', () => g.wait())).rejects.toBeInstanceOf(QueueFull);
    while (g.pending > 0 || runs.length > 0) { g.openOne(); await new Promise((r) => setImmediate(r)); if (g.pending === 0) break; }
    for (let i = 0; i < 5; i++) { g.openOne(); await new Promise((r) => setImmediate(r)); }
    await Promise.all(runs);
    await expect(q.run('k4', async () => 'ok')).resolves.toBe('ok');
  });
});
