// A notifier endpoint that times out, then answers 500, for "an hour" —
// compressed into a short retry schedule (6 attempts, backoff from 300 ms)
// so the test is bounded in time. A real collector process and a real agent
// process whose disk fills; a local HTTP receiver plays both the broken
// endpoint and a healthy second channel of the same team. Retries back off,
// nothing is lost (a dead letter when the collector gives up, delivered by a
// retry from the API once the endpoint is back), the healthy channel and
// ingest go on meanwhile, and no secret appears in any error.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dfPrograms, windowsPrograms } from '../support/recorded-endpoints.mjs';
import { Proc, startCollector, tempDir, waitUntil } from '../support/processes.js';
import type { RunningCollector } from '../support/processes.js';
import { enrollAgent, startWindowsAgent, storedReports } from '../support/agents.js';
import type { AgentHome } from '../support/agents.js';

const EVERY_2S = '*/2 * * * * *';
const ATTEMPTS = 6;
const BACKOFF_MS = 300;
const TIMEOUT_MS = 1000;
const SECRETS = {
  hmac: 'down-hmac-MARKER-61f2e3d4',
  header: 'down-header-MARKER-93a4b5c6',
  pathToken: 'down-path-MARKER-27c8d9e0',
};

interface Hit { at: number; path: string; body: Record<string, any> }

let collector: RunningCollector;
let receiver: Server;
let receiverUrl: string;
const hits: Hit[] = [];
/** While true the broken endpoint fails: the first two requests hang past the timeout, then 500. */
let down = true;
let apiToken: string;
let home: AgentHome;
let agent: Proc | null = null;

function answer(req: IncomingMessage, res: ServerResponse, body: string): void {
  const path = req.url ?? '/';
  hits.push({ at: Date.now(), path, body: JSON.parse(body) as Record<string, any> });
  if (!path.startsWith('/down/') || !down) return void res.writeHead(200).end('{"ok":true}');
  const downHits = hits.filter((h) => h.path.startsWith('/down/')).length;
  // Hang: answer nothing (the collector's timeout fires); the socket is closed at teardown.
  if (downHits <= 2) return;
  // A 500 that echoes what it was sent, as a misconfigured gateway does.
  res.writeHead(500, { 'content-type': 'text/plain' }).end(`upstream failed for ${path} key=${String(req.headers['x-api-key'])}`);
}

const ownership = () => `
teams:
  internal:
    name: Acme IT
    channels:
      - { name: down-hook, type: webhook, url: "${receiverUrl}/down/${SECRETS.pathToken}", hmacSecret: env:TANDEM_FAULT_HMAC, headers: { X-Api-Key: env:TANDEM_FAULT_HEADER } }
      - { name: ok-hook, type: webhook, url: "${receiverUrl}/ok" }
  provider:
    name: NOC
defaults: { owner: provider }
lines:
  - id: disks
    match: { rule: disk-full }
    owner: internal
`;

const downHits = () => hits.filter((h) => h.path.startsWith('/down/'));
const okHits = () => hits.filter((h) => h.path === '/ok' && h.body.kind === 'fire');

async function api(path: string, init: { method?: string } = {}) {
  const res = await fetch(`${collector.url}${path}`, { method: init.method ?? 'GET', headers: { authorization: `Bearer ${apiToken}` } });
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { body += c; });
    req.on('end', () => answer(req, res, body));
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  process.env.TANDEM_FAULT_HMAC = SECRETS.hmac;
  process.env.TANDEM_FAULT_HEADER = SECRETS.header;
  collector = await startCollector([
    'rules:',
    '  evaluateEverySeconds: 1',
    '  overrides:',
    '    - { rule: disk-full, for: 2s }',
    'routing:',
    `  notify: { attempts: ${ATTEMPTS}, backoffMs: ${BACKOFF_MS}, timeoutMs: ${TIMEOUT_MS}, groupWaitSeconds: 0.5 }`,
    '',
  ].join('\n'));
  await collector.cli(['tenant', 'create', '--id', 'acme', '--name', 'Acme']);
  apiToken = (await collector.cli(['token', 'create', '--name', 'noc lead'])).stdout.trim();
  const put = await fetch(`${collector.url}/api/v1/tenants/acme/ownership`, {
    method: 'PUT', headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/yaml' }, body: ownership(),
  });
  expect(put.status).toBe(200);
  const backups = join(tempDir('backups'), 'nightly');
  mkdirSync(backups);
  writeFileSync(join(backups, 'nightly.zip'), 'backup');
  const schedules = `schedules: { inventory: "${EVERY_2S}", patch: "${EVERY_2S}", disk: "${EVERY_2S}", backup: "${EVERY_2S}", security: "${EVERY_2S}" }`;
  home = await enrollAgent(collector, 'acme', `${schedules}\nbackoff: { baseMs: 100, capMs: 1000 }\nbackup: { providers: [{ type: file-freshness, name: nightly, path: ${backups} }] }\n`);
  agent = startWindowsAgent(home, { ...windowsPrograms(), ...dfPrograms([{ device: '/dev/sda1', fsType: 'ext4', mount: '/', sizeGb: 95, usedPercent: 97 }]) });
}, 60_000);

afterAll(async () => {
  await agent?.stop('SIGKILL');
  await collector?.proc.stop();
  await new Promise<void>((r) => { receiver?.closeAllConnections(); receiver?.close(() => r()); });
  delete process.env.TANDEM_FAULT_HMAC;
  delete process.env.TANDEM_FAULT_HEADER;
}, 30_000);

describe('a notifier endpoint down for an hour', () => {
  let reportsAtFirstFailure = 0;

  it('the healthy channel and ingest go on while the broken one is retried', async () => {
    await waitUntil(async () => downHits().length >= 1, 60_000, 'the first attempt at the broken endpoint');
    reportsAtFirstFailure = (await storedReports(collector, apiToken, home.deviceId)).length;
    // The healthy channel of the same team got the alert while the broken one still had attempts left.
    await waitUntil(async () => okHits().length >= 1, 30_000, 'the healthy channel');
    expect(downHits().length).toBeLessThan(ATTEMPTS);
    // Reports keep being stored (and acknowledged) during the retries.
    await waitUntil(async () => (await storedReports(collector, apiToken, home.deviceId)).length > reportsAtFirstFailure && downHits().length < ATTEMPTS, 30_000, 'reports during the retries');
  }, 90_000);

  it('retries back off, then the message is a dead letter whose error carries no secret', async () => {
    const letter = await waitUntil(async () => {
      const r = JSON.parse((await api('/api/v1/tenants/acme/notifications/dead-letters')).text) as { deadLetters: Array<Record<string, any>> };
      return r.deadLetters.find((l) => l.channel === 'down-hook');
    }, 60_000, 'a dead letter');
    expect(letter).toMatchObject({ status: 'open', retryable: true, attempts: ATTEMPTS, channelType: 'webhook', team: 'internal' });
    expect(letter.error).toMatch(/HTTP 500/);
    const times = downHits().slice(0, ATTEMPTS).map((h) => h.at);
    expect(times).toHaveLength(ATTEMPTS);
    // Each wait is at least half its exponential step (full jitter keeps the upper half), so the gaps grow.
    for (let k = 1; k < ATTEMPTS; k++) {
      const floor = 0.5 * BACKOFF_MS * 2 ** (k - 1);
      expect(times[k]! - times[k - 1]!, `gap before attempt ${k + 1}`).toBeGreaterThanOrEqual(floor - 20);
    }
    const everything = (await api('/api/v1/tenants/acme/notifications/dead-letters')).text + collector.proc.output;
    for (const s of Object.values(SECRETS)) expect(everything).not.toContain(s);
  }, 90_000);

  it('once the endpoint is back, a retry from the API delivers it', async () => {
    down = false;
    const list = JSON.parse((await api('/api/v1/tenants/acme/notifications/dead-letters?status=open')).text) as { deadLetters: Array<{ id: string; channel: string }> };
    const letter = list.deadLetters.find((l) => l.channel === 'down-hook')!;
    const before = downHits().length;
    const retried = await api(`/api/v1/tenants/acme/notifications/dead-letters/${letter.id}/retry`, { method: 'POST' });
    expect(retried.status).toBe(200);
    expect(JSON.parse(retried.text)).toMatchObject({ id: letter.id, status: 'delivered' });
    const delivered = downHits().slice(before);
    expect(delivered.length).toBeGreaterThanOrEqual(1);
    expect(delivered.at(-1)!.body).toMatchObject({ kind: 'fire', alert: { ruleId: 'disk-full' } });
  }, 60_000);
});
