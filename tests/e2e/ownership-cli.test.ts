// `tandem-collector ownership diff|apply` against a running collector process.
import { copyFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTOR_CLI, runNode, startCollector, tempDir } from '../support/processes.js';
import type { RunningCollector } from '../support/processes.js';

const EXAMPLE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'deploy', 'examples', 'ownership.yaml');
let collector: RunningCollector;
let token: string;
let file: string;

beforeAll(async () => {
  collector = await startCollector();
  await collector.cli(['tenant', 'create', '--id', 'acme', '--name', 'Acme']);
  token = (await collector.cli(['token', 'create', '--name', 'ownership'])).stdout.trim();
  file = join(tempDir('ownership'), 'ownership.yaml');
  copyFileSync(EXAMPLE, file);
});
afterAll(async () => { await collector?.proc.stop(); });

describe('ownership diff and apply', () => {
  it('shows what would change, applies it as a new version, then reports no difference', async () => {
    const before = await collector.cli(['ownership', 'diff', '--tenant', 'acme', '--file', file, '--token', token]);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('acme (built-in default)');
    expect(before.stdout).toContain('+  - id: security-critical');
    const applied = await collector.cli(['ownership', 'apply', '--tenant', 'acme', '--file', file, '--token', token]);
    expect(applied.stderr).toBe('');
    expect(applied.stdout.trim()).toBe('ownership of acme is now version 1');
    const after = await collector.cli(['ownership', 'diff', '--tenant', 'acme', '--file', file, '--token', token]);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('already matches');
  });

  it('refuses a broken file with every problem and its path, keeping the config in force', async () => {
    const broken = join(tempDir('ownership-bad'), 'broken.yaml');
    writeFileSync(broken, 'teams: { internal: {}, provider: {} }\nlines: [{ match: { severity: urgent }, owner: somebody }]\n');
    const r = await collector.cli(['ownership', 'apply', '--tenant', 'acme', '--file', broken, '--token', token]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('lines[0].match.severity: expected one of info, warning, critical');
    expect(r.stderr).toContain('lines[0].owner: expected one of internal, provider, both');
    const still = await collector.cli(['ownership', 'diff', '--tenant', 'acme', '--file', file, '--token', token]);
    expect(still.code).toBe(0);
  });

  it('without --url or --config it says which is missing; with --url alone it needs no config', async () => {
    const env = { TANDEM_COLLECTOR_CONFIG: '' };
    const none = await runNode(COLLECTOR_CLI, ['ownership', 'diff', '--tenant', 'acme', '--file', file, '--token', token], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe("tandem-collector: ownership diff without --url needs --config <collector.yaml> (or $TANDEM_COLLECTOR_CONFIG): it names the collector's store and address\n");
    const byUrl = await runNode(COLLECTOR_CLI, ['ownership', 'diff', '--tenant', 'acme', '--file', file, '--token', token, '--url', collector.url], env);
    expect(byUrl).toMatchObject({ code: 0, stderr: '' });
    expect(byUrl.stdout).toContain('already matches');
  });
});
