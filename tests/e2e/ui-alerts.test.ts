// The web UI in a real browser against real collector and agent processes:
// a NOC user watches an alert appear live on the board and acknowledges it;
// internal IT hands off a rule after previewing the effect, and the NOC board
// shows the new owner. Screenshots go to test-artifacts/.
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { FakePrograms } from '../support/fake-programs.mjs';
import { dfPrograms, windowsPrograms } from '../support/recorded-endpoints.mjs';
import { Proc, startCollector, tempDir, waitUntil } from '../support/processes.js';
import type { RunningCollector } from '../support/processes.js';
import { enrollAgent, startWindowsAgent } from '../support/agents.js';
import type { AgentHome } from '../support/agents.js';
import { launchBrowser, openPage, screenshot, signInWithPassword } from '../support/browser.js';
import type { WatchedPage } from '../support/browser.js';

const EVERY_2S = '*/2 * * * * *';
const NOC = { email: 'noc@provider.example', password: 'noc-desk-password-1' };
const ACME_IT = { email: 'it@acme.example', password: 'acme-it-password-1' };

let collector: RunningCollector;
let adminToken: string;
let home: AgentHome;
let backups: string;
let agent: Proc | null = null;
let browser: Browser;
let noc: WatchedPage;

/** A Windows endpoint (recorded tool outputs) that is healthy, or has real-time AV off, a full disk and a stale backup. */
function programs(health: 'healthy' | 'unhealthy'): FakePrograms {
  return {
    ...windowsPrograms({ realTime: health === 'healthy' }),
    ...dfPrograms([{ device: '/dev/sda1', fsType: 'ext4', mount: '/', sizeGb: 95, usedPercent: health === 'healthy' ? 40 : 96 }]),
  };
}

function startAgent(health: 'healthy' | 'unhealthy'): Proc {
  const age = health === 'healthy' ? 60 : 4 * 86_400;
  const when = new Date(Date.now() - age * 1000);
  utimesSync(join(backups, 'nightly.zip'), when, when);
  agent = startWindowsAgent(home, programs(health));
  return agent;
}

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

const alertRow = (page: Page, rule: string) => page.locator(`#groups tr[data-rule="${rule}"][data-device="${home.deviceId}"]`);

beforeAll(async () => {
  collector = await startCollector(['rules:', '  evaluateEverySeconds: 1', '  overrides:', '    - { rule: disk-full, for: 2s }', ''].join('\n'));
  await collector.cli(['tenant', 'create', '--id', 'acme', '--name', 'Acme Corp']);
  await collector.cli(['tenant', 'create', '--id', 'globex', '--name', 'Globex']);
  adminToken = (await collector.cli(['token', 'create', '--name', 'ui admin'])).stdout.trim();
  await api('POST', '/api/v1/users', { ...NOC, name: 'NOC desk', role: 'provider-noc', allTenants: true });
  await api('POST', '/api/v1/users', { ...ACME_IT, name: 'Acme IT', role: 'internal-admin', tenantIds: ['acme'] });
  // Acme's IT owns backups; the provider owns the rest (the default).
  await api('PUT', '/api/v1/tenants/acme/ownership', {
    teams: { internal: { name: 'Acme IT' }, provider: { name: 'NOC' } },
    lines: [{ id: 'backups', match: { category: 'backup' }, owner: 'internal' }],
  });
  backups = join(tempDir('backups'), 'nightly');
  mkdirSync(backups);
  writeFileSync(join(backups, 'nightly.zip'), 'backup');
  const schedules = `schedules: { inventory: "${EVERY_2S}", patch: "${EVERY_2S}", disk: "${EVERY_2S}", backup: "${EVERY_2S}", security: "${EVERY_2S}" }`;
  home = await enrollAgent(collector, 'acme', `${schedules}\nbackoff: { baseMs: 100, capMs: 1000 }\nbackup: { providers: [{ type: file-freshness, name: nightly, path: ${backups} }] }\n`);
  startAgent('healthy');
  await waitUntil(async () => (await api('GET', `/api/v1/devices/${home.deviceId}`)).status?.security, 30_000, 'a first full report');
  browser = await launchBrowser();
  noc = await openPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await agent?.stop('SIGKILL');
  await collector?.proc.stop();
});

describe('NOC board', () => {
  it('shows an alert live when a device turns unhealthy, and acknowledges it', async () => {
    const { page } = noc;
    await signInWithPassword(page, collector.url, NOC.email, NOC.password);
    await page.locator('#stream-status[data-status="live"]').waitFor({ timeout: 10_000 });
    await expect(page.locator('#who').textContent()).resolves.toContain('provider-noc');
    await expect(alertRow(page, 'antivirus-off').count()).resolves.toBe(0);
    // Marks this page load: if the row shows up after a reload, the marker is gone.
    await page.evaluate(() => { (window as unknown as { loadMarker: number }).loadMarker = 42; });

    await agent!.stop('SIGTERM');
    startAgent('unhealthy');
    const row = alertRow(page, 'antivirus-off');
    await row.waitFor({ timeout: 30_000 });
    await expect(page.evaluate(() => (window as unknown as { loadMarker?: number }).loadMarker)).resolves.toBe(42);
    await expect(row.getAttribute('data-state')).resolves.toBe('firing');
    await expect(row.getAttribute('data-owner')).resolves.toBe('provider');
    await expect(row.locator('td.sla .sla-left').textContent()).resolves.toMatch(/left$/);
    await alertRow(page, 'backup-stale').waitFor({ timeout: 30_000 });
    await expect(alertRow(page, 'backup-stale').getAttribute('data-owner')).resolves.toBe('internal');
    await expect(page.locator('#health .tenant-health[data-tenant="acme"] .count[data-severity="critical"]').textContent()).resolves.not.toBe('0');
    await screenshot(page, 'ui-noc-board-live-alert');

    await row.locator('button.ack').click();
    await page.fill('#action-comment', 'looking at Defender on this host');
    await page.click('#action-confirm');
    await page.locator(`#groups tr[data-rule="antivirus-off"][data-device="${home.deviceId}"][data-state="acknowledged"]`).waitFor({ timeout: 10_000 });
    const alertId = await row.getAttribute('data-alert-id');
    const stored = await api('GET', `/api/v1/alerts/${alertId}`);
    expect(stored.acknowledged).toMatchObject({ by: NOC.email, comment: 'looking at Defender on this host' });
    await screenshot(page, 'ui-noc-board-acknowledged');

    // "Why is this mine?": the routing trace of the alert.
    await row.locator('a.why').click();
    await page.locator('#trace li').first().waitFor({ timeout: 10_000 });
    await expect(page.locator('#trace-owner').textContent()).resolves.toBe('provider');
    await screenshot(page, 'ui-routing-trace');
    await page.goBack();
    expect(noc.errors).toEqual([]);
  });
});

describe('tuning by internal IT', () => {
  it('hands off a rule after a preview, and the NOC board shows the new owner', async () => {
    const it = await openPage(browser);
    const { page } = it;
    await signInWithPassword(page, collector.url, ACME_IT.email, ACME_IT.password, '#/tuning');
    await page.locator('#tuning-form').waitFor({ timeout: 10_000 });
    await expect(page.locator('#tenant-picker').isDisabled()).resolves.toBe(true);
    await page.selectOption('#action', 'handoff');
    await page.selectOption('#match-rule', 'backup-stale');
    await page.fill('#reason', 'the provider runs our backups from now on');
    await expect(page.locator('#tuning-apply').isDisabled()).resolves.toBe(true);
    await page.click('#tuning-preview-button');
    const preview = page.locator('#tuning-preview .preview-line').first();
    await preview.waitFor({ timeout: 10_000 });
    await expect(preview.textContent()).resolves.toBe('1 open alert would move from internal to provider');
    await screenshot(page, 'ui-tuning-preview');

    await page.click('#tuning-apply');
    await page.locator('#tuning-done:not(:empty)').waitFor({ timeout: 10_000 });
    await page.locator('#audit tr[data-action="tuning.handoff"]').waitFor({ timeout: 10_000 });
    await screenshot(page, 'ui-tuning-applied');

    // The NOC board (still open, no reload) shows the new owner.
    await page.close();
    await noc.page.locator(`#groups tr[data-rule="backup-stale"][data-device="${home.deviceId}"][data-owner="provider"]`).waitFor({ timeout: 15_000 });
    await screenshot(noc.page, 'ui-noc-board-new-owner');

    // Internal IT's own board shows its tenant only, and the matrix explains the change.
    const again = await openPage(browser);
    await signInWithPassword(again.page, collector.url, ACME_IT.email, ACME_IT.password, '#/ownership');
    await again.page.locator('#matrix tr[data-rule="backup-stale"]').first().waitFor({ timeout: 10_000 });
    await expect(again.page.locator('#matrix tr[data-rule="backup-stale"] td.cell-provider').count()).resolves.toBeGreaterThan(0);
    await screenshot(again.page, 'ui-ownership-matrix');
    expect([...noc.errors, ...it.errors, ...again.errors]).toEqual([]);
  });
});
