// Journey: guardrails as people meet them. A read-only viewer can change
// nothing and sees no other tenant; internal IT cannot acknowledge an alert
// the provider owns by contract — the UI shows the reason, the API refuses.
// Real collector and agent processes, a real browser; screenshots in test-artifacts/.
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dfPrograms, windowsPrograms } from '../support/recorded-endpoints.mjs';
import { startCollector, tempDir, waitUntil } from '../support/processes.js';
import type { Proc, RunningCollector } from '../support/processes.js';
import { enrollAgent, startWindowsAgent } from '../support/agents.js';
import type { AgentHome } from '../support/agents.js';
import { expectCleanPage, launchBrowser, openPage, screenshot, signInWithPassword } from '../support/browser.js';

const EVERY_2S = '*/2 * * * * *';
const VIEWER = { email: 'viewer@acme.example', password: 'acme-viewer-password-1' };
const ACME_IT = { email: 'it@acme.example', password: 'acme-it-password-1' };

let collector: RunningCollector;
let adminToken: string;
let home: AgentHome;
let agent: Proc | null = null;
let browser: Browser;
let alertId: string;

async function api(method: string, path: string, token = adminToken, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${collector.url}${path}`, {
    method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  collector = await startCollector('rules: { evaluateEverySeconds: 1 }\n');
  await collector.cli(['tenant', 'create', '--id', 'acme', '--name', 'Acme Corp']);
  await collector.cli(['tenant', 'create', '--id', 'globex', '--name', 'Globex']);
  adminToken = (await collector.cli(['token', 'create', '--name', 'journey admin'])).stdout.trim();
  expect((await api('POST', '/api/v1/users', adminToken, { ...VIEWER, name: 'Acme viewer', role: 'internal-viewer', tenantIds: ['acme'] })).status).toBe(201);
  expect((await api('POST', '/api/v1/users', adminToken, { ...ACME_IT, name: 'Acme IT', role: 'internal-admin', tenantIds: ['acme'] })).status).toBe(201);
  // Security is the provider's by contract; who may acknowledge is left at the default (only the owner).
  expect((await api('PUT', '/api/v1/tenants/acme/ownership', adminToken, {
    teams: { internal: { name: 'Acme IT' }, provider: { name: 'NOC' } },
    lines: [{ id: 'security', match: { category: 'security' }, owner: 'provider' }, { id: 'backups', match: { category: 'backup' }, owner: 'internal' }],
    guardrails: { lockedLines: ['security'] },
  })).status).toBe(200);
  const dir = tempDir('journey-guardrails');
  const backups = join(dir, 'backups');
  mkdirSync(backups);
  writeFileSync(join(backups, 'nightly.zip'), 'backup');
  utimesSync(join(backups, 'nightly.zip'), new Date(), new Date());
  const schedules = `schedules: { inventory: "${EVERY_2S}", patch: "${EVERY_2S}", disk: "${EVERY_2S}", backup: "${EVERY_2S}", security: "${EVERY_2S}" }`;
  home = await enrollAgent(collector, 'acme', `${schedules}\nbackoff: { baseMs: 100, capMs: 1000 }\nbackup: { providers: [{ type: file-freshness, name: nightly, path: ${backups} }] }\n`);
  agent = startWindowsAgent(home, { ...windowsPrograms({ realTime: false }), ...dfPrograms([{ device: '/dev/sda1', fsType: 'ext4', mount: '/', sizeGb: 95, usedPercent: 40 }]) });
  alertId = await waitUntil(async () => {
    const r = await api('GET', `/api/v1/alerts?device=${home.deviceId}&rule=antivirus-off&state=firing`);
    return r.body.alerts?.[0]?.id as string | undefined;
  }, 60_000, 'the antivirus alert fires');
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await agent?.stop('SIGKILL');
  await collector?.proc.stop();
}, 60_000);

const row = (rule: string) => `#groups tr[data-rule="${rule}"][data-device="${home.deviceId}"]`;

describe('guardrails in the browser', { timeout: 180_000 }, () => {
  it('a read-only viewer can change nothing and sees no other tenant', async () => {
    const viewer = await openPage(browser);
    const { page } = viewer;
    await signInWithPassword(page, collector.url, VIEWER.email, VIEWER.password);
    await page.locator(row('antivirus-off')).waitFor({ timeout: 30_000 });
    // Every action on the row is there but disabled for a viewer.
    await expect(page.locator(`${row('antivirus-off')} td.actions button`).count()).resolves.toBeGreaterThan(0);
    await expect(page.locator(`${row('antivirus-off')} td.actions button:not([disabled])`).count()).resolves.toBe(0);
    await expect(page.locator('#health .tenant-health[data-tenant="globex"]').count()).resolves.toBe(0);
    await expectCleanPage(viewer, 'the viewer\'s board');
    await screenshot(page, 'journey-guardrails-viewer-board');
    // The page's own session is refused a change; another tenant does not exist for it.
    const tried = await page.evaluate(async (id) => {
      const csrf = (await (await fetch('/api/v1/session')).json()) as { csrfToken?: string };
      const ack = await fetch(`/api/v1/alerts/${id}/ack`, { method: 'POST', headers: { 'content-type': 'application/json', ...(csrf.csrfToken ? { 'x-csrf-token': csrf.csrfToken } : {}) }, body: JSON.stringify({ comment: 'mine' }) });
      const globex = await fetch('/api/v1/tenants/globex/ownership');
      return { ack: ack.status, globex: globex.status };
    }, alertId);
    expect(tried).toEqual({ ack: 403, globex: 404 });
    await page.close();
  });

  it('internal IT cannot acknowledge a provider-owned alert: the UI says why and the API refuses', async () => {
    const internal = await openPage(browser);
    const { page } = internal;
    await signInWithPassword(page, collector.url, ACME_IT.email, ACME_IT.password);
    await page.locator(row('antivirus-off')).waitFor({ timeout: 30_000 });
    await expect(page.locator(row('antivirus-off')).getAttribute('data-owner')).resolves.toBe('provider');
    await page.locator(`${row('antivirus-off')} button.ack`).click();
    await page.fill('#action-comment', 'we will look at Defender ourselves');
    await page.click('#action-confirm');
    const error = page.locator('#action-error');
    await waitUntil(async () => ((await error.textContent()) ?? '').length > 0, 15_000, 'the refusal shown');
    await expect(error.textContent()).resolves.toContain('this alert is owned by the provider, and internal IT may not acknowledge it');
    await screenshot(page, 'journey-guardrails-ack-refused');
    // Still firing: the provider's escalation clock runs on.
    expect((await api('GET', `/api/v1/alerts/${alertId}`)).body.state).toBe('firing');
    await page.click('#action-cancel');
    // The errors the page logged are the refused request itself; nothing else.
    internal.errors.splice(0, internal.errors.length, ...internal.errors.filter((e) => !/403/.test(e)));
    await expectCleanPage(internal, 'the internal admin\'s board after the refusal');
  });

  it('on the Tuning page, internal IT changes a threshold and hands off a backup rule the security lock cannot reach', async () => {
    const internal = await openPage(browser);
    const { page } = internal;
    await signInWithPassword(page, collector.url, ACME_IT.email, ACME_IT.password, '#/tuning');
    await page.locator('#tuning-form').waitFor({ timeout: 15_000 });
    // A threshold change: the form names the rule and the device group; it used to fail with body/match.rule.
    await page.selectOption('#action', 'threshold');
    await page.selectOption('#threshold-rule', 'disk-full');
    await page.locator('#param-warnPercent').waitFor({ timeout: 15_000 });
    await page.fill('#param-warnPercent', '80');
    await page.selectOption('#match-role', 'workstation');
    await page.fill('#reason', 'small system disks on the front desk');
    await page.click('#tuning-preview-button');
    await page.locator('#tuning-preview .preview-line').first().waitFor({ timeout: 15_000 });
    await page.click('#tuning-apply');
    await page.locator('#audit tr[data-action="tuning.threshold"]').waitFor({ timeout: 15_000 });
    await expectCleanPage(internal, 'the Tuning page after a threshold change');
    await screenshot(page, 'journey-guardrails-threshold-applied');
    // A hand-off of a backup rule for workstations: the locked security line cannot be reached by it.
    await page.selectOption('#action', 'handoff');
    await page.selectOption('#match-rule', 'backup-stale');
    await page.selectOption('#match-role', 'workstation');
    await page.fill('#reason', 'the NOC runs our backups');
    await page.click('#tuning-preview-button');
    await page.locator('#tuning-preview .preview-line').first().waitFor({ timeout: 15_000 });
    await page.click('#tuning-apply');
    await page.locator('#audit tr[data-action="tuning.handoff"]').waitFor({ timeout: 15_000 });
    await expectCleanPage(internal, 'the Tuning page after the hand-off');
    await screenshot(page, 'journey-guardrails-handoff-applied');
    const tuning = (await api('GET', '/api/v1/tenants/acme/ownership')).body.document.tuning as Array<{ kind: string; rule?: string; match: Record<string, unknown> }>;
    expect(tuning.map((t) => ({ kind: t.kind, rule: t.rule, match: t.match }))).toEqual([
      { kind: 'handoff', rule: undefined, match: { rule: 'backup-stale', role: 'workstation' } },
      { kind: 'threshold', rule: 'disk-full', match: { role: 'workstation' } },
    ]);
  });
});
