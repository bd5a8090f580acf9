// The route tester as people run it: a real process on a config file.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

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

describe('routes test', () => {
  it('prints owner, SLA and trace as exact JSON', async () => {
    const r = await cli('routes', 'test', '--config', FIXTURE, '--tenant', 'acme', '--json', 'category=security', 'severity=critical', 'rule=firewall-off', 'site=lab', 'at=2026-11-18T15:00:00Z');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      owner: 'provider',
      slaMinutes: 15,
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
      owner: 'provider',
      slaMinutes: 240,
      trace: [
        'line 2 (lab-not-backup): site=lab, category!=backup → internal',
        'SLA 4 h for warning (default)',
        'internal away until 2026-12-05 (vacation) → provider covers',
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
    const r = await cli('routes', 'test', '--config', FIXTURE, 'colour=red');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"colour=red": expected key=value');
  });
});

describe('routes matrix and gaps', () => {
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
