// Journey: a team's out-of-office calendar and a public holiday calendar are
// served over loopback; the collector process imports them on its own
// schedule, the ownership page lists each period with its source; when the
// feed breaks, the page warns and still shows the last good copy. Real
// collector process, real HTTP feed server, real browser.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, waitUntil } from '../support/processes.js';
import type { RunningCollector } from '../support/processes.js';
import { expectCleanPage, launchBrowser, openPage, screenshot, signInWithPassword } from '../support/browser.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'collector', 'test', 'calendars', 'fixtures');
const NOC = { email: 'noc@provider.example', password: 'noc-desk-password-1' };

let collector: RunningCollector;
let adminToken: string;
let browser: Browser;
let feeds: Server;
let broken = false;

beforeAll(async () => {
  feeds = createServer((req, res) => {
    if (broken) {
      res.writeHead(500);
      res.end('calendar service unavailable');
      return;
    }
    const file = req.url === '/ooo.ics' ? 'outlook-ooo.ics' : req.url === '/holidays.ics' ? 'public-holidays-de.ics' : null;
    if (!file) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/calendar' });
    res.end(readFileSync(join(FIXTURES, file)));
  });
  await new Promise<void>((r) => feeds.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`;
  collector = await startCollector('routing: { calendars: { checkSeconds: 1, timeoutMs: 3000 } }\n');
  await collector.cli(['tenant', 'create', '--id', 'acme', '--name', 'Acme Corp']);
  adminToken = (await collector.cli(['token', 'create', '--name', 'journey admin'])).stdout.trim();
  const ownership = `teams:
  internal:
    name: Acme IT
    hours: { timeZone: Europe/Berlin, from: "08:00", to: "17:00" }
    calendars:
      - { name: public-holidays, kind: holidays, url: "${base}/holidays.ics", refresh: 1d }
      - { name: team-ooo, kind: away, url: "${base}/ooo.ics", refresh: 1h }
  provider: { name: NOC }
`;
  const put = await fetch(`${collector.url}/api/v1/tenants/acme/ownership`, { method: 'PUT', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/yaml' }, body: ownership });
  expect(put.status).toBe(200);
  const user = await fetch(`${collector.url}/api/v1/users`, {
    method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...NOC, name: 'NOC desk', role: 'provider-noc', allTenants: true }),
  });
  expect(user.status).toBe(201);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await collector?.proc.stop();
  feeds?.closeAllConnections();
  await new Promise<void>((r) => (feeds ? feeds.close(() => r()) : r()));
}, 60_000);

const calendars = async () => (await fetch(`${collector.url}/api/v1/tenants/acme/calendars`, { headers: { authorization: `Bearer ${adminToken}` } }).then((r) => r.json())) as { calendars: Array<{ name: string; importedAt: string | null; error: string | null }> };

describe('imported calendars on the ownership page', { timeout: 180_000 }, () => {
  it('lists imported periods with their source, and warns while a feed is broken without losing them', async () => {
    // The collector imports on its own schedule.
    await waitUntil(async () => ((await calendars()).calendars.every((c) => c.importedAt) ? true : undefined), 60_000, 'both feeds imported');
    const watched = await openPage(browser);
    const { page } = watched;
    await signInWithPassword(page, collector.url, NOC.email, NOC.password, '#/ownership/acme');
    const ooo = page.locator('#imported-calendars [data-calendar="team-ooo"]');
    await ooo.waitFor({ timeout: 30_000 });
    await expect(ooo.locator('.feed-source').textContent()).resolves.toMatch(/^Source: calendar team-ooo \(127\.0\.0\.1:\d+\)$/);
    await expect(ooo.locator('tbody').textContent()).resolves.toContain('Whole team on leave');
    await expect(ooo.locator('tbody').textContent()).resolves.toContain('2026-12-21 – 2026-12-23');
    const holidays = page.locator('#imported-calendars [data-calendar="public-holidays"] tbody');
    await expect(holidays.textContent()).resolves.toContain('Christmas Day');
    await expectCleanPage(watched, 'ownership page with imported calendars');
    await screenshot(page, 'journey-calendars-imported');

    broken = true;
    const refreshed = await fetch(`${collector.url}/api/v1/tenants/acme/calendars/refresh`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}` } });
    expect(refreshed.status).toBe(200);
    await page.reload();
    await page.locator('#calendar-warnings li').first().waitFor({ timeout: 30_000 });
    await expect(page.locator('#calendar-warnings').textContent()).resolves.toContain('could not be refreshed (HTTP 500)');
    await expect(ooo.locator('.feed-error').textContent()).resolves.toMatch(/^Last refresh failed \(HTTP 500\); using the copy imported /);
    await expect(ooo.locator('tbody').textContent()).resolves.toContain('Whole team on leave');
    await expectCleanPage(watched, 'ownership page with a broken feed');
    await screenshot(page, 'journey-calendars-broken-feed');
  });
});
