// The route tester as people run it: a real process on a config file.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEFAULT_RULES_FILE } from '../../src/rules/load-rules.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/ownership.yaml', import.meta.url));
const BROKEN = fileURLToPath(new URL('./fixtures/broken-ownership.yaml', import.meta.url));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('routes test', { timeout: 60_000 }, () => {
  it('prints owner, SLA and trace as exact JSON', async () => {
    const r = await cli('routes', 'test', '--config', FIXTURE, '--tenant', 'acme', '--json', 'category=security', 'severity=critical', 'rule=firewall-off', 'site=lab', 'at=2026-11-18T15:00:00Z');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      tenant: 'acme', at: '2026-11-18T15:00:00.000Z', owner: 'provider', lineOwner: 'provider', line: 1, lineId: 'security', coverage: [],
      slaMinutes: 15, escalation: { to: 'internal', afterMinutes: 15, at: '2026-11-18T15:15:00.000Z' }, channels: ['provider/noc-hook'], muted: false,
      trace: [
        'line 1 (security): category=security → provider',
        'SLA 15 min for critical',
        'unacknowledged after 15 min → escalates to internal, reminders every 30 min (at most 2)',
      ],
    });
  });

  it('shows coverage when internal IT is away', async () => {
    const r = await cli('routes', 'test', '--config', FIXTURE, '--tenant', 'acme', '--json', 'category=disk', 'site=lab', 'tags=a,b', 'role=server', 'os=linux', 'at=2026-12-02T15:00:00Z');
    expect(JSON.parse(r.stdout)).toEqual({
      tenant: 'acme', at: '2026-12-02T15:00:00.000Z', owner: 'provider', lineOwner: 'internal', line: 2, lineId: 'lab-not-backup',
      coverage: ['internal away until 2026-12-05 (vacation) (Wed 10:00 EST, America/New_York) → provider covers'],
      slaMinutes: 240, escalation: { to: 'internal', afterMinutes: 240, at: '2026-12-02T19:00:00.000Z' }, channels: ['provider/noc-hook'], muted: false,
      trace: [
        'line 2 (lab-not-backup): site=lab, category!=backup → internal',
        'SLA 4 h for warning (default)',
        'internal away until 2026-12-05 (vacation) (Wed 10:00 EST, America/New_York) → provider covers',
        'unacknowledged after 4 h → escalates to internal, reminders every 30 min (at most 2)',
      ],
    });
  });

  it('prints a readable answer without --json', async () => {
    const r = await cli('routes', 'test', '--config', FIXTURE, '--tenant', 'acme', 'rule=backup-failed', 'role=laptop', 'at=2026-11-18T15:00:00Z');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('owner:      internal');
    expect(r.stdout).toContain('line 4 (workstations): role in [workstation, laptop], os!=/^darwin$/ → internal');
  });

  it('refuses a broken config naming the file and the key', async () => {
    const r = await cli('routes', 'test', '--config', BROKEN, '--tenant', 'acme', 'category=disk');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`invalid ownership config ${BROKEN}`);
    expect(r.stderr).toContain(`${BROKEN}: lines[2].match.severity: expected one of info, warning, critical`);
  });

  it('refuses an unknown key with a usage error', async () => {
    const r = await cli('routes', 'test', '--config', FIXTURE, '--tenant', 'acme', 'colour=red');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"colour=red": expected key=value');
  });
});

describe('routes test names its tenant and reads the configured pack', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-routes-cli-'));
  const rules = join(dir, 'rules.yaml');
  // collector.yaml's rules.file: the default pack plus a rule of this site's own.
  const pack = parse(readFileSync(DEFAULT_RULES_FILE, 'utf8')) as { rules: unknown[] };
  pack.rules.push({ id: 'ups-on-battery', category: 'availability', severity: 'critical', summary: 'UPS on battery', when: 'inventory.os == on-battery' });
  writeFileSync(rules, stringify(pack));
  const regexLines = join(dir, 'branches.yaml');
  writeFileSync(regexLines, 'teams: { internal: { channels: [{ name: it, type: webhook, url: "https://it.example/h" }] }, provider: {} }\nlines:\n  - { id: branches, match: { site: "/^branch-/" }, owner: internal }\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('routes test without --tenant, or with an id no tenant can have, is a usage error', async () => {
    const none = await cli('routes', 'test', '--config', FIXTURE, 'category=disk');
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toContain('routes test: needs --tenant <id>');
    const bad = await cli('routes', 'test', '--config', FIXTURE, '--tenant', 'acme corp', 'category=disk');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--tenant: "acme corp" is not a tenant id');
  });

  it('a rule only the configured pack has is known by its category with --rules, and unknown without', async () => {
    const r = await cli('routes', 'test', '--config', FIXTURE, '--tenant', 'acme', '--rules', rules, '--json', 'rule=ups-on-battery', 'at=2026-11-18T15:00:00Z');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ owner: 'provider', line: null, lineId: null });
    const without = await cli('routes', 'test', '--config', FIXTURE, '--tenant', 'acme', 'rule=ups-on-battery');
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('the pack has no rule ups-on-battery');
    const matrix = JSON.parse((await cli('routes', 'matrix', '--config', FIXTURE, '--rules', rules, '--json')).stdout) as Array<{ rule: string }>;
    expect(matrix.some((row) => row.rule === 'ups-on-battery')).toBe(true);
  });

  it('a line matching a site by regex shows in the matrix and is checked for gaps', async () => {
    const rows = JSON.parse((await cli('routes', 'matrix', '--config', regexLines, '--json', 'at=2026-11-18T15:00:00Z')).stdout) as Array<{ rule: string; severity: string; group: string; owner: string; line: number | null; gaps: string[] }>;
    expect(rows).toContainEqual(expect.objectContaining({ rule: 'disk-full', severity: 'warning', group: 'site=/^branch-/', owner: 'internal', line: 1, gaps: [] }));
    expect(rows).toContainEqual(expect.objectContaining({ rule: 'disk-full', severity: 'warning', group: 'any other device', owner: 'provider', line: null, gaps: ['no-channel'] }));
    const gaps = JSON.parse((await cli('routes', 'gaps', '--config', regexLines, '--json', 'at=2026-11-18T15:00:00Z', 'days=1')).stdout) as Array<{ count: number }>;
    expect(gaps[0]!.count).toBe(rows.filter((row) => row.gaps.length > 0).length);
  });
});

describe('routes matrix and gaps', { timeout: 60_000 }, () => {
  it('prints the matrix', async () => {
    const r = await cli('routes', 'matrix', '--config', FIXTURE, '--json', 'at=2026-11-18T15:00:00Z');
    const rows = JSON.parse(r.stdout) as Array<{ rule: string; severity: string; group: string; owner: string; slaMinutes: number }>;
    expect(rows).toContainEqual(expect.objectContaining({ rule: 'firewall-off', severity: 'critical', group: 'site=lab', owner: 'provider', slaMinutes: 15 }));
    expect(rows).toContainEqual(expect.objectContaining({ rule: 'disk-full', severity: 'warning', group: 'site=lab', owner: 'internal' }));
    const text = await cli('routes', 'matrix', '--config', FIXTURE);
    expect(text.stdout.split('\n')[0]).toMatch(/^category\s+rule\s+severity\s+device group\s+owner/);
  });

  it('reports gaps ahead of time', async () => {
    const r = await cli('routes', 'gaps', '--config', FIXTURE, '--json', 'at=2026-11-18T15:00:00Z', 'days=7');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });
});
