// Internal IT reads last month's service report in a real browser, against a
// real collector process on PostgreSQL: the figures per team, the CSV and
// the PDF (printed by Chromium) downloaded; then it opens the contract
// document, hands a rule off through tuning, and compares the two versions
// in plain words. Last month's history is written into the store the way
// the rules and routing stages write it, so its true figures are known.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startCollector, waitUntil } from '../support/processes.js';
import type { RunningCollector } from '../support/processes.js';
import { startPostgres } from '../services/postgres.mjs';
import type { TestPostgres } from '../services/postgres.mjs';
import { expectCleanPage, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signInWithPassword } from '../support/browser.js';
import type { WatchedPage } from '../support/browser.js';

const ACME_IT = { email: 'it@acme.example', password: 'acme-it-password-1' };
const MIN = 60_000;

let server: TestPostgres;
let dbUrl: string;
let collector: RunningCollector;
let adminToken: string;
let browser: Browser;
let acme: WatchedPage;

const now = new Date();
const lastMonthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1);
const lastMonth = new Date(lastMonthStart).toISOString().slice(0, 7);

async function api(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${collector.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** One alert episode of last month: fired, its state changes, and the routing decision made when it fired. */
async function seed(db: pg.Client, id: string, firedAt: number, owner: string, sla: number, events: Array<[number, string]>) {
  await db.query(`insert into alerts (id, alert_key, tenant_id, device_id, rule_id, instance, category, severity, state, flapping, summary, labels, pending_since, fired_at,
    resolved_at, updated_at, tracking, history_count, is_current) values ($1, $2, 'acme', 'seeded-device', 'disk-full', '/', 'disk', 'warning', $3, 0, 'disk full', '{}', $4, $4, null, $4, '{}', 0, 0)`,
  [id, `acme/seeded/${id}`, events.at(-1)![1], firedAt]);
  const states: Array<[number, string]> = [[0, 'firing'], ...events];
  for (const [i, [m, to]] of states.entries()) {
    await db.query(`insert into alert_history (alert_id, seq, at, from_state, to_state, severity, cause, actor, comment, notified) values ($1, $2, $3, $4, $5, 'warning', 'seeded', null, null, 0)`,
      [id, i + 1, firedAt + m * MIN, i === 0 ? 'pending' : states[i - 1]![1], to]);
  }
  await db.query(`insert into alert_route_decisions (alert_id, seq, at, reason, owner, sla_minutes, config_version, trace, deliveries) values ($1, 1, $2, 'fire', $3, $4, 1, '[]', '[]')`,
    [id, firedAt, owner, sla]);
}

beforeAll(async () => {
  server = await startPostgres();
  const name = `tandem_journey_reports_${process.pid}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  dbUrl = url.toString();
  collector = await startCollector(`store: { kind: postgres, url: "${dbUrl}", poolSize: 4 }\n`);
  await collector.cli(['tenant', 'create', '--id', 'acme', '--name', 'Acme Corp']);
  adminToken = (await collector.cli(['token', 'create', '--name', 'journey admin'])).stdout.trim();
  await api('POST', '/api/v1/users', { ...ACME_IT, name: 'Acme IT', role: 'internal-admin', tenantIds: ['acme'] });
  // Version 1 of the contract: Acme's IT owns disk and backup alerts, the provider the rest.
  await api('PUT', '/api/v1/tenants/acme/ownership', {
    teams: { internal: { name: 'Acme IT' }, provider: { name: 'NOC' } },
    lines: [{ id: 'office', match: { category: ['disk', 'backup'] }, owner: 'internal', sla: { warning: '1h' } }],
  });
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  const day10 = lastMonthStart + 9 * 86_400_000 + 9 * 60 * MIN;
  // Internal IT: acknowledged after 10 and 40 minutes (both within 60), resolved after 50 and 100.
  await seed(db, 'seed-1', day10, 'internal', 60, [[10, 'acknowledged'], [50, 'resolved']]);
  await seed(db, 'seed-2', day10 + 86_400_000, 'internal', 60, [[40, 'acknowledged'], [100, 'resolved']]);
  // The provider: acknowledged after 45 minutes against 30: late.
  await seed(db, 'seed-3', day10 + 2 * 86_400_000, 'provider', 30, [[45, 'acknowledged']]);
  await db.end();
  browser = await launchBrowser();
  acme = await openPage(browser);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await collector?.proc.stop();
  if (server && dbUrl) {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`drop database if exists ${new URL(dbUrl).pathname.slice(1)}`);
    await admin.end();
  }
  await server?.stop();
}, 60_000);

async function download(w: WatchedPage, button: string): Promise<Buffer> {
  const [file] = await Promise.all([w.page.waitForEvent('download', { timeout: 90_000 }), w.page.click(button)]);
  return readFileSync((await file.path())!);
}

describe('journey: internal IT reads its service report and contract', { timeout: 180_000 }, () => {
  it('opens last month\'s report and sees the figures per team', async () => {
    await signInWithPassword(acme.page, collector.url, ACME_IT.email, ACME_IT.password, '#/reports');
    const { page } = acme;
    await page.locator('#sla-figures').waitFor({ timeout: 20_000 });
    await expect(page.locator('#report-month').inputValue()).resolves.toBe(lastMonth);
    const cell = (team: string, figure: string) => page.locator(`#sla-figures tr[data-team="${team}"] td[data-figure="${figure}"]`).textContent();
    await expect(cell('internal', 'owned')).resolves.toBe('2');
    await expect(cell('internal', 'acknowledge')).resolves.toBe('10 min / 40 min');
    await expect(cell('internal', 'resolve')).resolves.toBe('50 min / 100 min');
    await expect(cell('internal', 'within-sla')).resolves.toBe('100% (2 of 2)');
    await expect(cell('provider', 'owned')).resolves.toBe('1');
    await expect(cell('provider', 'within-sla')).resolves.toBe('0% (0 of 1)');
    await page.locator('#forecast').waitFor({ timeout: 20_000 });
    await expectCleanPage(acme, 'reports page');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'journey-reports-figures');
  });

  it('downloads the report as CSV and as a PDF that names the tenant', async () => {
    const csv = (await download(acme, '#report-csv')).toString('utf8');
    expect(csv.split('\r\n')).toContain(`acme,${lastMonth}-01,${new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)).toISOString().slice(0, 10)},sla,internal,ack_p90_minutes,40`);
    const pdf = await download(acme, '#report-pdf');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The document title (the PDF's /Title) carries the tenant's name.
    expect(pdf.toString('latin1')).toMatch(/\/Title \(Service report Acme Corp /);
  });

  it('opens the contract document, changes ownership through tuning, and compares the two versions', async () => {
    const { page } = acme;
    await page.goto(`${collector.url}/#/ownership`);
    await page.locator('#contract-matrix').waitFor({ timeout: 20_000 });
    await expect(page.locator('#contract-title').textContent()).resolves.toBe('Who owns what: Acme Corp, version 1');
    await expect(page.locator('#contract-matrix tr', { hasText: 'backup' }).first().textContent()).resolves.toContain('internal');
    await expect(page.locator('#compare-none').textContent()).resolves.toContain('Only one version');

    await page.goto(`${collector.url}/#/tuning`);
    await page.locator('#tuning-form').waitFor({ timeout: 20_000 });
    await page.selectOption('#action', 'handoff');
    await page.selectOption('#match-rule', 'backup-stale');
    await page.fill('#reason', 'the provider runs the backups from now on');
    await page.click('#tuning-preview-button');
    await page.locator('#tuning-preview, #tuning-error:not(:empty)').first().waitFor({ timeout: 15_000 });
    await expect(page.locator('#tuning-error').textContent()).resolves.toBe('');
    await page.click('#tuning-apply');
    await page.locator('#tuning-done:not(:empty)').waitFor({ timeout: 15_000 });
    await waitUntil(async () => (await api('GET', '/api/v1/tenants/acme/ownership/versions')).versions.length === 2, 15_000, 'a second ownership version');

    await page.goto(`${collector.url}/#/ownership`);
    await page.locator('#compare-run').waitFor({ timeout: 20_000 });
    await page.selectOption('#compare-from', '1');
    await page.selectOption('#compare-to', '2');
    await page.click('#compare-run');
    await page.locator('#compare-out li').first().waitFor({ timeout: 15_000 });
    const changes = await page.locator('#compare-out li').allTextContents();
    expect(changes).toContain('backup-stale alerts (warning) on any other device: internal → provider');
    await expectCleanPage(acme, 'ownership page with the contract');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'journey-reports-contract');
  });
});
