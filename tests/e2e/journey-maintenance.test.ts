// Journey: internal IT schedules a maintenance window in the browser; a real
// agent's alert during it is shown "in maintenance" and pages nobody (a local
// webhook receiver hears nothing of it); at the window's end internal IT's
// receiver gets one summary naming what is still open.
// Real collector and agent processes, a real browser; screenshots in test-artifacts/.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dfPrograms, windowsPrograms } from '../support/recorded-endpoints.mjs';
import { startCollector, waitUntil } from '../support/processes.js';
import type { Proc, RunningCollector } from '../support/processes.js';
import { enrollAgent, startWindowsAgent } from '../support/agents.js';
import type { AgentHome } from '../support/agents.js';
import { expectCleanPage, launchBrowser, openPage, screenshot, signInWithPassword } from '../support/browser.js';

const EVERY_2S = '*/2 * * * * *';
const ACME_IT = { email: 'it@acme.example', password: 'acme-it-password-1' };

let collector: RunningCollector;
let adminToken: string;
let home: AgentHome;
let agent: Proc | null = null;
let browser: Browser;
let receiver: Server;
let receiverUrl: string;
const posts: Array<{ path: string; body: Record<string, any> }> = [];

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${collector.url}${path}`, {
    method, headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { body += c; });
    req.on('end', () => {
      posts.push({ path: req.url ?? '', body: JSON.parse(body || '{}') as Record<string, any> });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  collector = await startCollector('rules: { evaluateEverySeconds: 1 }\nrouting: { notify: { attempts: 2, backoffMs: 50 } }\n');
  await collector.cli(['tenant', 'create', '--id', 'acme', '--name', 'Acme Corp']);
  adminToken = (await collector.cli(['token', 'create', '--name', 'journey admin'])).stdout.trim();
  expect((await api('POST', '/api/v1/users', { ...ACME_IT, name: 'Acme IT', role: 'internal-admin', tenantIds: ['acme'] })).status).toBe(201);
  expect((await api('PUT', '/api/v1/tenants/acme/ownership', {
    teams: { internal: { name: 'Acme IT', channels: [{ name: 'it-hook', type: 'webhook', url: `${receiverUrl}/internal` }] }, provider: { name: 'NOC', channels: [{ name: 'noc-hook', type: 'webhook', url: `${receiverUrl}/noc` }] } },
    lines: [{ id: 'everything', match: {}, owner: 'internal' }],
  })).status).toBe(200);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await agent?.stop('SIGKILL');
  await collector?.proc.stop();
  await new Promise((r) => receiver?.close(r));
}, 60_000);

describe('a maintenance window in the browser', { timeout: 400_000 }, () => {
  let alertId: string;
  let windowEnd: number;

  it('internal IT schedules a window; it is listed as in force', async () => {
    const watched = await openPage(browser);
    const { page } = watched;
    await signInWithPassword(page, collector.url, ACME_IT.email, ACME_IT.password, '#/maintenance');
    await page.locator('#maintenance-form').waitFor({ timeout: 30_000 });
    // A window from the start of this minute for 2 minutes: it ends within the test, after the agent's alert.
    const start = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    windowEnd = start.getTime() + 2 * 60_000;
    await page.fill('#mw-reason', 'patch night');
    await page.fill('#mw-start', start.toISOString().slice(0, 16));
    await page.fill('#mw-duration', '2');
    await page.fill('#mw-zone', 'UTC');
    await page.click('#mw-save');
    await page.locator('#maintenance-list li[data-active="true"]').waitFor({ timeout: 30_000 });
    await expect(page.locator('#maintenance-list li').first().innerText()).resolves.toContain('owner internal');
    await expectCleanPage(watched, 'maintenance page');
    await screenshot(page, 'journey-maintenance-window');
    await page.context().close();
  });

  it('a real agent\'s alert during the window is shown "in maintenance" and pages nobody', async () => {
    const schedules = `schedules: { inventory: "${EVERY_2S}", patch: "${EVERY_2S}", disk: "${EVERY_2S}", backup: "${EVERY_2S}", security: "${EVERY_2S}" }`;
    home = await enrollAgent(collector, 'acme', `${schedules}\nbackoff: { baseMs: 100, capMs: 1000 }\n`);
    agent = startWindowsAgent(home, { ...windowsPrograms({ realTime: false }), ...dfPrograms([{ device: '/dev/sda1', fsType: 'ext4', mount: '/', sizeGb: 95, usedPercent: 40 }]) });
    alertId = await waitUntil(async () => {
      const r = await api('GET', `/api/v1/alerts?device=${home.deviceId}&rule=antivirus-off&state=firing`);
      return r.body.alerts?.[0]?.id as string | undefined;
    }, 60_000, 'the antivirus alert fires');
    expect(Date.now()).toBeLessThan(windowEnd);
    const watched = await openPage(browser);
    const { page } = watched;
    await signInWithPassword(page, collector.url, ACME_IT.email, ACME_IT.password, `#/alerts/${alertId}`);
    const held = page.locator('#alert-held');
    await held.waitFor({ timeout: 30_000 });
    await expect(held.innerText()).resolves.toContain('in maintenance');
    await expect(held.innerText()).resolves.toContain('patch night');
    await page.locator('#alert-record li[data-suppressed-by="maintenance"]').first().waitFor({ timeout: 30_000 });
    await expectCleanPage(watched, 'alert page in maintenance');
    await screenshot(page, 'journey-maintenance-alert');
    // The NOC board marks it too.
    await page.goto(`${collector.url}/#/board`);
    const mark = page.locator(`tr[data-alert-id="${alertId}"] .badge.in-maintenance`);
    await mark.waitFor({ timeout: 30_000 });
    await expect(mark.innerText()).resolves.toBe('in maintenance');
    await screenshot(page, 'journey-maintenance-board');
    await page.context().close();
    const aboutIt = posts.filter((p) => JSON.stringify(p.body).includes(alertId));
    expect(aboutIt).toEqual([]);
  });

  it('at the window\'s end internal IT\'s receiver gets one summary of what is still open', async () => {
    const summary = await waitUntil(async () => posts.find((p) => p.path === '/internal' && JSON.stringify(p.body).includes('During the maintenance window')), 240_000, 'the summary');
    const text = JSON.stringify(summary.body);
    expect(text).toContain('patch night');
    expect(text).toMatch(/[1-9]\d* alerts? still open/);
    expect(Date.now()).toBeGreaterThanOrEqual(windowEnd);
    // One summary only, and the alert itself was never paged during the window.
    await new Promise((r) => setTimeout(r, 2000));
    expect(posts.filter((p) => JSON.stringify(p.body).includes('During the maintenance window'))).toHaveLength(1);
    const record = await api('GET', `/api/v1/alerts/${alertId}/notifications`);
    expect(record.body.heldBy).toBeNull();
    expect(record.body.records.every((r: { outcome: string }) => r.outcome === 'suppressed')).toBe(true);
  });
});
