// Journey: the provider's NOC opens a tenant's ownership page, previews the
// message internal IT's mail channel and its own Slack channel would get for a sample alert,
// edits a template part, sees a wrong field refused by name, and previews a
// group. Real collector process, real browser; screenshots in test-artifacts/.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector } from '../support/processes.js';
import type { RunningCollector } from '../support/processes.js';
import { expectCleanPage, launchBrowser, openPage, screenshot, signInWithPassword } from '../support/browser.js';

const NOC = { email: 'noc@provider.example', password: 'noc-desk-password-1' };
const ownership = `teams:
  internal:
    name: Acme IT
    channels:
      - { name: it-mail, type: email, to: [it@acme.example] }
  provider:
    name: NOC
    channels:
      - name: noc-slack
        type: slack
        url: https://hooks.slack.example/T1/B2/journey-secret-77
        template: { body: "*{{device.hostname}}* {{alert.summary}} (owner {{owner.team}})" }
templates:
  email: { subject: "[Acme] {{title}}" }
`;

let collector: RunningCollector;
let adminToken: string;
let browser: Browser;

beforeAll(async () => {
  collector = await startCollector('publicUrl: https://tandem.example\n');
  await collector.cli(['tenant', 'create', '--id', 'acme', '--name', 'Acme Corp']);
  adminToken = (await collector.cli(['token', 'create', '--name', 'journey admin'])).stdout.trim();
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
}, 60_000);

describe('previewing notification templates', { timeout: 180_000 }, () => {
  it('shows each channel\'s message for a sample alert, refuses an unknown field by name, and previews an edit', async () => {
    const watched = await openPage(browser);
    const { page } = watched;
    await signInWithPassword(page, collector.url, NOC.email, NOC.password, '#/ownership/acme');
    await page.locator('#template-preview').waitFor({ timeout: 30_000 });
    const rendered = (part: string) => page.locator(`#template-output [data-rendered="${part}"] pre`).textContent();

    // The first channel is internal IT's mail, with the tenant's subject template and the shipped body.
    await expect(rendered('subject')).resolves.toBe('[Acme] disk-full on sample-ws-01: Disk / is 96% full');
    await expect(rendered('text')).resolves.toContain('https://tandem.example/#/alerts/alr_sample');
    await screenshot(page, 'journey-templates-mail');

    // The provider's Slack channel with its own body template.
    await page.selectOption('#template-channel', { label: 'noc-slack (slack, provider)' });
    await page.locator('#template-part-body').waitFor();
    await waitForText(() => rendered('body'), '*sample-ws-01* Disk / is 96% full (owner provider)');
    await expect(page.locator('#template-payload').textContent()).resolves.not.toContain('journey-secret-77');

    // A misspelt field is refused with its name and the fields that exist; nothing is rendered.
    await page.fill('#template-part-body', '{{alert.sevrity}} on {{device.hostname}}');
    await page.click('#template-render');
    await page.locator('#template-error').filter({ hasText: 'alert.sevrity' }).waitFor({ timeout: 15_000 });
    const error = await page.locator('#template-error').textContent();
    expect(error).toContain('channel "noc-slack": unknown field "alert.sevrity"; known fields:');
    expect(error).toContain('alert.severity');
    await screenshot(page, 'journey-templates-refused');
    // The error the page logged is the refused preview itself; nothing else.
    watched.errors.splice(0, watched.errors.length, ...watched.errors.filter((e) => !/400 \(Bad Request\)/.test(e)));

    // Fixed, and as a group of three critical alerts.
    await page.fill('#template-part-body', '{{group.count}} × {{alert.rule}} ({{alert.severity}}){{#group.listed}}\n• {{hostname}}{{/group.listed}}');
    await page.selectOption('#template-severity', 'critical');
    await page.fill('#template-count', '3');
    await page.click('#template-render');
    await waitForText(() => rendered('body'), '3 × disk-full (critical)\n• sample-ws-01\n• sample-ws-02\n• sample-ws-03');
    await expect(page.locator('#template-error').textContent()).resolves.toBe('');
    await expectCleanPage(watched, 'ownership page with the template preview');
    await screenshot(page, 'journey-templates-group');

    // The preview changed nothing: the stored config still has the channel's own template.
    const stored = await fetch(`${collector.url}/api/v1/tenants/acme/ownership`, { headers: { authorization: `Bearer ${adminToken}` } }).then((r) => r.json() as Promise<{ text: string }>);
    expect(stored.text).toContain('(owner {{owner.team}})');
  });
});

async function waitForText(read: () => Promise<string | null>, want: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = await read().catch(() => null);
    if (last === want) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(last).toBe(want);
}
