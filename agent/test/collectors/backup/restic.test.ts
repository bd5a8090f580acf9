import { describe, expect, it } from 'vitest';
import { resticProvider } from '../../../src/collectors/backup/restic.js';
import { fakeContext, fakeRun, fsRoot } from './fake-context.js';
import type { RunCall } from './fake-context.js';

const SNAPSHOTS = JSON.stringify([
  { time: '2026-11-27T02:00:03.000981223+01:00', paths: ['/srv'], hostname: 'web01', tags: ['nightly'], id: `b7e9f001${'0'.repeat(56)}`, short_id: 'b7e9f001' },
]);

describe('resticProvider', () => {
  it('passes the password file through the environment, never the command line', async () => {
    const calls: RunCall[] = [];
    const ctx = fakeContext(fakeRun({ 'restic snapshots': { stdout: SNAPSHOTS } }, calls), fsRoot({}));
    ctx.env = { PATH: '/usr/bin', RESTIC_PASSWORD: 'leaked-from-service-env' };
    const jobs = await resticProvider({
      type: 'restic', name: 'offsite', repository: 's3:s3.eu-central-1.amazonaws.com/acme-backup/web01',
      passwordFile: '/etc/tandem/restic.pass', host: 'web01', tags: ['nightly', 'srv'],
    }, ctx);
    expect(calls[0]?.args).toEqual([
      'snapshots', '--json', '--no-lock', '--repo', 's3:s3.eu-central-1.amazonaws.com/acme-backup/web01', '--host', 'web01', '--tag', 'nightly,srv',
    ]);
    expect(calls[0]?.env?.RESTIC_PASSWORD_FILE).toBe('/etc/tandem/restic.pass');
    expect(calls[0]?.env?.RESTIC_PASSWORD).toBeUndefined();
    expect(calls[0]?.env?.PATH).toBe('/usr/bin');
    expect(JSON.stringify(calls[0]?.args)).not.toContain('restic.pass');
    expect(jobs).toEqual([{
      provider: 'restic', name: 'offsite', lastSuccessAt: '2026-11-27T01:00:03.000Z', lastAttemptAt: null,
      lastResult: 'success', detail: '1 snapshot, newest b7e9f001 (host web01, paths /srv)',
    }]);
  });

  it('is unknown with the reason on a wrong password', async () => {
    const ctx = fakeContext(fakeRun({ 'restic snapshots': { stderr: 'Fatal: wrong password or no key found\n', exitCode: 12 } }), fsRoot({}));
    const [job] = await resticProvider({ type: 'restic', repository: '/srv/restic' }, ctx);
    expect(job).toMatchObject({ name: 'restic', lastResult: 'unknown', detail: 'restic snapshots failed (exit 12): wrong password (Fatal: wrong password or no key found)' });
  });

  it('is unknown when restic is not installed', async () => {
    const [job] = await resticProvider({ type: 'restic', repository: '/srv/restic' }, fakeContext(fakeRun({}), fsRoot({})));
    expect(job).toMatchObject({ lastResult: 'unknown', detail: 'restic is not installed' });
  });
});
