// The shared kit: no notifier may leak a secret (a webhook URL with its token,
// a routing key, an HMAC key, an SMTP password) into an error, whatever fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { channelSchema } from '../../src/notify/channel-config.js';
import { createNotifier } from '../../src/notify/notifiers/create-notifier.js';
import { NotifyError } from '../../src/notify/notify-error.js';
import { sampleNotification, startReceiver } from './support.js';
import type { Receiver } from './support.js';

const SECRET = 'S3CR3T-token-9f8e7d6c5b4a';
let rx: Receiver;
let closedUrl: string;
let secretFile: string;

beforeAll(async () => {
  rx = await startReceiver();
  const dead = await startReceiver();
  closedUrl = dead.url;
  await dead.close();
  // The receiver echoes the path in its error body, as some services do.
  rx.answer(`/hook/${SECRET}`, 403, 403, 403, 403, 403, 403, 403, 403);
  rx.answer('/pd', 400, 400, 400, 400);
  // A receiver that quotes the request's headers in its error, as some gateways do.
  rx.answer('/echo-headers', 401, 401, 401, 401);
  secretFile = join(mkdtempSync(join(tmpdir(), 'tandem-secret-')), 'key');
  writeFileSync(secretFile, `${SECRET}\n`);
});
afterAll(async () => { await rx.close(); });

// Built when the receivers are up; the names are listed for the test table below.
const cases = (): Array<[string, Record<string, unknown>]> => [
  ['webhook, refused (token in path, echoed back)', { name: 'c', type: 'webhook', url: `${rx.url}/hook/${SECRET}`, hmacSecret: SECRET }],
  ['webhook, connection refused', { name: 'c', type: 'webhook', url: `${closedUrl}/hook/${SECRET}` }],
  ['slack, refused', { name: 'c', type: 'slack', url: `${rx.url}/hook/${SECRET}` }],
  ['teams, connection refused', { name: 'c', type: 'teams', url: `${closedUrl}/${SECRET}` }],
  ['pagerduty, bad request', { name: 'c', type: 'pagerduty', routingKey: SECRET, url: `${rx.url}/pd` }],
  ['pagerduty, connection refused', { name: 'c', type: 'pagerduty', routingKey: SECRET, url: `${closedUrl}/pd?key=${SECRET}` }],
  ['webhook, refused (header value echoed back)', { name: 'c', type: 'webhook', url: `${rx.url}/echo-headers`, headers: { 'X-Api-Key': SECRET } }],
  ['webhook, header from a file, connection refused', { name: 'c', type: 'webhook', url: `${closedUrl}/hook`, headers: { 'X-Api-Key': `file:${secretFile}` } }],
  ['email, connection refused', { name: 'c', type: 'email', to: ['a@b.example'], smtp: { host: '127.0.0.1', port: Number(new URL(closedUrl).port), user: 'u', password: SECRET, from: 'x@y.example' } }],
];

describe('no notifier leaks a secret into an error', () => {
  const names = [
    'webhook, refused (token in path, echoed back)', 'webhook, connection refused', 'slack, refused', 'teams, connection refused',
    'pagerduty, bad request', 'pagerduty, connection refused', 'webhook, refused (header value echoed back)',
    'webhook, header from a file, connection refused', 'email, connection refused',
  ];
  it.each(names)('%s', async (name) => {
    const raw = cases().find(([n]) => n === name)![1];
    const n = createNotifier(channelSchema.parse(raw), { timeoutMs: 2000, smtp: null });
    const err = await n.send(sampleNotification()).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(NotifyError);
    const everything = [String(err), (err as Error).message, (err as NotifyError).reason, (err as Error).stack ?? '', inspect(err, { depth: 5 }), JSON.stringify(err)].join('\n');
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(encodeURIComponent(SECRET));
  });
});
