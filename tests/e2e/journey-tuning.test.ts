// Internal IT tunes its own tenant in a real browser, against real collector
// and agent processes: it hands off one rule for a device group narrowed
// with a negation (workstations, but not at headquarters), reads the
// preview, applies it; the NOC board shows the new owner and the audit log
// who did it and when. Then the same for a threshold change picked from the
// rule list. Every page is checked for console errors, unformatted values
// and serious accessibility problems. Screenshots go to test-artifacts/.
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { dfPrograms, windowsPrograms } from '../support/recorded-endpoints.mjs';
import { AGENT_CLI, runNode, startCollector, tempDir, waitUntil } from '../support/processes.js';
import type { Proc, RunningCollector } from '../support/processes.js';
import { startWindowsAgent } from '../support/agents.js';
import type { AgentHome } from '../support/agents.js';
import { expectCleanPage, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signInWithPassword } from '../support/browser.js';
import type { WatchedPage } from '../support/browser.js';

const EVERY_2S = '*/2 * * * * *';
const NOC = { email: 'noc@provider.example', password: 'noc-desk-password-1' };
const ACME_IT = { email: 'it@acme.example', password: 'acme-it-password-1' };

let collector: RunningCollector;
let adminToken: string;
let home: AgentHome;
let agent: Proc;
let browser: Browser;
let noc: WatchedPage;
let acme: WatchedPage;

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

/** Enrolls an agent at a site (the enroll token carries it). */
async function enrollAt(tenantId: string, site: string, configYaml: string): Promise<AgentHome> {
  const dir = tempDir('agent');
  const config = join(dir, 'agent.yaml');
  writeFileSync(config, `dataDir: data\n${configYaml}`);
  const token = (await collector.cli(['enroll-token', 'create', '--tenant', tenantId, '--site', site, '--max-uses', '1'])).stdout.trim();
  const r = await runNode(AGENT_CLI, ['enroll', '--url', collector.url, '--token', token, '--config', config]);
  if (r.code !== 0) throw new Error(`enroll failed: ${r.stderr}`);
  const dataDir = join(dir, 'data');
  mkdirSync(join(dataDir, 'spool'), { recursive: true });
  return { dir, config, dataDir, deviceId: (JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { deviceId: string }).deviceId };
}

/** Windows Update answering with `count` pending updates, every fourth a security update: more than one page. */
function manyUpdates(count: number): string {
  return JSON.stringify(Array.from({ length: count }, (_, i) => ({
    Title: `Demo update ${i + 1} (KB50${String(i).padStart(5, '0')})`, KBArticleIDs: [`50${String(i).padStart(5, '0')}`],
    MsrcSeverity: i % 4 === 0 ? 'Important' : null, Categories: [i % 4 === 0 ? 'Security Updates' : 'Updates'], CategoryIDs: [], RebootRequired: false, RebootBehavior: 0,
  })));
}

async function checked(w: WatchedPage, name: string): Promise<void> {
  await expectCleanPage(w, name);
  await screenshot(w.page, name);
}

async function accessible(w: WatchedPage, where: string): Promise<void> {
  const violations = await seriousAccessibilityViolations(w.page);
  if (violations.length > 0) {
    // Which elements, so the failure says where to look (axe is on the page now).
    const targets = await w.page.evaluate(`axe.run().then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ') + ' ' + (n.failureSummary || '')).join(' | ')))`);
    expect(targets, where).toEqual([]);
  }
}

/** Waits for the preview or an error, and fails with the error's text. */
async function previewShown(w: WatchedPage): Promise<void> {
  await w.page.locator('#tuning-preview, #tuning-error:not(:empty)').first().waitFor({ timeout: 15_000 });
  await expect(w.page.locator('#tuning-error').textContent()).resolves.toBe('');
}

beforeAll(async () => {
  collector = await startCollector(['rules:', '  evaluateEverySeconds: 1', '  overrides:', '    - { rule: disk-full, for: 2s }', ''].join('\n'));
  await collector.cli(['tenant', 'create', '--id', 'acme', '--name', 'Acme Corp']);
  adminToken = (await collector.cli(['token', 'create', '--name', 'journey admin'])).stdout.trim();
  await api('POST', '/api/v1/users', { ...NOC, name: 'NOC desk', role: 'provider-noc', allTenants: true });
  await api('POST', '/api/v1/users', { ...ACME_IT, name: 'Acme IT', role: 'internal-admin', tenantIds: ['acme'] });
  // Acme's IT keeps its workstations and laptops; the provider owns servers (the default).
  await api('PUT', '/api/v1/tenants/acme/ownership', {
    teams: { internal: { name: 'Acme IT' }, provider: { name: 'NOC' } },
    lines: [{ id: 'office-devices', match: { role: ['workstation', 'laptop'] }, owner: 'internal' }],
  });
  const backups = join(tempDir('backups'), 'nightly');
  mkdirSync(backups);
  writeFileSync(join(backups, 'nightly.zip'), 'backup');
  const old = new Date(Date.now() - 4 * 86_400_000);
  utimesSync(join(backups, 'nightly.zip'), old, old);
  const schedules = `schedules: { inventory: "${EVERY_2S}", patch: "${EVERY_2S}", disk: "${EVERY_2S}", backup: "${EVERY_2S}", security: "${EVERY_2S}" }`;
  home = await enrollAt('acme', 'branch', `${schedules}\nbackoff: { baseMs: 100, capMs: 1000 }\nbackup: { providers: [{ type: file-freshness, name: nightly, path: ${backups} }] }\n`);
  // A desktop (chassis 3: a workstation) at the branch office with a stale backup and a disk at 70 %.
  const windows = windowsPrograms({ chassisTypes: [3], edr: 'defender-for-endpoint' });
  windows['powershell.exe'] = windows['powershell.exe']!.map((a) => (a.match === 'Microsoft.Update.Session' ? { match: a.match, stdout: manyUpdates(64) } : a));
  agent = startWindowsAgent(home, { ...windows, ...dfPrograms([{ device: 'C:', fsType: 'NTFS', mount: 'C:', sizeGb: 475, usedPercent: 70 }]) });
  await waitUntil(async () => (await api('GET', `/api/v1/alerts?device=${home.deviceId}&state=firing`)).alerts.some((a: { ruleId: string }) => a.ruleId === 'backup-stale'), 60_000, 'backup-stale firing');
  browser = await launchBrowser();
  noc = await openPage(browser);
  acme = await openPage(browser);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await agent?.stop('SIGKILL');
  await collector?.proc.stop();
}, 60_000);

describe('journey: internal IT tunes its own tenant', { timeout: 120_000 }, () => {
  it('sees its devices and one device, with the same status in both', async () => {
    await signInWithPassword(acme.page, collector.url, ACME_IT.email, ACME_IT.password, '#/devices');
    const row = acme.page.locator(`#devices tr[data-device-id="${home.deviceId}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.locator('td[data-topic="backup"]').filter({ hasText: 'alert' }).waitFor({ timeout: 15_000 });
    const listBackup = await row.locator('td[data-topic="backup"]').getAttribute('data-status');
    expect(listBackup).toBe('critical');
    await checked(acme, 'journey-tuning-devices');
    await accessible(acme, 'devices page');

    await acme.page.fill('#filter-q', 'no-such-host');
    await acme.page.click('#device-filters button[type=submit]');
    await acme.page.locator('#device-count', { hasText: 'No devices match.' }).waitFor({ timeout: 10_000 });
    await acme.page.click('#filter-clear');
    await row.waitFor({ timeout: 10_000 });

    await row.locator('a').first().click();
    await acme.page.locator('#device-status td[data-topic="backup"]').waitFor({ timeout: 10_000 });
    await expect(acme.page.locator('#device-status td[data-topic="backup"]').getAttribute('data-status')).resolves.toBe(listBackup);
    await checked(acme, 'journey-tuning-device');
    await accessible(acme, 'device page');
    // The endpoint protection sensor, each fact as its tool gave it.
    await expect(acme.page.locator('#device-view li.endpoint-protection').textContent())
      .resolves.toMatch(/^Microsoft Defender for Endpoint 10\.8760\.22621\.3880: running yes, onboarded yes, last contact .+, tamper protection on$/);
  });

  it('lists more than 50 pending updates: the count, the first 50, and all of them on request', async () => {
    const { page } = acme;
    await waitUntil(async () => (await api('GET', `/api/v1/devices/${home.deviceId}`)).status?.patch?.updates?.length === 64, 30_000, '64 updates reported');
    await page.reload();
    await page.locator('#patch-updates-count').waitFor({ timeout: 10_000 });
    await expect(page.locator('#patch-updates-count').textContent()).resolves.toBe('Showing 50 of 64 pending updates.');
    await expect(page.locator('#patch-updates li').count()).resolves.toBe(50);
    await page.click('#patch-updates-all');
    await expect(page.locator('#patch-updates li').count()).resolves.toBe(64);
    await checked(acme, 'journey-tuning-device-all-updates');
  });

  it('reads an unknown fact (rebootRequired null) as unknown, not as no', async () => {
    // The page's own renderer, in the page: a string, because the test runner rewrites dynamic imports in functions.
    const texts = await acme.page.evaluate(`import('/ui/js/device-status.js').then((m) => [
      m.known(null, (v) => (v ? 'yes' : 'no')).textContent,
      m.known(null, (v) => (v ? 'yes' : 'no'), 'apt is locked').textContent,
      m.known(false, (v) => (v ? 'yes' : 'no')),
    ])`);
    expect(texts).toEqual(['unknown (not reported by the agent)', 'unknown', 'no']);
  });

  it('hands off a rule for workstations not at headquarters, after reading the preview; the NOC board and the audit log show it', async () => {
    await signInWithPassword(noc.page, collector.url, NOC.email, NOC.password);
    const nocRow = (owner: string) => noc.page.locator(`#groups tr[data-rule="backup-stale"][data-device="${home.deviceId}"][data-owner="${owner}"]`);
    await nocRow('internal').waitFor({ timeout: 20_000 });
    await expectCleanPage(noc, 'NOC board before');

    const { page } = acme;
    await page.goto(`${collector.url}/#/tuning`);
    await page.locator('#tuning-form').waitFor({ timeout: 10_000 });
    await accessible(acme, 'tuning page');
    await page.selectOption('#action', 'handoff');
    await page.selectOption('#match-rule', 'backup-stale');
    await page.selectOption('#match-role', 'workstation');
    await page.fill('#match-site', 'hq');
    await page.check('#not-site');
    await page.fill('#reason', 'the provider runs branch backups from now on');
    await expect(page.locator('#tuning-apply').isDisabled()).resolves.toBe(true);
    await page.click('#tuning-preview-button');
    await previewShown(acme);
    const shown = await page.locator('#tuning-preview').textContent();
    expect(shown).toContain('site ≠ hq');
    expect(shown).toContain('role = workstation');
    await expect(page.locator('#preview-moved').textContent()).resolves.toBe('1 open alert would change owner.');
    await expect(page.locator('#tuning-preview .preview-line').first().textContent()).resolves.toBe('1 open alert would move from internal to provider');
    await checked(acme, 'journey-tuning-handoff-preview');
    await accessible(acme, 'tuning preview');

    const before = Date.now();
    await page.click('#tuning-apply');
    await page.locator('#tuning-done:not(:empty)').waitFor({ timeout: 10_000 });
    const audit = page.locator('#audit tr[data-action="tuning.handoff"]').first();
    await audit.waitFor({ timeout: 10_000 });
    await expect(audit.textContent()).resolves.toContain(ACME_IT.email);
    const entries = (await api('GET', '/api/v1/tenants/acme/audit')).entries;
    const handoff = entries.find((e: { action: string }) => e.action === 'tuning.handoff');
    expect(handoff).toMatchObject({ actor: ACME_IT.email, side: 'internal' });
    expect(Date.parse(handoff.at)).toBeGreaterThanOrEqual(before - 60_000);
    // The "when" cell shows the time with its zone.
    await expect(audit.locator('td').first().textContent()).resolves.toMatch(/\d\d:\d\d\s*\S+/);
    await checked(acme, 'journey-tuning-handoff-applied');

    await nocRow('provider').waitFor({ timeout: 20_000 });
    await checked(noc, 'journey-tuning-noc-new-owner');
  });

  it('changes a threshold for workstations, picked from the rule list, with a preview; the audit log shows it', async () => {
    const { page } = acme;
    await page.reload();
    await page.locator('#tuning-form').waitFor({ timeout: 10_000 });
    await page.selectOption('#action', 'threshold');
    await expect(page.locator('#not-site').isVisible()).resolves.toBe(false);
    await expect(page.locator('#match-rule').isVisible()).resolves.toBe(false);
    await page.selectOption('#threshold-rule', 'disk-full');
    await page.locator('#param-warnPercent').waitFor({ timeout: 5000 });
    await page.fill('#param-warnPercent', '60');
    await page.fill('#param-critPercent', '95');
    await page.fill('#param-clearPercent', '55');
    await page.selectOption('#match-role', 'workstation');
    await page.fill('#reason', 'warn early on office desktops');
    await page.click('#tuning-preview-button');
    await previewShown(acme);
    await expect(page.locator('#tuning-preview').textContent()).resolves.toContain('rule disk-full');
    await checked(acme, 'journey-tuning-threshold-preview');
    await page.click('#tuning-apply');
    await page.locator('#tuning-done:not(:empty)').waitFor({ timeout: 10_000 });
    await page.locator('#audit tr[data-action="tuning.threshold"]').first().waitFor({ timeout: 10_000 });
    await expect(page.locator('#audit tr[data-action="tuning.threshold"]').first().textContent()).resolves.toContain(ACME_IT.email);
    await checked(acme, 'journey-tuning-threshold-applied');

    // The disk at 70 % is now over the tuned 60 % warning: the device's disk turns amber.
    await waitUntil(async () => (await api('GET', `/api/v1/devices/${home.deviceId}`)).health.topics.disk.status === 'warning', 60_000, 'disk warning after the threshold change');
    await page.goto(`${collector.url}/#/devices/${home.deviceId}`);
    await page.locator('#device-status td[data-topic="disk"][data-status="warning"]').waitFor({ timeout: 10_000 });
    await checked(acme, 'journey-tuning-threshold-device');
  });

  it('shows the ownership matrix and its gaps without unformatted values', async () => {
    await acme.page.goto(`${collector.url}/#/ownership`);
    await acme.page.locator('#matrix tr').first().waitFor({ timeout: 10_000 });
    await checked(acme, 'journey-tuning-ownership');
    await accessible(acme, 'ownership page');
    const flagged = await acme.page.locator('#matrix tr.has-gap').count();
    const listed = await acme.page.locator('#gaps > li').evaluateAll((lis) => lis.reduce((n, li) => n + Number((li as HTMLElement).dataset.count ?? 0), 0));
    expect(flagged).toBeLessThanOrEqual(listed);
    if (listed > 0) await expect(acme.page.locator('#gap-total').textContent()).resolves.toContain(`${flagged} alert class`);
  });
});
