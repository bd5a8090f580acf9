import { describe, expect, it } from 'vitest';
import { veeamProvider } from '../../../src/collectors/backup/veeam.js';
import { fakeContext, fakeRun, fsRoot } from './fake-context.js';
import type { RunCall } from './fake-context.js';

const SESSIONS = `Job name              Type      ID                                      State    Started at        Finished at
SystemBackup          Backup    {7a1e9c33-2b4d-4f6a-8c1e-5d2b9f0e7a12}  Success  2026-11-26 22:00  2026-11-26 22:47
SystemBackup          Backup    {0f6c2d11-6a2b-4e5d-9b7e-2c8f0a1d3e41}  Failed   2026-11-27 22:00  2026-11-27 22:04
HomeBackup            Backup    {1b2c3d4e-5f60-4718-9a0b-c1d2e3f40516}  Success  2026-11-27 23:00  2026-11-27 23:20
Total amount: 3
`;

describe('veeamProvider', () => {
  it('reads the configured job from veeamconfig session list on Linux', async () => {
    const jobs = await veeamProvider({ type: 'veeam', job: 'SystemBackup' }, fakeContext(fakeRun({ 'veeamconfig session list': { stdout: SESSIONS } }), fsRoot({})));
    expect(jobs).toEqual([{
      provider: 'veeam', name: 'SystemBackup', lastSuccessAt: '2026-11-26T22:00:00.000Z', lastAttemptAt: '2026-11-27T22:00:00.000Z',
      lastResult: 'failed', detail: 'last session Failed, started 2026-11-27T22:00:00.000Z, finished 2026-11-27T22:04:00.000Z',
    }]);
  });

  it('reports every job when none is configured', async () => {
    const jobs = await veeamProvider({ type: 'veeam' }, fakeContext(fakeRun({ 'veeamconfig session list': { stdout: SESSIONS } }), fsRoot({})));
    expect(jobs.map((j) => [j.name, j.lastResult])).toEqual([['SystemBackup', 'failed'], ['HomeBackup', 'success']]);
  });

  it('hands Windows to the Windows reader without running veeamconfig', async () => {
    const calls: RunCall[] = [];
    await veeamProvider({ type: 'veeam' }, fakeContext(fakeRun({}, calls), fsRoot({}), undefined, 'win32'));
    expect(calls.map((c) => c.command)).not.toContain('veeamconfig');
  });

  it('is unknown when veeamconfig is missing', async () => {
    const [job] = await veeamProvider({ type: 'veeam' }, fakeContext(fakeRun({}), fsRoot({})));
    expect(job).toMatchObject({ lastResult: 'unknown', detail: 'veeamconfig is not installed' });
  });
});
