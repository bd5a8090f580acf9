// An internal admin manages its own people in a real browser: invites a
// viewer (first password shown once), who signs in and can change nothing;
// creates an API token (shown once) and revokes it; disables the viewer, who
// is signed out and cannot sign in again. Everyone changes their own
// password. Screenshots go to test-artifacts/.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startCollector } from '../support/processes.js';
import type { RunningCollector } from '../support/processes.js';
import { expectCleanPage, launchBrowser, openPage, screenshot, seriousAccessibilityViolations, signInWithPassword } from '../support/browser.js';
import type { WatchedPage } from '../support/browser.js';

const ACME_IT = { email: 'it@acme.example', password: 'acme-it-password-1' };
const VIEWER = { email: 'frontdesk@acme.example', name: 'Front desk' };

let collector: RunningCollector;
let adminToken: string;
let browser: Browser;
let admin: WatchedPage;
let viewer: WatchedPage;
let viewerPassword = '';

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

/** The browser logs every refused request as a console error; these ones were refused on purpose. */
function forgiveRefusals(w: WatchedPage): void {
  const rest = w.errors.filter((e) => !/status of 403/.test(e));
  w.errors.splice(0, w.errors.length, ...rest);
}

async function checked(w: WatchedPage, name: string): Promise<void> {
  await expectCleanPage(w, name);
  await screenshot(w.page, name);
}

beforeAll(async () => {
  collector = await startCollector();
  await collector.cli(['tenant', 'create', '--id', 'acme', '--name', 'Acme Corp']);
  await collector.cli(['tenant', 'create', '--id', 'globex', '--name', 'Globex']);
  adminToken = (await collector.cli(['token', 'create', '--name', 'journey admin'])).stdout.trim();
  await api('POST', '/api/v1/users', { ...ACME_IT, name: 'Acme IT', role: 'internal-admin', tenantIds: ['acme'] });
  await api('POST', '/api/v1/users', { email: 'it@globex.example', name: 'Globex IT', role: 'internal-admin', tenantIds: ['globex'], password: 'globex-it-password-1' });
  browser = await launchBrowser();
  admin = await openPage(browser);
  viewer = await openPage(browser);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await collector?.proc.stop();
}, 60_000);

describe('journey: an internal admin manages its people', { timeout: 120_000 }, () => {
  it("invites a viewer with a first password shown once, and sees only its own tenant's people", async () => {
    await signInWithPassword(admin.page, collector.url, ACME_IT.email, ACME_IT.password, '#/people');
    const { page } = admin;
    await page.locator('#people tr[data-email="it@acme.example"]').waitFor({ timeout: 15_000 });
    await expect(page.locator('#people tr[data-email="it@globex.example"]').count()).resolves.toBe(0);
    expect(await seriousAccessibilityViolations(page), 'people page').toEqual([]);
    await checked(admin, 'journey-people-start');

    await page.fill('#invite-name', VIEWER.name);
    await page.fill('#invite-email', VIEWER.email);
    await page.selectOption('#invite-role', 'internal-viewer');
    await page.click('#invite-submit');
    await page.locator('#invite-password code').waitFor({ timeout: 15_000 });
    viewerPassword = (await page.locator('#invite-password code').textContent())!.trim();
    expect(viewerPassword).toMatch(/^[\w-]{24}$/);
    await page.locator(`#people tr[data-email="${VIEWER.email}"]`).waitFor({ timeout: 10_000 });
    await checked(admin, 'journey-people-invited');
    // Shown once: a fresh visit does not show it again.
    await page.reload();
    await page.locator(`#people tr[data-email="${VIEWER.email}"]`).waitFor({ timeout: 10_000 });
    await expect(page.locator('body').textContent()).resolves.not.toContain(viewerPassword);
  });

  it('shows the ownership page of a tenant on the built-in default without a literal null', async () => {
    // Acme has no stored config here: the page once printed "null" where the author of the config goes.
    await admin.page.goto(`${collector.url}/#/ownership`);
    await admin.page.locator('#matrix tr').first().waitFor({ timeout: 15_000 });
    await admin.page.locator('#ownership-text').waitFor({ timeout: 10_000 });
    await checked(admin, 'journey-people-ownership-default');
    await admin.page.goto(`${collector.url}/#/people`);
    await admin.page.locator('#people tr[data-email="it@acme.example"]').waitFor({ timeout: 15_000 });
  });

  it('lets the invited viewer sign in and look, but change nothing', async () => {
    const { page } = viewer;
    await signInWithPassword(page, collector.url, VIEWER.email, viewerPassword, '#/tuning');
    await page.locator('#tuning-form').waitFor({ timeout: 15_000 });
    await expect(page.locator('#who').textContent()).resolves.toContain('internal-viewer');
    await expect(page.locator('#tuning-preview-button').isDisabled()).resolves.toBe(true);
    await checked(viewer, 'journey-people-viewer-tuning');
    await page.goto(`${collector.url}/#/people`);
    await page.locator('#password-form').waitFor({ timeout: 10_000 });
    await expect(page.locator('#invite-form').count()).resolves.toBe(0);
    await expect(page.locator('#people-note').textContent()).resolves.toContain('Only administrators');
    // And the server refuses what the page hides, through the page's own API client.
    // A string, not a function: the test runner rewrites dynamic imports in this file's functions.
    const refused = await page.evaluate(`(async () => {
      const { post } = await import('/ui/js/api.js');
      try {
        await post('/api/v1/users', { email: 'sneaky@acme.example', name: 'Sneaky', role: 'internal-admin' });
        return 'accepted';
      } catch (err) {
        return err.status + ' ' + err.code;
      }
    })()`);
    expect(refused).toBe('403 COL_ERR_FORBIDDEN');
    forgiveRefusals(viewer);
    await checked(viewer, 'journey-people-viewer-people');
  });

  it("lets the viewer change its own password, with the current one", async () => {
    const { page } = viewer;
    await page.fill('#current-password', 'not my password at all');
    await page.fill('#new-password', 'front-desk-new-password');
    await page.fill('#repeat-password', 'front-desk-new-password');
    await page.click('#password-change');
    await page.locator('#password-error:not(:empty)').waitFor({ timeout: 10_000 });
    await expect(page.locator('#password-error').textContent()).resolves.toContain('not your current password');
    await page.fill('#current-password', viewerPassword);
    await page.fill('#new-password', 'front-desk-new-password');
    await page.fill('#repeat-password', 'front-desk-new-password');
    await page.click('#password-change');
    await page.locator('#password-done:not(:empty)').waitFor({ timeout: 15_000 });
    forgiveRefusals(viewer);
    await checked(viewer, 'journey-people-password-changed');
    const fresh = await openPage(browser);
    await signInWithPassword(fresh.page, collector.url, VIEWER.email, 'front-desk-new-password', '#/devices');
    await fresh.page.locator('#devices-view').waitFor({ timeout: 15_000 });
    await checked(fresh, 'journey-people-new-password-sign-in');
    await fresh.page.context().close();
  });

  it('creates an API token shown once, and revokes it', async () => {
    const { page } = admin;
    await page.fill('#token-name', 'wallboard');
    await page.selectOption('#token-role', 'internal-viewer');
    await page.click('#token-create');
    await page.locator('#token-secret code').waitFor({ timeout: 10_000 });
    const token = (await page.locator('#token-secret code').textContent())!.trim();
    expect(token).toMatch(/^tdm_/);
    const row = page.locator('#tokens tr[data-name="wallboard"]');
    await row.waitFor({ timeout: 10_000 });
    await checked(admin, 'journey-people-token-created');
    expect((await fetch(`${collector.url}/api/v1/devices`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await row.locator('button.revoke').click();
    await row.waitFor({ state: 'detached', timeout: 10_000 });
    expect((await fetch(`${collector.url}/api/v1/devices`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    await checked(admin, 'journey-people-token-revoked');
  });

  it('disables the viewer, who is signed out and cannot sign in; it cannot disable itself', async () => {
    const { page } = admin;
    await expect(page.locator('#people tr[data-email="it@acme.example"] button').count()).resolves.toBe(0);
    const row = page.locator(`#people tr[data-email="${VIEWER.email}"]`);
    await row.locator('button.disable').click();
    await row.locator('button.enable').waitFor({ timeout: 10_000 });
    await expect(row.textContent()).resolves.toContain('disabled');
    await checked(admin, 'journey-people-disabled');

    // The viewer's open page loses its session at its next request.
    await viewer.page.goto(`${collector.url}/#/devices`);
    await viewer.page.locator('#sign-in').waitFor({ timeout: 15_000 });
    const again = await openPage(browser);
    await signInWithPassword(again.page, collector.url, VIEWER.email, 'front-desk-new-password');
    await again.page.locator('#sign-in-error:not(:empty)').waitFor({ timeout: 15_000 });
    await screenshot(again.page, 'journey-people-disabled-sign-in');
  });
});
