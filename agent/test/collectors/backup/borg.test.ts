import { describe, expect, it } from 'vitest';
import { borgProvider, shlexQuote } from '../../../src/collectors/backup/borg.js';
import { fakeContext, fakeRun, fsRoot } from './fake-context.js';
import type { RunCall } from './fake-context.js';

const LIST = JSON.stringify({
  archives: [
    { name: 'etc-2026-11-27', start: '2026-11-27T02:00:00.000000', time: '2026-11-27T02:00:00.000000', id: 'a1' },
    { name: 'home-2026-11-28', start: '2026-11-28T02:00:00.000000', time: '2026-11-28T02:00:00.000000', id: 'b2' },
    { name: 'etc-2026-11-26', start: '2026-11-26T02:00:00.000000', time: '2026-11-26T02:00:00.000000', id: 'c3' },
  ],
  repository: { location: '/srv/borg' },
});

describe('borgProvider', () => {
  it('gives borg the passphrase as a passcommand it runs itself, and filters by prefix', async () => {
    const calls: RunCall[] = [];
    const ctx = fakeContext(fakeRun({ 'borg list': { stdout: LIST } }, calls), fsRoot({}));
    ctx.timeZone = 'Europe/Berlin';
    ctx.env = { PATH: '/usr/bin', BORG_PASSPHRASE: 'from-service-env' };
    const jobs = await borgProvider({ type: 'borg', name: 'etc', repository: 'ssh://backup@nas:22/./web01', passphraseFile: '/etc/tandem/borg pass', prefix: 'etc-' }, ctx);
    expect(calls[0]?.args).toEqual(['list', '--json', 'ssh://backup@nas:22/./web01']);
    expect(calls[0]?.env?.BORG_PASSCOMMAND).toBe("cat '/etc/tandem/borg pass'");
    expect(calls[0]?.env?.BORG_PASSPHRASE).toBeUndefined();
    expect(calls[0]?.env?.BORG_RELOCATED_REPO_ACCESS_IS_OK).toBe('no');
    expect(jobs).toEqual([{
      provider: 'borg', name: 'etc', lastSuccessAt: '2026-11-27T01:00:00.000Z', lastAttemptAt: null,
      lastResult: 'success', detail: '2 archives with prefix "etc-", newest etc-2026-11-27',
    }]);
  });

  it('quotes like Python shlex expects', () => {
    expect(shlexQuote('/etc/borg.pass')).toBe('/etc/borg.pass');
    expect(shlexQuote("/etc/it's here")).toBe(`'/etc/it'"'"'s here'`);
  });

  it('is unknown when no archive has the prefix', async () => {
    const [job] = await borgProvider({ type: 'borg', repository: '/srv/borg', prefix: 'db-' }, fakeContext(fakeRun({ 'borg list': { stdout: LIST } }), fsRoot({})));
    expect(job).toMatchObject({ lastResult: 'unknown', detail: 'repository has no archives with prefix "db-"' });
  });

  it('is unknown with borg\'s reason on exit 2', async () => {
    const ctx = fakeContext(fakeRun({ 'borg list': { stderr: 'Repository /srv/borg does not exist.\n', exitCode: 2 } }), fsRoot({}));
    const [job] = await borgProvider({ type: 'borg', repository: '/srv/borg' }, ctx);
    expect(job).toMatchObject({ name: 'borg', lastResult: 'unknown', detail: 'borg list failed (exit 2): repository does not exist' });
  });
});
