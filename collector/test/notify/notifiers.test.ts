// Every notifier against a real receiver on loopback: payloads, signatures,
// failure classification, retries, and no secret in any error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { channelSchema } from '../../src/notify/channel-config.js';
import type { ChannelConfig } from '../../src/notify/channel-config.js';
import { createNotifier } from '../../src/notify/notifiers/create-notifier.js';
import { signBody } from '../../src/notify/notifiers/webhook.js';
import { NotifyError } from '../../src/notify/notify-error.js';
import { createNotifyPipeline } from '../../src/notify/notify-pipeline.js';
import { sampleNotification, startReceiver } from './support.js';
import type { Receiver } from './support.js';

let rx: Receiver;
let smtp: SMTPServer;
let smtpPort: number;
const mails: Array<{ from: string; to: string[]; data: string; user: string | undefined }> = [];
const SMTP_PASSWORD = 'smtp-pass-4f9a1c';

beforeAll(async () => {
  rx = await startReceiver();
  smtp = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, cb) {
      if (auth.username === 'tandem' && auth.password === SMTP_PASSWORD) return cb(null, { user: 'tandem' });
      return cb(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith('full@')) return cb(Object.assign(new Error('mailbox full'), { responseCode: 452 }));
      if (address.address.startsWith('nobody@')) return cb(Object.assign(new Error('no such user'), { responseCode: 550 }));
      return cb();
    },
    onData(stream, session, cb) {
      let data = '';
      stream.on('data', (c: Buffer) => { data += c.toString('utf8'); });
      stream.on('end', () => {
        mails.push({ from: (session.envelope.mailFrom as { address: string }).address, to: session.envelope.rcptTo.map((r) => r.address), data, user: session.user as string | undefined });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await rx.close();
  await new Promise<void>((r) => smtp.close(() => r()));
});

const channel = (raw: Record<string, unknown>): ChannelConfig => channelSchema.parse(raw);
const opts = { timeoutMs: 2000, smtp: null };
const smtpSettings = (password = SMTP_PASSWORD) => ({ host: '127.0.0.1', port: smtpPort, secure: false, user: 'tandem', password, from: 'tandem@msp.example', allowInvalidCertificates: true });

describe('webhook', () => {
  it('posts the notification as JSON with an HMAC-SHA256 signature', async () => {
    const n = createNotifier(channel({ name: 'hook', type: 'webhook', url: `${rx.url}/hook`, hmacSecret: 'sign-me-7d2e', headers: { 'x-team': 'noc' } }), opts);
    await n.send(sampleNotification());
    const got = rx.received.find((r) => r.path === '/hook')!;
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['x-team']).toBe('noc');
    expect(got.headers['x-tandem-signature']).toBe(signBody(got.body, 'sign-me-7d2e'));
    expect(JSON.parse(got.body)).toEqual({
      version: 1, kind: 'fire', at: '2026-11-18T15:00:00.000Z',
      alert: { id: 'alr_1', dedupKey: 'alr_1', tenantId: 'acme', deviceId: 'dev_1', hostname: 'fin-ws-07', ruleId: 'firewall-off', category: 'security', severity: 'critical', summary: 'Firewall is off' },
      routing: { owner: 'provider', slaMinutes: 15, trace: ['line 1 (security): category=security → provider', 'SLA 15 min for critical'] },
      text: '[FIRING critical] firewall-off on fin-ws-07: Firewall is off',
    });
  });

  it('reads env: references at send time', async () => {
    const n = createNotifier(channel({ name: 'hook', type: 'webhook', url: 'env:TANDEM_TEST_HOOK' }), { ...opts, env: { TANDEM_TEST_HOOK: `${rx.url}/from-env` } });
    await n.send(sampleNotification());
    expect(rx.received.some((r) => r.path === '/from-env')).toBe(true);
    const missing = createNotifier(channel({ name: 'hook', type: 'webhook', url: 'env:TANDEM_TEST_UNSET' }), { ...opts, env: {} });
    await expect(missing.send(sampleNotification())).rejects.toMatchObject({ retryable: false, reason: 'environment variable TANDEM_TEST_UNSET is not set' });
  });
});

describe('chat', () => {
  it('Slack-compatible payload', async () => {
    await createNotifier(channel({ name: 'slack', type: 'slack', url: `${rx.url}/slack/T1/B2/tok` }), opts).send(sampleNotification());
    const body = JSON.parse(rx.received.find((r) => r.path === '/slack/T1/B2/tok')!.body);
    expect(body.text).toBe('[FIRING critical] firewall-off on fin-ws-07: Firewall is off');
    expect(body.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*[FIRING critical] firewall-off on fin-ws-07: Firewall is off*\nowner: *provider* · response time: 15 min · tenant: acme' } });
    expect(body.blocks[1].elements[0].text).toBe('• line 1 (security): category=security → provider\n• SLA 15 min for critical');
  });

  it('Microsoft Teams Adaptive Card payload', async () => {
    await createNotifier(channel({ name: 'teams', type: 'teams', url: `${rx.url}/teams/wf` }), opts).send(sampleNotification({ kind: 'resolve' }));
    const body = JSON.parse(rx.received.find((r) => r.path === '/teams/wf')!.body);
    expect(body.type).toBe('message');
    expect(body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = body.attachments[0].content;
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: '[RESOLVED critical] firewall-off on fin-ws-07: Firewall is off', color: 'Good' });
    expect(card.body[1].facts).toContainEqual({ title: 'Owner', value: 'provider' });
  });
});

describe('pager', () => {
  it('PagerDuty Events API v2: trigger, then resolve with the same dedup key', async () => {
    const c = channel({ name: 'pd', type: 'pagerduty', routingKey: 'R0UT1NGKEY0123456789abcdef012345', url: `${rx.url}/pagerduty/v2/enqueue` });
    await createNotifier(c, opts).send(sampleNotification());
    await createNotifier(c, opts).send(sampleNotification({ kind: 'resolve' }));
    const [trigger, resolve] = rx.received.filter((r) => r.path === '/pagerduty/v2/enqueue').map((r) => JSON.parse(r.body));
    expect(trigger).toEqual({
      routing_key: 'R0UT1NGKEY0123456789abcdef012345', event_action: 'trigger', dedup_key: 'alr_1',
      payload: {
        summary: '[FIRING critical] firewall-off on fin-ws-07: Firewall is off', source: 'fin-ws-07', severity: 'critical', timestamp: '2026-11-18T15:00:00.000Z',
        component: 'firewall-off', group: 'acme', class: 'security',
        custom_details: { kind: 'fire', alertId: 'alr_1', owner: 'provider', slaMinutes: 15, trace: ['line 1 (security): category=security → provider', 'SLA 15 min for critical'] },
      },
    });
    expect(resolve).toEqual({ routing_key: 'R0UT1NGKEY0123456789abcdef012345', event_action: 'resolve', dedup_key: 'alr_1' });
  });
});

describe('email', () => {
  it('sends through a real SMTP server with authentication', async () => {
    const c = channel({ name: 'mail', type: 'email', to: ['it@acme.example'] });
    await createNotifier(c, { ...opts, smtp: smtpSettings() }).send(sampleNotification());
    const mail = mails.at(-1)!;
    expect(mail).toMatchObject({ from: 'tandem@msp.example', to: ['it@acme.example'], user: 'tandem' });
    expect(mail.data).toContain('Subject: [FIRING critical] firewall-off on fin-ws-07: Firewall is off');
    expect(mail.data).toContain('X-Tandem-Alert: alr_1');
    expect(mail.data).toContain('why this is yours:');
  });

  it('classifies SMTP answers: 4xx retryable, 5xx and bad credentials permanent', async () => {
    const send = (to: string, password?: string) => createNotifier(channel({ name: 'mail', type: 'email', to: [to] }), { ...opts, smtp: smtpSettings(password) }).send(sampleNotification());
    await expect(send('full@acme.example')).rejects.toMatchObject({ retryable: true, reason: 'SMTP 452' });
    await expect(send('nobody@acme.example')).rejects.toMatchObject({ retryable: false, reason: 'SMTP 550' });
    await expect(send('it@acme.example', 'wrong-password-1234')).rejects.toMatchObject({ retryable: false });
  });

  it('says so when no SMTP server is configured', async () => {
    await expect(createNotifier(channel({ name: 'mail', type: 'email', to: ['a@b.example'] }), opts).send(sampleNotification())).rejects.toMatchObject({ code: 'COL_ERR_NOTIFY', retryable: false });
  });
});

describe('failure classification and retries', () => {
  it('5xx is retryable, 4xx is not', async () => {
    rx.answer('/flaky', 503);
    await expect(createNotifier(channel({ name: 'w', type: 'webhook', url: `${rx.url}/flaky` }), opts).send(sampleNotification())).rejects.toMatchObject({ retryable: true, code: 'COL_ERR_NOTIFY' });
    rx.answer('/gone', 404);
    await expect(createNotifier(channel({ name: 'w', type: 'webhook', url: `${rx.url}/gone` }), opts).send(sampleNotification())).rejects.toMatchObject({ retryable: false });
    rx.answer('/slow-down', 429);
    await expect(createNotifier(channel({ name: 'w', type: 'webhook', url: `${rx.url}/slow-down` }), opts).send(sampleNotification())).rejects.toMatchObject({ retryable: true });
  });

  it('the pipeline retries 5xx with backoff until it is delivered', async () => {
    rx.answer('/retry-me', 500, 502);
    const sleeps: number[] = [];
    const pipeline = createNotifyPipeline({ attempts: 4, backoffMs: 100, timeoutMs: 2000, dedupMinutes: 5, smtp: null, sleep: async (ms) => { sleeps.push(ms); } });
    const [report] = await pipeline.deliver(sampleNotification(), [{ channel: channel({ name: 'w', type: 'webhook', url: `${rx.url}/retry-me` }), team: 'provider', inHours: true }], false);
    expect(report!.outcome).toEqual({ status: 'sent', attempts: 3 });
    expect(rx.received.filter((r) => r.path === '/retry-me')).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(50);
    expect(sleeps[0]).toBeLessThanOrEqual(100);
    expect(sleeps[1]).toBeGreaterThanOrEqual(100);
    expect(sleeps[1]).toBeLessThanOrEqual(200);
  });

  it('does not retry a 4xx, and gives up after the last attempt on 5xx', async () => {
    rx.answer('/bad', 400, 200);
    rx.answer('/down', 503, 503, 503, 503);
    const pipeline = createNotifyPipeline({ attempts: 3, backoffMs: 1, timeoutMs: 2000, dedupMinutes: 0, smtp: null });
    const reports = await pipeline.deliver(sampleNotification(), [
      { channel: channel({ name: 'bad', type: 'webhook', url: `${rx.url}/bad` }), team: 'provider', inHours: true },
      { channel: channel({ name: 'down', type: 'webhook', url: `${rx.url}/down` }), team: 'provider', inHours: true },
    ], false);
    expect(reports.map((r) => r.outcome)).toEqual([
      { status: 'failed', reason: 'HTTP 400: {"error":"refused [redacted]"}', retryable: false, attempts: 1 },
      { status: 'failed', reason: 'HTTP 503: {"error":"refused [redacted]"}', retryable: true, attempts: 3 },
    ]);
    expect(rx.received.filter((r) => r.path === '/bad')).toHaveLength(1);
    expect(rx.received.filter((r) => r.path === '/down')).toHaveLength(3);
  });

  it('mute, time window and dedup stages answer before anything is sent', async () => {
    const pipeline = createNotifyPipeline({ attempts: 1, backoffMs: 1, timeoutMs: 2000, dedupMinutes: 5, smtp: null });
    const hook = channel({ name: 'once', type: 'webhook', url: `${rx.url}/once` });
    const mail = channel({ name: 'office', type: 'webhook', url: `${rx.url}/office`, activeDuring: 'hours' });
    expect((await pipeline.deliver(sampleNotification(), [{ channel: hook, team: 'internal', inHours: true }], true))[0]!.outcome).toEqual({ status: 'skipped', reason: 'muted' });
    expect((await pipeline.deliver(sampleNotification(), [{ channel: mail, team: 'internal', inHours: false }], false))[0]!.outcome).toEqual({ status: 'skipped', reason: 'outside the team\'s hours' });
    expect((await pipeline.deliver(sampleNotification(), [{ channel: hook, team: 'internal', inHours: true }], false))[0]!.outcome.status).toBe('sent');
    expect((await pipeline.deliver(sampleNotification(), [{ channel: hook, team: 'internal', inHours: true }], false))[0]!.outcome).toEqual({ status: 'skipped', reason: 'duplicate' });
    expect(rx.received.filter((r) => r.path === '/once')).toHaveLength(1);
    expect(rx.received.filter((r) => r.path === '/office')).toHaveLength(0);
  });

  it('a connection refused is retryable', async () => {
    const dead = await startReceiver();
    await dead.close();
    await expect(createNotifier(channel({ name: 'w', type: 'webhook', url: `${dead.url}/x` }), opts).send(sampleNotification())).rejects.toMatchObject({ retryable: true, reason: 'connection failed (ECONNREFUSED)' });
    expect(NotifyError).toBeDefined();
  });
});
