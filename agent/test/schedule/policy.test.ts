import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy, policySchedules, savePolicy, tooFrequent } from '../../src/schedule/policy.js';

describe('schedules pushed by a collector', () => {
  it('are taken when no topic runs more often than once a minute', () => {
    expect(policySchedules({ schedules: { disk: '* * * * *', patch: '30 41 */4 * * *', security: '*/15 * * * *' } })).toEqual({
      ok: true, schedules: { disk: '* * * * *', patch: '30 41 */4 * * *', security: '*/15 * * * *' },
    });
  });

  it('are refused as a whole when any runs every second (or several times a minute)', () => {
    const every = policySchedules({ schedules: { inventory: '* * * * * *', disk: '*/5 * * * * *', backup: '0,30 * * * * *', patch: '0 * * * *' } });
    expect(every).toEqual({
      ok: false,
      problems: [
        'schedules.inventory: seconds field "*" fires more than once a minute; a pushed schedule may run a topic at most once a minute',
        'schedules.disk: seconds field "*/5" fires more than once a minute; a pushed schedule may run a topic at most once a minute',
        'schedules.backup: seconds field "0,30" fires more than once a minute; a pushed schedule may run a topic at most once a minute',
      ],
    });
  });

  it('are refused for unknown topics, non-cron text and absurd lengths', () => {
    const r = policySchedules({ schedules: { shell: '* * * * *', disk: 'rm -rf /', patch: `${'1,'.repeat(60)}1 * * * *` } });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual([
      'schedules.shell: unknown topic',
      'schedules.disk: "rm -rf /" is not a cron expression',
      'schedules.patch: expected a cron expression of at most 100 characters',
    ]);
  });

  it('tooFrequent reads only six-field expressions as having seconds', () => {
    expect(tooFrequent('*/5 * * * *')).toBeNull();
    expect(tooFrequent('7 */5 * * * *')).toBeNull();
    expect(tooFrequent('* */5 * * * *')).not.toBeNull();
  });

  it('a stored every-second schedule (saved before these checks) is refused when loaded', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    writeFileSync(join(dir, 'policy.json'), JSON.stringify({ disk: '* * * * * *' }));
    expect(loadPolicy(dir)).toMatchObject({ ok: false, problems: [expect.stringContaining('schedules.disk: seconds field "*"')] });
    savePolicy(dir, { disk: '*/5 * * * *' });
    expect(loadPolicy(dir)).toEqual({ ok: true, schedules: { disk: '*/5 * * * *' } });
    expect(loadPolicy(mkdtempSync(join(tmpdir(), 'policy-')))).toBeNull();
  });
});
