// Password sign-in under attack, against a real collector behind a trusted
// proxy (so the test can speak for several client addresses over loopback):
// nobody locks a person out by knowing their email, and a burst of wrong
// sign-ins is refused early instead of queueing ahead of a real user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { createUser, PASSWORD } from './support.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness('trustProxy: [127.0.0.1]\nauth:\n  signIn: { maxFailuresPerAccount: 3, maxFailuresPerAddress: 10 }\n');
  await createUser(h, { email: 'breakglass@provider.example', role: 'provider-admin' });
  await createUser(h, { email: 'it@acme.example', role: 'internal-admin', tenantIds: ['acme'] });
}, 60_000);
afterAll(async () => { await h.close(); });

async function signIn(from: string, email: string, password = PASSWORD) {
  const res = await fetch(`${h.url}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from }, body: JSON.stringify({ email, password }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { error?: { code: string } } };
}

describe('sign-in lockout', () => {
  it('anyone who knows the break-glass email can no longer keep it locked', async () => {
    const attackers = ['198.51.100.1', '198.51.100.2', '198.51.100.3'];
    const answers = [];
    for (const a of attackers) for (let i = 0; i < 5; i++) answers.push((await signIn(a, 'breakglass@provider.example', `guess ${i} from ${a}`)).status);
    // Fifteen refusals, well past the three an account used to tolerate before it was locked for everyone.
    expect(answers.every((s) => s === 401 || s === 429)).toBe(true);
    // The admin, from their own address, signs in at once. (How long the guessers wait: sign-in-throttle.test.ts.)
    expect((await signIn('203.0.113.20', 'breakglass@provider.example')).status).toBe(200);
  }, 60_000);

  it('concurrent wrong sign-ins from one address are refused early and do not starve a real user', async () => {
    const flood = Array.from({ length: 24 }, (_, i) => signIn('198.51.100.77', `nobody-${i}@acme.example`, 'wrong password'));
    const user = signIn('203.0.113.30', 'it@acme.example');
    const answers = await Promise.all(flood);
    // At most four of one address's checks run or wait at a time; the rest are told to come back.
    const refused = answers.filter((a) => a.status === 429 && a.body.error!.code === 'COL_ERR_RATE_LIMITED');
    expect(refused.length).toBeGreaterThanOrEqual(20);
    expect((await user).status).toBe(200);
  }, 60_000);
});
