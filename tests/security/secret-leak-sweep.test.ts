// A sweep for leaked secrets with real processes: a collector (logging at
// info, so every request line is written) and an agent, with marker secrets
// planted everywhere a secret lives — channel HMAC key, webhook header, URL
// token, SMTP password, PagerDuty key, API tokens, device secrets, enrollment
// tokens, passwords — and driven through every path that logs: bad and good
// sign-ins, bad tokens and device secrets, bad enrollments, tokens in query
// strings, failed deliveries that echo what they were sent, dead letters.
// No marker may appear in any log output, nor in any answer to a viewer.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dfPrograms, windowsPrograms } from '../support/recorded-endpoints.mjs';
import { COLLECTOR_CLI, freePort, Proc, runNode, tempDir, waitUntil } from '../support/processes.js';
import type { RunningCollector } from '../support/processes.js';
import { enrollAgent, startWindowsAgent } from '../support/agents.js';
import type { AgentHome } from '../support/agents.js';

const EVERY_2S = '*/2 * * * * *';
/** Planted secrets; each is distinctive enough that any appearance is a leak. */
const PLANTED = {
  hmac: 'sweep-hmac-Q7w1e2r3t4',
  header: 'sweep-header-Z9x8c7v6b5',
  urlToken: 'sweep-urltoken-M1n2b3v4c5',
  smtpPassword: 'sweep-smtp-P0o9i8u7y6',
  pagerKey: 'sweep-pagerkey-L5k4j3h2g1',
  slackToken: 'sweep-slack-A1s2d3f4g5',
  password: 'sweep-password-R4e3w2q1a0',
  wrongPassword: 'sweep-wrongpw-T6y5u4i3o2',
  wrongToken: 'sweep-wrongtoken-F8g7h6j5k4',
  wrongDeviceSecret: 'sweep-wrongdev-C3v2b1n0m9',
  wrongEnroll: 'sweep-wrongenroll-W2e3r4t5y6',
};
/** Secrets the collector made (captured as they were handed out once). */
const issued: Record<string, string> = {};

let collector: RunningCollector;
let receiver: Server;
let receiverUrl: string;
let smtpClosedPort: number;
let home: AgentHome;
let agent: Proc | null = null;
const answersToViewer: string[] = [];

const ownership = () => `
teams:
  internal:
    name: Acme IT
    channels:
      - { name: it-hook, type: webhook, url: "${receiverUrl}/hook/${PLANTED.urlToken}", hmacSecret: ${PLANTED.hmac}, headers: { X-Api-Key: ${PLANTED.header} } }
      - { name: it-chat, type: slack, url: "${receiverUrl}/services/${PLANTED.slackToken}" }
      - name: it-mail
        type: email
        to: [it@acme.example]
        smtp: { host: 127.0.0.1, port: ${smtpClosedPort}, user: alerts, password: ${PLANTED.smtpPassword}, from: tandem@acme.example }
  provider:
    name: NOC
    channels:
      - { name: noc-pager, type: pagerduty, routingKey: ${PLANTED.pagerKey}, url: "${receiverUrl}/pd" }
defaults: { owner: provider }
lines:
  - id: disks
    match: { rule: disk-full }
    owner: both
`;

async function api(path: string, token: string, init: { method?: string; body?: string; type?: string; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${collector.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.body ? { 'content-type': init.type ?? 'application/json' } : {}), ...init.headers },
    body: init.body,
  });
  return { status: res.status, text: await res.text() };
}

function cliWithStdin(args: string[], input: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [COLLECTOR_CLI, ...args, '--config', collector.configFile], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout }));
    child.stdin.end(input);
  });
}

function socketStatus(credential: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${collector.url.replace(/^http/, 'ws')}/agent/v1`, { headers: { authorization: `Bearer ${credential}` } });
    ws.once('open', () => { ws.terminate(); resolve(101); });
    ws.once('unexpected-response', (_req, res) => { res.resume(); resolve(res.statusCode ?? 0); });
    ws.once('error', reject);
  });
}

beforeAll(async () => {
  // Every receiver refuses, quoting back what it was sent: the URL, the headers, the body.
  receiver = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { body += c; });
    req.on('end', () => {
      const status = req.url?.startsWith('/pd') ? 400 : req.url?.startsWith('/services') ? 500 : 403;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(`refused ${req.url} ${JSON.stringify(req.headers)} ${body}`);
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  smtpClosedPort = await freePort();

  const dir = tempDir('sweep');
  const port = await freePort();
  const configFile = join(dir, 'collector.yaml');
  writeFileSync(configFile, [
    `listen: { host: 127.0.0.1, port: ${port} }`, 'dataDir: data', 'logLevel: info',
    'limits: { authFailuresPerMinute: 3 }',
    'rules:', '  evaluateEverySeconds: 1', '  overrides:', '    - { rule: disk-full, for: 2s }',
    'routing:', '  notify: { attempts: 2, backoffMs: 100, timeoutMs: 2000, groupWaitSeconds: 0.5 }', '',
  ].join('\n'));
  const proc = Proc.start(COLLECTOR_CLI, ['serve', '--config', configFile]);
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(async () => {
    if (proc.exited) throw new Error(`collector exited: ${proc.output}`);
    return fetch(`${url}/readyz`).then((r) => r.ok, () => false);
  }, 15_000, 'collector ready');
  collector = { proc, url, configFile, dir, cli: (args) => runNode(COLLECTOR_CLI, [...args, '--config', configFile]) };

  await collector.cli(['tenant', 'create', '--id', 'acme', '--name', 'Acme']);
  issued.admin = (await collector.cli(['token', 'create', '--name', 'sweep admin'])).stdout.trim();
  issued.viewer = (await collector.cli(['token', 'create', '--name', 'sweep viewer', '--tenant', 'acme', '--role', 'internal-viewer'])).stdout.trim();
  const user = await cliWithStdin(['user', 'create', '--email', 'viewer@acme.example', '--name', 'Viewer', '--role', 'internal-viewer', '--tenant', 'acme', '--password-stdin'], `${PLANTED.password}\n`);
  expect(user.code).toBe(0);
  const put = await api('/api/v1/tenants/acme/ownership', issued.admin, { method: 'PUT', body: ownership(), type: 'application/yaml' });
  expect(put.status).toBe(200);

  // A device enrolled through the API (its secret is shown once, to the enrolling agent) and one real agent.
  issued.enroll = (await collector.cli(['enroll-token', 'create', '--tenant', 'acme'])).stdout.trim();
  const enrolled = JSON.parse((await api('/api/v1/enroll', '', { method: 'POST', body: JSON.stringify({ token: issued.enroll, hostname: 'sweep-host' }) })).text) as { deviceId: string; deviceSecret: string };
  issued.deviceSecret = enrolled.deviceSecret;
  issued.deviceId = enrolled.deviceId;
  const backups = join(tempDir('backups'), 'nightly');
  mkdirSync(backups);
  writeFileSync(join(backups, 'nightly.zip'), 'backup');
  const schedules = `schedules: { inventory: "${EVERY_2S}", patch: "${EVERY_2S}", disk: "${EVERY_2S}", backup: "${EVERY_2S}", security: "${EVERY_2S}" }`;
  home = await enrollAgent(collector, 'acme', `${schedules}\nbackoff: { baseMs: 100, capMs: 1000 }\nbackup: { providers: [{ type: file-freshness, name: nightly, path: ${backups} }] }\n`);
  issued.agentSecret = (JSON.parse(readFileSync(join(home.dataDir, 'credentials.json'), 'utf8')) as { secret: string }).secret;
  agent = startWindowsAgent(home, { ...windowsPrograms(), ...dfPrograms([{ device: '/dev/sda1', fsType: 'ext4', mount: '/', sizeGb: 95, usedPercent: 97 }]) });
}, 90_000);

afterAll(async () => {
  await agent?.stop('SIGKILL');
  await collector?.proc.stop();
  await new Promise<void>((r) => { receiver?.closeAllConnections(); receiver?.close(() => r()); });
}, 30_000);

describe('secret-leak sweep', () => {
  it('drives every path that logs', async () => {
    // Sign-ins: wrong passwords (to a real and an unknown account), then the right one.
    for (const email of ['viewer@acme.example', 'nobody@acme.example']) {
      expect((await api('/api/v1/session', '', { method: 'POST', body: JSON.stringify({ email, password: PLANTED.wrongPassword }) })).status).toBe(401);
    }
    const signIn = await fetch(`${collector.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'viewer@acme.example', password: PLANTED.password }) });
    expect(signIn.status).toBe(200);
    issued.session = /tandem_session=([^;]+)/.exec(signIn.headers.getSetCookie().join('\n'))![1]!;
    // Bad bearer tokens past the limit, bad device secrets, a bad enrollment, malformed JSON carrying a password.
    for (let i = 0; i < 5; i++) await api('/api/v1/devices', `${PLANTED.wrongToken}${i}`);
    for (let i = 0; i < 4; i++) expect(await socketStatus(`${issued.deviceId}.${PLANTED.wrongDeviceSecret}`)).not.toBe(101);
    expect((await api('/api/v1/enroll', '', { method: 'POST', body: JSON.stringify({ token: PLANTED.wrongEnroll, hostname: 'x' }) })).status).toBe(403);
    expect((await api('/api/v1/session', '', { method: 'POST', body: `{"email":"viewer@acme.example","password":"${PLANTED.password}"` })).status).toBe(400);
    // Tokens in query strings (refused: credentials go in the Authorization header), valid and not.
    await api(`/api/v1/devices?access_token=${issued.admin}`, '');
    await api(`/api/v1/devices?token=${PLANTED.wrongToken}`, issued.viewer);
    // Failed deliveries on every channel type, each receiver echoing what it got, until dead letters.
    const letters = await waitUntil(async () => {
      const r = JSON.parse((await api('/api/v1/tenants/acme/notifications/dead-letters', issued.admin)).text) as { deadLetters: Array<{ id: string; channel: string }> };
      const channels = new Set(r.deadLetters.map((l) => l.channel));
      return ['it-hook', 'it-chat', 'it-mail', 'noc-pager'].every((c) => channels.has(c)) && r.deadLetters;
    }, 90_000, 'a dead letter on every channel');
    // A retry from the API fails again (and logs again).
    expect((await api(`/api/v1/tenants/acme/notifications/dead-letters/${letters[0]!.id}/retry`, issued.admin, { method: 'POST' })).status).toBeLessThan(500);

    // Everything a viewer can read, with a token and with the session.
    const alerts = JSON.parse((await api('/api/v1/alerts?state=all', issued.viewer)).text) as { alerts: Array<{ id: string }> };
    const paths = [
      '/api/v1/session', '/api/v1/tenants', '/api/v1/devices', `/api/v1/devices/${issued.deviceId}`, '/api/v1/alerts?state=all',
      '/api/v1/tenants/acme/ownership', '/api/v1/tenants/acme/ownership/versions', '/api/v1/tenants/acme/ownership/versions/1',
      '/api/v1/tenants/acme/audit', '/api/v1/tenants/acme/notifications/dead-letters', '/api/v1/tenants/acme/matrix',
      ...alerts.alerts.map((a) => `/api/v1/alerts/${a.id}/routing`),
    ];
    for (const path of paths) {
      const byToken = await api(path, issued.viewer);
      expect(byToken.status, path).toBe(200);
      answersToViewer.push(byToken.text);
      answersToViewer.push((await api(path, '', { headers: { cookie: `tandem_session=${issued.session}` } })).text);
    }
  }, 180_000);

  it('no marker appears in any log output or any answer to a viewer', async () => {
    const logs = collector.proc.output + (agent?.output ?? '');
    expect(logs.length).toBeGreaterThan(1000);
    // The paths above were logged (so the sweep looked at real log lines).
    expect(logs).toContain('credential refused');
    expect(logs).toContain('/api/v1/devices?access_token=[redacted]');
    // The receivers echoed secrets back, and what reached the dead letters was redacted.
    const letters = (await api('/api/v1/tenants/acme/notifications/dead-letters', issued.admin)).text;
    expect(letters).toContain('[redacted]');
    for (const [name, value] of Object.entries(issued)) expect(value, name).toMatch(/^\S{10,}$/);
    const viewed = answersToViewer.join('\n');
    const markers = { ...PLANTED, ...Object.fromEntries(Object.entries(issued).filter(([k]) => k !== 'deviceId')) };
    const leaked = (text: string) => Object.entries(markers).filter(([, v]) => v && (text.includes(v) || text.includes(encodeURIComponent(v)))).map(([k]) => k);
    expect(leaked(logs), 'in the logs').toEqual([]);
    expect(leaked(viewed), 'in answers to a viewer').toEqual([]);
  });
});
