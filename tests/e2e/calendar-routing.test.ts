// An away period imported from an iCalendar feed changes where a real
// agent's alert goes: a real collector process imports the team's shared
// out-of-office calendar (served over loopback, in Outlook's export format)
// on its own schedule; internal IT owns disk alerts but is at an off-site
// today, so the alert of a real agent process whose disk fills up goes to the
// provider, and its routing trace names the calendar.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dfPrograms, windowsPrograms } from '../support/recorded-endpoints.mjs';
import { startCollector, waitUntil } from '../support/processes.js';
import type { Proc, RunningCollector } from '../support/processes.js';
import { enrollAgent, startWindowsAgent } from '../support/agents.js';
import type { AgentHome } from '../support/agents.js';

const EVERY_2S = '*/2 * * * * *';
const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

let collector: RunningCollector;
let server: Server;
let base: string;
const posts: Array<{ path: string; body: Record<string, any> }> = [];
let apiToken: string;
let home: AgentHome;
let agent: Proc | null = null;

/** The Outlook export with today's off-site, an absence covering now. */
function outlookFeed(): string {
  const now = Date.now();
  const today = ['BEGIN:VEVENT', 'UID:offsite-today@acme.example', `DTSTAMP:${stamp(now)}`, `DTSTART:${stamp(now - 3_600_000)}`, `DTEND:${stamp(now + 3 * 3_600_000)}`,
    'SUMMARY:Acme IT at the off-site', 'X-MICROSOFT-CDO-BUSYSTATUS:OOF', 'END:VEVENT'].join('\r\n');
  const recorded = readFileSync(join(import.meta.dirname, '..', '..', 'collector', 'test', 'calendars', 'fixtures', 'outlook-ooo.ics'), 'utf8');
  return recorded.replace('END:VCALENDAR', `${today}\r\nEND:VCALENDAR`);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/ooo.ics') {
      res.writeHead(200, { 'content-type': 'text/calendar' });
      res.end(outlookFeed());
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { body += c; });
    req.on('end', () => {
      posts.push({ path: req.url ?? '', body: JSON.parse(body || '{}') as Record<string, any> });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  collector = await startCollector([
    'rules:', '  evaluateEverySeconds: 1', '  overrides:', '    - { rule: disk-full, for: 2s }',
    'routing:', '  notify: { attempts: 3, backoffMs: 200, timeoutMs: 3000 }', '  calendars: { checkSeconds: 1, timeoutMs: 3000 }', '',
  ].join('\n'));
  await collector.cli(['tenant', 'create', '--id', 'acme', '--name', 'Acme']);
  apiToken = (await collector.cli(['token', 'create', '--name', 'noc lead'])).stdout.trim();
  const ownership = `teams:
  internal:
    name: Acme IT
    hours: { timeZone: Europe/Berlin, days: [mon, tue, wed, thu, fri, sat, sun], from: "00:00", to: "24:00" }
    channels: [{ name: it-hook, type: webhook, url: "${base}/internal" }]
    calendars:
      - { name: team-ooo, kind: away, url: "${base}/ooo.ics", refresh: 1h }
  provider:
    name: NOC
    channels: [{ name: noc-hook, type: webhook, url: "${base}/noc" }]
lines:
  - { id: disks, match: { category: disk }, owner: internal }
coverage: { away: other }
`;
  const put = await fetch(`${collector.url}/api/v1/tenants/acme/ownership`, { method: 'PUT', headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/yaml' }, body: ownership });
  expect(put.status).toBe(200);
  const schedules = `schedules: { inventory: "${EVERY_2S}", patch: "${EVERY_2S}", disk: "${EVERY_2S}", backup: "${EVERY_2S}", security: "${EVERY_2S}" }`;
  home = await enrollAgent(collector, 'acme', `${schedules}\nbackoff: { baseMs: 100, capMs: 1000 }\n`);
}, 60_000);

afterAll(async () => {
  await agent?.stop('SIGKILL');
  await collector?.proc.stop();
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
}, 60_000);

describe('an imported away period changes the route', { timeout: 180_000 }, () => {
  it('sends a real agent\'s disk alert to the provider while internal IT is at its off-site, saying so', async () => {
    const api = async (path: string) => (await fetch(`${collector.url}${path}`, { headers: { authorization: `Bearer ${apiToken}` } })).json() as Promise<any>;
    // The collector imports the feed on its own schedule.
    await waitUntil(async () => ((await api('/api/v1/tenants/acme/calendars')).calendars[0]?.importedAt ? true : undefined), 60_000, 'the calendar imported');
    agent = startWindowsAgent(home, { ...windowsPrograms(), ...dfPrograms([{ device: '/dev/sda1', fsType: 'ext4', mount: '/', sizeGb: 95, usedPercent: 97 }]) });
    const alert = await waitUntil(async () => (await api(`/api/v1/alerts?device=${home.deviceId}&state=firing`)).alerts.find((a: any) => a.ruleId === 'disk-full'), 60_000, 'disk-full firing');
    const routing = await api(`/api/v1/alerts/${alert.id}/routing`);
    expect(routing.owner).toBe('provider');
    expect(routing.trace.join('\n')).toMatch(/internal away until .* \(Acme IT at the off-site, calendar team-ooo \(127\.0\.0\.1:\d+\)\) .*→ provider covers/);
    await waitUntil(async () => posts.find((p) => p.path === '/noc' && p.body.alert?.id === alert.id), 30_000, 'the NOC notified');
    expect(posts.filter((p) => p.path === '/internal')).toEqual([]);
  });
});
