// The backup providers and `tandem-agent parse` read every recorded case the
// same way: the provider runs the declared command and gets the same jobs as
// the declared parse (a tool that fails included: the job stays, unknown,
// with the tool's message). Only a configured name would differ; none is set.
import { describe, expect, it } from 'vitest';
import type { BackupJob } from '@tandem/proto';
import type { Source } from '../../../src/collectors/source.js';
import { commandArgv } from '../../../src/collectors/source.js';
import type { CollectContext } from '../../../src/collectors/collector.js';
import { isMissingCommand } from '../../../src/parse/powershell-json.js';
import { resticProvider } from '../../../src/collectors/backup/restic.js';
import { borgProvider } from '../../../src/collectors/backup/borg.js';
import { veeamProvider } from '../../../src/collectors/backup/veeam.js';
import { windowsServerBackupProvider } from '../../../src/collectors/backup/windows-server-backup.js';
import { BORG_LIST, RESTIC_SNAPSHOTS, VEEAMCONFIG_SESSION_LIST } from '../../../src/collectors/backup/sources/any.js';
import { VEEAM_AGENT_EVENTS, WB_SUMMARY, WBADMIN_GET_VERSIONS } from '../../../src/collectors/backup/sources/win32.js';
import { casesOf } from '../../support/recorded-cases.js';
import type { RecordedCase } from '../../support/recorded-cases.js';
import { fakeContext, fakeRun } from './fake-context.js';

const REPO = '/srv/backup/repo';

interface Pairing {
  source: Source<'backup'>;
  platform: CollectContext['platform'];
  read: (ctx: CollectContext) => Promise<BackupJob[]>;
  /** Cases the provider reads with another source instead (a missing cmdlet falls back to wbadmin). */
  skip?: (c: RecordedCase) => boolean;
}

const PAIRINGS: Pairing[] = [
  { source: RESTIC_SNAPSHOTS, platform: 'linux', read: (ctx) => resticProvider({ type: 'restic', repository: REPO }, ctx) },
  { source: BORG_LIST, platform: 'linux', read: (ctx) => borgProvider({ type: 'borg', repository: REPO }, ctx) },
  { source: VEEAMCONFIG_SESSION_LIST, platform: 'linux', read: (ctx) => veeamProvider({ type: 'veeam' }, ctx) },
  { source: VEEAM_AGENT_EVENTS, platform: 'win32', read: (ctx) => veeamProvider({ type: 'veeam' }, ctx) },
  { source: WBADMIN_GET_VERSIONS, platform: 'win32', read: (ctx) => windowsServerBackupProvider({ type: 'windows-server-backup' }, ctx) },
  {
    source: WB_SUMMARY, platform: 'win32', read: (ctx) => windowsServerBackupProvider({ type: 'windows-server-backup' }, ctx),
    skip: (c) => isMissingCommand(c.output),
  },
];

describe('backup providers agree with tandem-agent parse on every recorded case', () => {
  for (const p of PAIRINGS) {
    describe(p.source.name, () => {
      const cases = casesOf(p.source).filter((c) => !p.skip?.(c));
      it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(3));
      for (const c of cases) {
        it(c.name, async () => {
          // Only the declared command answers: anything else the provider runs is "not installed".
          const line = commandArgv(p.source, { repo: REPO }).join(' ');
          const run = fakeRun({ [line]: { stdout: c.output.stdout, stderr: c.output.stderr, exitCode: c.output.exitCode } });
          const ctx = { ...fakeContext(run, '/nonexistent-tandem-root', c.options.now, p.platform), timeZone: c.options.timeZone };
          const fromProvider = await p.read(ctx);
          expect(fromProvider).toEqual(p.source.parse(c.output, c.options).jobs);
        });
      }
    });
  }
});
