// Ticket channels end to end through the notify pipeline, against a local
// server per system that follows the system's documented REST contract
// (fake-systems.ts), with the alert → ticket links in a real SQLite store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelSchema } from '../../src/notify/channel-config.js';
import type { ChannelConfig } from '../../src/notify/channel-config.js';
import { DeadLetterStore } from '../../src/notify/dead-letter-store.js';
import type { Notification } from '../../src/notify/notification.js';
import { createNotifyPipeline } from '../../src/notify/notify-pipeline.js';
import type { DeliveryTarget, NotifyPipeline } from '../../src/notify/notify-pipeline.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { CONNECTORS } from '../../src/tickets/connectors/index.js';
import { TICKET_SYSTEMS } from '../../src/tickets/ticket-config.js';
import type { TicketSystem } from '../../src/tickets/ticket-config.js';
import { TicketStore } from '../../src/tickets/ticket-store.js';
import { TicketLedger } from '../../src/tickets/ticket-sync.js';
import { sampleNotification } from '../notify/support.js';
import { startFakeSystem } from './fake-systems.js';
import type { FakeSystem } from './fake-systems.js';

const T0 = Date.parse('2026-11-18T15:00:00Z');
const HOUR = 3_600_000;
const isCreate = (m: string, p: string) => m === 'POST' && !/notes|comment|Actions|token|transitions/i.test(p);

interface Env {
  dir: string;
  store: Store;
  clock: { t: number };
  pipeline: NotifyPipeline;
  letters: DeadLetterStore;
}

async function openEnv(dir: string, clock: { t: number }, env: Record<string, string>): Promise<Env> {
  const store = await openSqliteStore(join(dir, 'collector.db'));
  const letters = new DeadLetterStore(store.db);
  const pipeline = createNotifyPipeline({
    attempts: 3, backoffMs: 20, timeoutMs: 10_000, dedupMinutes: 0, smtp: null, env, now: () => clock.t,
    tickets: new TicketLedger(new TicketStore(store.db), () => clock.t),
    deadLetter: (l) => letters.add(l),
  });
  return { dir, store, clock, pipeline, letters };
}

const alert = (over: Partial<Notification> = {}): Notification => sampleNotification({ alertKey: 'acme/dev_1/firewall-off/', at: T0, ...over });

describe.each(TICKET_SYSTEMS)('ticket channel: %s', (system: TicketSystem) => {
  let fake: FakeSystem;
  let e: Env;
  let channel: ChannelConfig;
  const deliver = (n: Notification, team: DeliveryTarget['team'] = 'provider') => e.pipeline.deliver(n, [{ channel, team, inHours: true }], false).then((r) => r[0]!.outcome);

  beforeEach(async () => {
    fake = await startFakeSystem(system);
    channel = channelSchema.parse(fake.channel('tickets')) as ChannelConfig;
    e = await openEnv(mkdtempSync(join(tmpdir(), 'tandem-tickets-')), { t: T0 }, fake.env);
  });
  afterEach(async () => {
    await e.store.close();
    await fake.close();
    rmSync(e.dir, { recursive: true, force: true });
  });

  it('creates one ticket for a fired alert, carrying the alert id and the channel\'s mapping', async () => {
    expect(await deliver(alert())).toEqual({ status: 'sent', attempts: 1 });
    const [t, ...more] = fake.tickets();
    expect(more).toHaveLength(0);
    expect(t!.text).toContain('[FIRING critical] firewall-off on fin-ws-07: Firewall is off');
    expect(t!.closed).toBe(false);
    const create = fake.requests.find((r) => isCreate(r.method, r.path))!;
    expect(create.body).toContain('alr_1');
    const mapping = channel.type === 'ticket' ? channel.mapping : {};
    for (const k of CONNECTORS[system].mapping) expect(create.body).toContain(String(mapping[k]));
  });

  it('a repeated or retried fire updates the ticket instead of opening another', async () => {
    await deliver(alert());
    const before = fake.requests.length;
    // The same event again (a redelivery): nothing changes in the system.
    expect(await deliver(alert())).toEqual({ status: 'sent', attempts: 1 });
    expect(fake.requests.slice(before).filter((r) => r.method !== 'GET' && r.path !== '/auth/token')).toHaveLength(0);
    // The alert fires again (worse severity): a note, not a ticket.
    await deliver(alert({ at: T0 + 60_000, severity: 'critical', summary: 'Firewall is still off' }));
    expect(fake.tickets()).toHaveLength(1);
    expect(fake.tickets()[0]!.notes.join('\n')).toContain('fired again');
  });

  it('a create whose answer was lost is found by its correlation key on the retry, not created twice', async () => {
    fake.fail({ status: 502, body: '{"error":"bad gateway"}', afterwards: true, when: isCreate });
    expect(await deliver(alert())).toEqual({ status: 'sent', attempts: 2 });
    expect(fake.tickets()).toHaveLength(1);
  });

  it('adds acknowledgements, comments and escalations as notes', async () => {
    await deliver(alert());
    await deliver(alert({ kind: 'update', at: T0 + 60_000, note: { action: 'acknowledged', actor: 'alice@acme.example', text: 'looking at it' } }));
    await deliver(alert({ kind: 'update', at: T0 + 120_000, note: { action: 'comment', actor: 'bob@msp.example', text: 'GPO pushed again' } }));
    await deliver(alert({ kind: 'escalation', at: T0 + 180_000, owner: 'both', trace: ['unacknowledged past 15 min: escalated to both'] }));
    const notes = fake.tickets()[0]!.notes.join('\n');
    expect(notes).toContain('acknowledged by alice@acme.example at 2026-11-18T15:01:00.000Z: looking at it');
    expect(notes).toContain('comment by bob@msp.example');
    expect(notes).toContain('GPO pushed again');
    expect(notes).toContain('escalated at 2026-11-18T15:03:00.000Z; owner now both');
    expect(fake.tickets()).toHaveLength(1);
  });

  it('closes the ticket on resolve while nobody has taken it', async () => {
    await deliver(alert());
    await deliver(alert({ kind: 'resolve', at: T0 + HOUR }));
    const t = fake.tickets()[0]!;
    expect(t.closed).toBe(true);
    expect(t.notes.join('\n')).toContain('Closed by Tandem');
  });

  it('leaves a ticket someone is working open on resolve, with a note', async () => {
    await deliver(alert());
    fake.assign(fake.tickets()[0]!.id);
    await deliver(alert({ kind: 'resolve', at: T0 + HOUR }));
    const t = fake.tickets()[0]!;
    expect(t.closed).toBe(false);
    expect(t.notes.join('\n')).toMatch(/resolved at .* Left open: (assigned to|owned by) /);
  });

  it('reopens the ticket when the alert comes back within the window, and opens a new one after it', async () => {
    await deliver(alert());
    await deliver(alert({ kind: 'resolve', at: T0 + HOUR }));
    e.clock.t = T0 + 2 * HOUR;
    await deliver(alert({ alertId: 'alr_2', dedupKey: 'alr_2', at: T0 + 2 * HOUR }));
    expect(fake.tickets()).toHaveLength(1);
    expect(fake.tickets()[0]!.closed).toBe(false);
    expect(fake.tickets()[0]!.notes.join('\n')).toContain('reopened; the alert came back');
    await deliver(alert({ alertId: 'alr_2', dedupKey: 'alr_2', kind: 'resolve', at: T0 + 3 * HOUR }));
    expect(fake.tickets()[0]!.closed).toBe(true);
    // Past the window (a day by default): a new ticket.
    e.clock.t = T0 + 30 * HOUR;
    await deliver(alert({ alertId: 'alr_3', dedupKey: 'alr_3', at: T0 + 30 * HOUR }));
    expect(fake.tickets()).toHaveLength(2);
  });

  it('waits out a 429 for as long as Retry-After says, then goes on', async () => {
    fake.fail({ status: 429, headers: { 'retry-after': '1' }, body: '{"error":"rate limit exceeded"}' });
    expect(await deliver(alert())).toEqual({ status: 'sent', attempts: 1 });
    const [first, second] = fake.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(second!.path).toBe(first!.path);
    expect(fake.tickets()).toHaveLength(1);
  });

  it('retries 500s with backoff, then keeps a dead letter whose retry creates the ticket once', async () => {
    // The error body echoes the credentials, as some gateways do: none of them may reach the dead letter.
    const failing = { status: 500, body: JSON.stringify({ error: 'database unavailable', request: Object.values(fake.env).join(' ') }) };
    fake.fail(failing, failing, failing);
    const outcome = await deliver(alert());
    expect(outcome).toMatchObject({ status: 'failed', retryable: true, attempts: 3 });
    const { letters } = await e.letters.list('acme', { limit: 10, offset: 0 });
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ channel: 'tickets', channelType: 'ticket', alertIds: ['alr_1'], kind: 'fire', status: 'open' });
    expect(letters[0]!.error).toMatch(/HTTP 500: \{"error":"database unavailable","request":"/);
    for (const secret of Object.values(fake.env)) expect(letters[0]!.error).not.toContain(secret);
    expect(fake.tickets()).toHaveLength(0);
    expect(await e.pipeline.resend(letters[0]!.notification, { channel, team: 'provider', inHours: true })).toEqual({ status: 'sent', attempts: 1 });
    expect(fake.tickets()).toHaveLength(1);
  });

  it('a fire dead-lettered and retried only after the alert resolved opens no ticket', async () => {
    const failing = { status: 503, body: '{"error":"maintenance"}' };
    fake.fail(failing, failing, failing);
    expect(await deliver(alert())).toMatchObject({ status: 'failed', attempts: 3 });
    expect(await deliver(alert({ kind: 'resolve', at: T0 + HOUR }))).toEqual({ status: 'sent', attempts: 1 });
    const { letters } = await e.letters.list('acme', { limit: 10, offset: 0 });
    expect(await e.pipeline.resend(letters[0]!.notification, { channel, team: 'provider', inHours: true })).toEqual({ status: 'sent', attempts: 1 });
    expect(fake.tickets()).toHaveLength(0);
  });

  it('keeps the alert → ticket link across a restart: no duplicate, and the resolve closes the same ticket', async () => {
    await deliver(alert());
    await e.store.close();
    e = await openEnv(e.dir, e.clock, fake.env);
    const before = fake.requests.length;
    await deliver(alert());
    expect(fake.requests.slice(before).some((r) => isCreate(r.method, r.path))).toBe(false);
    await deliver(alert({ kind: 'resolve', at: T0 + HOUR }));
    expect(fake.tickets()).toHaveLength(1);
    expect(fake.tickets()[0]!.closed).toBe(true);
  });
});

describe('HaloPSA access tokens', () => {
  it('a refused token is dropped and a new one fetched on the retry', async () => {
    const fake = await startFakeSystem('halopsa');
    const dir = mkdtempSync(join(tmpdir(), 'tandem-tickets-'));
    const e = await openEnv(dir, { t: T0 }, fake.env);
    try {
      const channel = channelSchema.parse(fake.channel('psa')) as ChannelConfig;
      const target: DeliveryTarget = { channel, team: 'provider', inHours: true };
      await e.pipeline.deliver(alert(), [target], false);
      fake.fail({ status: 401, body: '{"error":"token revoked"}', when: (m, p) => p.startsWith('/api/') });
      const [report] = await e.pipeline.deliver(alert({ kind: 'resolve', at: T0 + HOUR }), [target], false);
      expect(report!.outcome).toEqual({ status: 'sent', attempts: 2 });
      expect(fake.requests.filter((r) => r.path === '/auth/token')).toHaveLength(2);
      expect(fake.tickets()[0]!.closed).toBe(true);
    } finally {
      await e.store.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each([
  ['connectwise', 'jira'], ['autotask', 'servicenow'], ['halopsa', 'freshservice'], ['connectwise', 'zendesk'],
] as Array<[TicketSystem, TicketSystem]>)('an alert owned by both: %s (provider) and %s (internal IT)', (providerSystem, internalSystem) => {
  it('opens one ticket in each system, each carrying the other\'s reference; the resolve reaches both', async () => {
    const provider = await startFakeSystem(providerSystem);
    const internal = await startFakeSystem(internalSystem);
    const dir = mkdtempSync(join(tmpdir(), 'tandem-tickets-'));
    const e = await openEnv(dir, { t: T0 }, { ...provider.env, ...internal.env });
    try {
      const targets: DeliveryTarget[] = [
        { channel: channelSchema.parse(provider.channel('msp-psa')) as ChannelConfig, team: 'provider', inHours: true },
        { channel: channelSchema.parse(internal.channel('it-desk')) as ChannelConfig, team: 'internal', inHours: true },
      ];
      const reports = await e.pipeline.deliver(alert({ owner: 'both' }), targets, false);
      expect(reports.map((r) => r.outcome.status)).toEqual(['sent', 'sent']);
      const [p] = provider.tickets();
      const [i] = internal.tickets();
      expect(provider.tickets()).toHaveLength(1);
      expect(internal.tickets()).toHaveLength(1);
      // The second was created knowing the first; the first was then noted with the second.
      expect(i!.text).toContain(`the provider's ticket: `);
      expect(i!.text).toContain(p!.ref);
      expect(p!.notes.join('\n')).toContain(`internal IT's ticket for this alert: `);
      expect(p!.notes.join('\n')).toContain(i!.ref);
      await e.pipeline.deliver(alert({ kind: 'resolve', at: T0 + HOUR }), targets, false);
      expect(provider.tickets()[0]!.closed).toBe(true);
      expect(internal.tickets()[0]!.closed).toBe(true);

      // An alert that escalates from the provider to both: internal IT's ticket is opened on the escalation, naming the provider's.
      const second = { alertId: 'alr_9', dedupKey: 'alr_9', alertKey: 'acme/dev_2/firewall-off/', at: T0 + 2 * HOUR };
      await e.pipeline.deliver(alert({ ...second, owner: 'provider' }), [targets[0]!], false);
      await e.pipeline.deliver(alert({ ...second, kind: 'escalation', owner: 'both', at: T0 + 3 * HOUR }), targets, false);
      expect(provider.tickets()).toHaveLength(2);
      expect(internal.tickets()).toHaveLength(2);
      const [p2, i2] = [provider.tickets()[1]!, internal.tickets()[1]!];
      expect(i2.text).toContain(p2.ref);
      expect(p2.notes.join('\n')).toContain('escalated at');
      expect(p2.notes.join('\n')).toContain(i2.ref);
    } finally {
      await e.store.close();
      await provider.close();
      await internal.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ticket channel config', () => {
  it('names every missing or unknown credential and mapping, and refuses literal credentials', () => {
    const r = channelSchema.safeParse({ name: 'psa', type: 'ticket', system: 'connectwise', url: 'https://na.myconnectwise.net', credentials: { company: 'env:CW_COMPANY', publicKey: 'abc123literal', extra: 'env:X' }, mapping: { board: 'Help Desk', queue: 3 } });
    expect(r.success).toBe(false);
    const problems = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(problems).toEqual(expect.arrayContaining([
      'credentials.publicKey: expected env:NAME or file:/absolute/path (ticket credentials are never written into the config)',
      'credentials.privateKey: channel "psa" (connectwise): credential privateKey is required',
      'credentials.clientId: channel "psa" (connectwise): credential clientId is required',
      'credentials.extra: channel "psa" (connectwise): unknown credential extra; expected company, publicKey, privateKey, clientId',
      'mapping.company: channel "psa" (connectwise): mapping company is required',
      'mapping.queue: channel "psa" (connectwise): unknown mapping queue; expected one of board, company, openStatus, closedStatus',
    ]));
  });
});
