// Journey: an alert past its response time escalates; the provider applies a
// new ownership config version (as an admin scripts it, `ownership apply`);
// the alert stays escalated, and its routing trace page says why. Real
// collector and agent processes, a real browser; screenshots in test-artifacts/.
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
const NOC = { email: 'noc@provider.example', password: 'noc-desk-password-1' };
// Security is the provider's, answered within a minute; unanswered, it escalates to internal IT.
const ownership = (note: string) => `# Acme and the NOC (${note})
teams:
  internal: { name: Acme IT }
  provider: { name: NOC }
lines:
  - id: security
    match: { category: security }
    owner: provider
    sla: { critical: 1m }
guardrails: { lockedLines: [security] }
escalation: { to: other, repeatEvery: 30m, maxReminders: 1 }
`;

let collector: RunningCollector;
let adminToken: string;
let home: AgentHome;
let agent: Proc | null = null;
let browser: Browser;
let dir: string;

async function api(path: string): Promise<any> {
  const res = await fetch(`${collector.url}${path}`, { headers: { authorization: `Bearer ${adminToken}` } });
  return res.json();
}

beforeAll(async () => {
  collector = await startCollector('routing: { escalationCheckSeconds: 1 }\nrules: { evaluateEverySeconds: 1 }\n');
  await collector.cli(['tenant', 'create', '--id', 'acme', '--name', 'Acme Corp']);
  adminToken = (await collector.cli(['token', 'create', '--name', 'journey admin'])).stdout.trim();
  const user = await fetch(`${collector.url}/api/v1/users`, {
    method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...NOC, name: 'NOC desk', role: 'provider-noc', allTenants: true }),
  });
  expect(user.status).toBe(201);
  dir = tempDir('journey-escalation');
  writeFileSync(join(dir, 'ownership.yaml'), ownership('version 1'));
  const applied = await collector.cli(['ownership', 'apply', '--tenant', 'acme', '--file', join(dir, 'ownership.yaml'), '--token', adminToken]);
  expect(applied.stdout.trim()).toBe('ownership of acme is now version 1');
  const backups = join(dir, 'backups');
  mkdirSync(backups);
  writeFileSync(join(backups, 'nightly.zip'), 'backup');
  utimesSync(join(backups, 'nightly.zip'), new Date(), new Date());
  const schedules = `schedules: { inventory: "${EVERY_2S}", patch: "${EVERY_2S}", disk: "${EVERY_2S}", backup: "${EVERY_2S}", security: "${EVERY_2S}" }`;
  home = await enrollAgent(collector, 'acme', `${schedules}\nbackoff: { baseMs: 100, capMs: 1000 }\nbackup: { providers: [{ type: file-freshness, name: nightly, path: ${backups} }] }\n`);
  // Real-time antivirus off: a critical security alert, the provider's.
  agent = startWindowsAgent(home, { ...windowsPrograms({ realTime: false }), ...dfPrograms([{ device: '/dev/sda1', fsType: 'ext4', mount: '/', sizeGb: 95, usedPercent: 40 }]) });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await agent?.stop('SIGKILL');
  await collector?.proc.stop();
}, 60_000);

describe('an escalated alert and a new ownership config version', { timeout: 300_000 }, () => {
  it('stays escalated after the new version is applied, and the trace page says why', async () => {
    const alert = await waitUntil(async () => {
      const r = await api(`/api/v1/alerts?device=${home.deviceId}&rule=antivirus-off&state=firing`);
      return r.alerts?.[0] as { id: string } | undefined;
    }, 60_000, 'the antivirus alert fires');
    // Unacknowledged past its one-minute response time: escalated to internal IT as well.
    const escalated = await waitUntil(async () => {
      const r = await api(`/api/v1/alerts/${alert.id}/routing`);
      return r.escalatedAt ? r : undefined;
    }, 150_000, 'the alert escalates');
    expect(escalated.owner).toBe('both');

    const noc = await openPage(browser);
    const { page } = noc;
    await signInWithPassword(page, collector.url, NOC.email, NOC.password, `#/alerts/${alert.id}/routing`);
    await page.locator('#trace li').first().waitFor({ timeout: 15_000 });
    await expect(page.locator('#trace-owner').textContent()).resolves.toBe('both');
    await expect(page.locator('#trace').textContent()).resolves.toContain('escalated to internal');
    await expectCleanPage(noc, 'trace page after the escalation');
    await screenshot(page, 'journey-escalation-escalated');

    // The provider applies a new version (the same rules, a new note): the alert must not fall back to the provider alone.
    writeFileSync(join(dir, 'ownership.yaml'), ownership('version 2, renewed'));
    const applied = await collector.cli(['ownership', 'apply', '--tenant', 'acme', '--file', join(dir, 'ownership.yaml'), '--token', adminToken]);
    expect(applied.stdout.trim()).toBe('ownership of acme is now version 2');
    const after = await waitUntil(async () => {
      const r = await api(`/api/v1/alerts/${alert.id}/routing`);
      return r.configVersion === 2 ? r : undefined;
    }, 30_000, 'the alert re-evaluated under version 2');
    expect(after).toMatchObject({ owner: 'both', escalatedAt: escalated.escalatedAt });

    await page.reload();
    await page.locator('#trace li').first().waitFor({ timeout: 15_000 });
    await expect(page.locator('#trace-owner').textContent()).resolves.toBe('both');
    await expect(page.locator('#trace').textContent()).resolves.toContain('config changed: stays escalated');
    await expectCleanPage(noc, 'trace page after the new version');
    await screenshot(page, 'journey-escalation-after-new-version');
  });
});
