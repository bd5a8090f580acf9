import { describe, expect, it } from 'vitest';
import { groupSchedules } from '../../src/schedule/topic-schedule.js';
import { policySchedules } from '../../src/schedule/policy.js';

describe('schedules', () => {
  it('collects topics that share an expression in one report', () => {
    expect(groupSchedules({ inventory: '0 * * * *', patch: '0 */4 * * *', disk: '*/5 * * * *', backup: '*/5 * * * *', security: '*/5 * * * *' })).toEqual([
      { expression: '0 * * * *', topics: ['inventory'] },
      { expression: '0 */4 * * *', topics: ['patch'] },
      { expression: '*/5 * * * *', topics: ['disk', 'backup', 'security'] },
    ]);
  });

  it('validates a pushed policy and names every bad entry', () => {
    expect(policySchedules({ schedules: { disk: '*/1 * * * *' } })).toEqual({ ok: true, schedules: { disk: '*/1 * * * *' } });
    expect(policySchedules({ schedules: { disk: 'soon', printers: '* * * * *' } })).toEqual({
      ok: false,
      problems: ['schedules.disk: "soon" is not a cron expression', 'schedules.printers: unknown topic'],
    });
  });
});
