// Imported calendars against a local HTTP server serving iCalendar feeds:
// an away period from a team's out-of-office feed changes the route of a
// real alert; a public holiday feed joins the team's holidays; a feed that
// fails (500, no answer, not iCalendar, too large) keeps the last good copy
// and is a coverage warning; a restarted collector still has that copy.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '@tandem/proto';
import { parseCollectorConfig } from '../../src/config.js';
import { createCollectorServer } from '../../src/server.js';
import type { CollectorServer } from '../../src/server.js';
import { RawAgent, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { healthySnapshot } from '../rules/support.js';
import { startReceiver } from '../notify/support.js';
import type { Receiver } from '../notify/support.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The Outlook export plus an absence covering now, as a team's shared calendar would have it today. */
function oooToday(): string {
  const now = Date.now();
  const today = ['BEGIN:VEVENT', 'UID:offsite-today@acme.example', `DTSTAMP:${stamp(now)}`, `DTSTART:${stamp(now - 3_600_000)}`, `DTEND:${stamp(now + 3 * 3_600_000)}`,
    'SUMMARY:Acme IT at the off-site', 'X-MICROSOFT-CDO-BUSYSTATUS:OOF', 'END:VEVENT'].join('\r\n');
  return fixture('outlook-ooo.ics').replace('END:VCALENDAR', `${today}\r\nEND:VCALENDAR`);
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const ics = (body: string): Handler => (_req, res) => { res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' }); res.end(body); };
const status = (code: number): Handler => (_req, res) => { res.writeHead(code); res.end('upstream trouble'); };
const hang: Handler = () => {};

let feeds: Server;
let feedUrl: string;
const handlers = new Map<string, Handler>();

async function startFeeds() {
  feeds = createServer((req, res) => (handlers.get(req.url ?? '') ?? status(404))(req, res));
  await new Promise<void>((r) => feeds.listen(0, '127.0.0.1', r));
  feedUrl = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`;
}

const ownership = (rx: Receiver) => `
teams:
  internal:
    name: Acme IT
    hours: { timeZone: Europe/Berlin, days: [mon, tue, wed, thu, fri, sat, sun], from: "00:00", to: "24:00" }
    channels: [{ name: it-hook, type: webhook, url: "${rx.url}/internal" }]
    calendars:
      - { name: public-holidays, kind: holidays, url: "${feedUrl}/holidays.ics", refresh: 1d }
      - { name: team-ooo, kind: away, url: "${feedUrl}/ooo.ics", refresh: 1h }
  provider:
    channels: [{ name: noc-hook, type: webhook, url: "${rx.url}/noc" }]
lines:
  - { id: security, match: { category: security }, owner: internal }
coverage: { away: other }
`;

async function call(url: string, token: string, path: string, method = 'GET', body?: string) {
  const res = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/yaml' } : {}) }, body });
  return { status: res.status, body: (await res.json()) as any };
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const feed = (view: any, name: string) => view.calendars.find((c: any) => c.name === name);

describe('imported calendars', () => {
  let h: Harness;
  let rx: Receiver;
  const refresh = () => call(h.url, h.adminToken, '/api/v1/tenants/acme/calendars/refresh', 'POST');

  beforeAll(async () => {
    await startFeeds();
    rx = await startReceiver();
    handlers.set('/holidays.ics', ics(fixture('public-holidays-de.ics')));
    handlers.set('/ooo.ics', ics(oooToday()));
    h = await startHarness('routing: { escalationCheckSeconds: 3600, notify: { attempts: 1, groupWaitSeconds: 0 }, calendars: { checkSeconds: 3600, timeoutMs: 1500, maxBytes: 65536 } }');
    expect((await call(h.url, h.adminToken, '/api/v1/tenants/acme/ownership', 'PUT', ownership(rx))).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await rx?.close();
    feeds.closeAllConnections();
    await new Promise<void>((r) => feeds.close(() => r()));
  });

  it('imports both feeds and shows each period with its source', async () => {
    const r = await refresh();
    expect(r.status).toBe(200);
    const host = new URL(feedUrl).host;
    const ooo = feed(r.body, 'team-ooo');
    expect(ooo).toMatchObject({ team: 'internal', kind: 'away', source: `calendar team-ooo (${host})`, error: null, refreshMinutes: 60 });
    expect(ooo.periods.map((p: any) => p.summary)).toContain('Acme IT at the off-site');
    expect(ooo.periods).toContainEqual({ from: '2026-12-21', until: '2026-12-23', allDay: true, summary: 'Whole team on leave', effect: 'away' });
    const holidays = feed(r.body, 'public-holidays');
    expect(holidays.periods).toContainEqual({ from: '2026-12-25', until: '2026-12-25', allDay: true, summary: 'Christmas Day', effect: 'holiday' });
    // The calendar's private address is not shown, only where it is.
    expect(JSON.stringify(r.body)).not.toContain('/ooo.ics');
  });

  it('an imported away period sends a real alert to the team that covers, and its trace names the calendar', async () => {
    const { token } = await h.server.store.createEnrollToken({ tenantId: 'acme', site: 'hq' });
    const d = await h.server.store.enrollDevice(token, { hostname: 'fin-ws-20', os: 'linux', agentVersion: '0.1.0' });
    const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.deviceSecret);
    agent.hello(d.deviceId);
    const s: Snapshot = healthySnapshot(d.deviceId, Date.now());
    s.security!.firewall.enabled = false;
    agent.report(1, s);
    const alertId = await until('firewall-off fires', async () => {
      const r = await call(h.url, h.adminToken, `/api/v1/alerts?device=${d.deviceId}&state=firing`);
      return (r.body.alerts as Array<{ id: string; ruleId: string }> | undefined)?.find((a) => a.ruleId === 'firewall-off')?.id;
    });
    const routing = await until('routed', async () => {
      const r = await call(h.url, h.adminToken, `/api/v1/alerts/${alertId}/routing`);
      return r.body.owner ? r.body : undefined;
    });
    expect(routing.owner).toBe('provider');
    expect(routing.trace.join('\n')).toMatch(/internal away until .* \(Acme IT at the off-site, calendar team-ooo \(127\.0\.0\.1:\d+\)\)/);
    await until('the NOC is notified', async () => rx.received.some((m) => m.path === '/noc' && JSON.parse(m.body).alert.id === alertId));
    expect(rx.received.filter((m) => m.path === '/internal')).toEqual([]);
    agent.close();
  });

  it.each([
    ['answers 500', status(500), 'HTTP 500'],
    ['never answers', hang, 'no answer within 1500 ms'],
    ['is not iCalendar', ics('<html><body>Please sign in</body></html>'), 'not an iCalendar feed (it does not start with BEGIN:VCALENDAR)'],
    ['is too large', ics(`${oooToday().replace('END:VCALENDAR', '')}${'X-FILLER:'.padEnd(120, 'x')}\r\n`.repeat(600)), 'larger than 65536 bytes'],
  ])('a feed that %s keeps its last good copy and is a coverage warning', async (_what, handler, reason) => {
    handlers.set('/ooo.ics', handler);
    const r = await refresh();
    const ooo = feed(r.body, 'team-ooo');
    expect(ooo.error).toBe(reason);
    expect(ooo.importedAt).not.toBeNull();
    expect(ooo.periods.map((p: any) => p.summary)).toContain('Acme IT at the off-site');
    // The other feed is untouched.
    expect(feed(r.body, 'public-holidays').error).toBeNull();
    const matrix = await call(h.url, h.adminToken, '/api/v1/tenants/acme/matrix?days=1');
    const warning = matrix.body.gaps.find((g: any) => g.kind === 'calendar-failed');
    expect(warning.message).toContain(`internal team's calendar team-ooo (${new URL(feedUrl).host}) could not be refreshed (${reason})`);
    expect(warning.message).toContain('routing uses the copy imported at');
    // Routing still has the period: the team stays away.
    const config = (await h.server.routing.engine.tenantConfig('acme')).config;
    expect(config.teams.internal.away.some((p) => p.reason === 'Acme IT at the off-site')).toBe(true);
  }, 30_000);
});

describe('a restart keeps the last good copy', () => {
  let dir: string;
  let rx: Receiver;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tandem-calendars-'));
    rx = await startReceiver();
    if (!feeds?.listening) await startFeeds();
  });
  afterAll(async () => {
    await rx?.close();
    feeds.closeAllConnections();
    await new Promise<void>((r) => feeds.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (): Promise<{ server: CollectorServer; url: string }> => {
    const config = parseCollectorConfig([
      'listen: { host: 127.0.0.1, port: 0 }', `dataDir: ${dir}`, 'logLevel: silent', `store: { kind: sqlite, path: ${join(dir, 'tandem.db')} }`,
      'routing: { calendars: { checkSeconds: 3600, timeoutMs: 1500 } }',
    ].join('\n'), join(dir, 'collector.yaml'));
    const server = await createCollectorServer(config);
    return { server, url: await server.listen() };
  };

  it('imports, restarts with the feed down, and still routes with what it had', async () => {
    handlers.set('/ooo.ics', ics(oooToday()));
    handlers.set('/holidays.ics', ics(fixture('public-holidays-de.ics')));
    const first = await start();
    await first.server.store.createTenant({ id: 'acme', name: 'Acme' });
    const { token } = await first.server.store.createApiToken({ tenantId: null, name: 'admin', role: 'provider-admin' });
    expect((await call(first.url, token, '/api/v1/tenants/acme/ownership', 'PUT', ownership(rx))).status).toBe(200);
    const before = feed((await call(first.url, token, '/api/v1/tenants/acme/calendars/refresh', 'POST')).body, 'team-ooo');
    expect(before.error).toBeNull();
    await first.server.close();

    handlers.set('/ooo.ics', status(503));
    const second = await start();
    try {
      // The copy is there before anything is fetched again (the feed is not due yet: it was read a moment ago).
      const loaded = feed((await call(second.url, token, '/api/v1/tenants/acme/calendars')).body, 'team-ooo');
      expect(loaded).toMatchObject({ error: null, importedAt: before.importedAt, periods: before.periods });
      const after = feed((await call(second.url, token, '/api/v1/tenants/acme/calendars/refresh', 'POST')).body, 'team-ooo');
      expect(after.error).toBe('HTTP 503');
      expect(after.importedAt).toBe(before.importedAt);
      expect(after.periods).toEqual(before.periods);
      const config = (await second.server.routing.engine.tenantConfig('acme')).config;
      expect(config.teams.internal.away.find((p) => p.reason === 'Acme IT at the off-site')?.source).toMatch(/^calendar team-ooo/);
      expect(config.teams.internal.hours?.holidays).toContain('2026-12-25');
    } finally {
      await second.server.close();
    }
  }, 60_000);
});

describe('a calendar\'s address is a credential', () => {
  it('is masked in the config the API shows, and writing that config back keeps the stored address', async () => {
    const { maskOwnershipDocument, maskOwnershipText, restoreMaskedSecrets } = await import('../../src/notify/channel-secrets.js');
    const text = [
      'teams:',
      '  internal:',
      '    calendars:',
      '      - { name: ooo, kind: away, url: "https://calendar.example.com/calendar/ical/acme%40example.com/private-0123456789abcdef/basic.ics" }',
      '  provider:',
      '    channels:',
      '      - name: noc-slack',
      '        type: slack',
      '        url: https://hooks.slack.example/T1/B2/secret-path-1234',
      'lines: []',
    ].join('\n');
    const shown = maskOwnershipText(text, { providerChannels: false })!;
    expect(shown).not.toContain('private-0123456789abcdef');
    expect(shown).toContain('https://calendar.example.com/••••');
    // The provider channel shrinks to its name and type; the key after it stays on its own line.
    expect(shown).toContain('      - { name: "noc-slack", type: "slack" }\nlines: []');
    const doc = { teams: { internal: { calendars: [{ name: 'ooo', kind: 'away', url: 'https://calendar.example.com/calendar/ical/acme%40example.com/private-0123456789abcdef/basic.ics' }] }, provider: {} } };
    const masked = maskOwnershipDocument(doc, { providerChannels: true });
    expect(JSON.stringify(masked)).not.toContain('private-0123456789abcdef');
    const restored = restoreMaskedSecrets(masked, doc);
    expect(restored).toEqual({ ok: true, body: doc });
  });
});
