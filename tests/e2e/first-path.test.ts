// The first real path: a collector process on its embedded store, an agent
// process enrolled against it, this machine's real disks in the API and on
// the page, seen by a real browser.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import si from 'systeminformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_CLI, Proc, runNode, startCollector, tempDir, waitUntil } from '../support/processes.js';
import { launchBrowser, openPage, screenshot, signInWithToken } from '../support/browser.js';
import type { RunningCollector } from '../support/processes.js';

let collector: RunningCollector;
let agent: Proc;
let apiToken: string;

interface DeviceJson {
  id: string;
  hostname: string;
  lastSeenAt: string | null;
  connected: boolean;
  status: { disk: { volumes: Array<{ mount: string; sizeBytes: number; usedPercent: number }> } | null; inventory: { hostname: string; os: string } | null } | null;
}

beforeAll(async () => {
  collector = await startCollector();
  expect((await collector.cli(['tenant', 'create', '--id', 'e2e', '--name', 'E2E Org'])).code).toBe(0);
  const token = await collector.cli(['token', 'create', '--name', 'e2e admin']);
  expect(token.code).toBe(0);
  apiToken = token.stdout.trim();
  const enrollToken = (await collector.cli(['enroll-token', 'create', '--tenant', 'e2e', '--max-uses', '1'])).stdout.trim();

  const agentDir = tempDir('agent');
  mkdirSync(join(agentDir, 'backups'));
  const agentConfig = join(agentDir, 'agent.yaml');
  writeFileSync(agentConfig, `dataDir: data\nbackup: { providers: [{ type: file-freshness, path: ${join(agentDir, 'backups')} }] }\n`);
  const enrolled = await runNode(AGENT_CLI, ['enroll', '--url', collector.url, '--token', enrollToken, '--config', agentConfig]);
  expect(enrolled.stderr).toBe('');
  expect(enrolled.code).toBe(0);
  agent = Proc.start(AGENT_CLI, ['run', '--config', agentConfig]);
});

afterAll(async () => {
  await agent?.stop();
  await collector?.proc.stop();
});

async function devices(): Promise<DeviceJson[]> {
  const res = await fetch(`${collector.url}/api/v1/devices`, { headers: { authorization: `Bearer ${apiToken}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { devices: DeviceJson[] }).devices;
}

describe('collector + agent on this machine', () => {
  it('lists this machine with its real mounts within 30 s', async () => {
    const started = Date.now();
    const [device] = await waitUntil(async () => {
      if (agent.exited) throw new Error(`agent exited: ${agent.output}`);
      const list = await devices();
      return list.length === 1 && list[0]!.status?.disk ? list : null;
    }, 30_000, 'the device and its disks in the API');
    expect(Date.now() - started).toBeLessThan(30_000);

    const realMounts = (await si.fsSize()).filter((f) => f.size > 0 && !/tmpfs|overlay|squashfs/.test(f.type)).map((f) => f.mount);
    const reported = device!.status!.disk!.volumes.map((v) => v.mount);
    expect(reported.length).toBeGreaterThan(0);
    for (const m of reported) expect(realMounts).toContain(m);
    const root = await si.fsSize().then((all) => all.find((f) => f.mount === reported[0]));
    expect(device!.status!.disk!.volumes[0]!.sizeBytes).toBe(root!.size);
    expect(device!.status!.inventory!.os).toBe('linux');
    expect(device!.connected).toBe(true);
    expect(Date.now() - Date.parse(device!.lastSeenAt!)).toBeLessThan(60_000);
  });

  it('shows the device and its volumes on the web page', async () => {
    const [device] = await devices();
    const browser = await launchBrowser();
    try {
      const { page, errors } = await openPage(browser);
      await signInWithToken(page, collector.url, apiToken, '#/devices');
      const row = page.locator(`tr[data-device-id="${device!.id}"]`);
      await row.waitFor({ timeout: 10_000 });
      expect(await row.locator('strong').textContent()).toBe(device!.hostname);
      for (const v of device!.status!.disk!.volumes) {
        await expect(row.locator(`.volume[data-mount="${v.mount}"]`).count()).resolves.toBe(1);
      }
      await expect(row.locator('td[data-topic="online"]').textContent()).resolves.toBe('online');
      await screenshot(page, 'devices-page');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('keeps an agent with a bad token out', async () => {
    const dir = tempDir('agent-bad');
    const cfg = join(dir, 'agent.yaml');
    writeFileSync(cfg, 'dataDir: data\n');
    const r = await runNode(AGENT_CLI, ['enroll', '--url', collector.url, '--token', 'tde_forged', '--config', cfg]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused enrollment \(HTTP 403\): enrollment token is not known/);
  });
});
