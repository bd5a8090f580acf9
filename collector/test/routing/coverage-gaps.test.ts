// Coverage gaps are found before they happen: no channel, or nobody who can act.
import { describe, expect, it } from 'vitest';
import { checkOwnership } from '../../src/routing/load-ownership.js';
import { coverageGaps } from '../../src/routing/coverage-gaps.js';
import { ownershipMatrix } from '../../src/routing/ownership-matrix.js';

const classes = [{ rule: 'disk-full', category: 'disk', severities: ['warning' as const] }];
const groups = [{ name: 'any other device', site: null, role: null, os: null, tags: [] }];
const hook = { name: 'h', type: 'webhook', url: 'https://h.example/x' };

function config(doc: Record<string, unknown>) {
  const r = checkOwnership(doc, 'test');
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.config;
}

describe('coverage gaps', () => {
  it('a team without a channel', () => {
    const c = config({ teams: { internal: { channels: [hook] }, provider: {} }, lines: [] });
    const gaps = coverageGaps(c, classes, groups, Date.parse('2026-11-18T00:00:00Z'), 2);
    expect(gaps.map((g) => g.kind)).toEqual(['no-channel']);
    expect(gaps[0]!.message).toBe('1 alert class would reach no notification channel at any time (provider has no channel)');
  });

  it('both teams away', () => {
    const c = config({
      teams: {
        internal: { channels: [hook], away: [{ from: '2026-12-24', until: '2026-12-26', reason: 'closed' }] },
        provider: { channels: [hook], away: [{ from: '2026-12-25T00:00:00Z', until: '2026-12-25T12:00:00Z', reason: 'NOC move' }] },
      },
      defaults: { owner: 'internal' },
    });
    const gaps = coverageGaps(c, classes, groups, Date.parse('2026-12-20T00:00:00Z'), 10);
    expect(gaps).toEqual([{
      kind: 'nobody-available', from: '2026-12-25T00:00:00.000Z', until: '2026-12-25T12:00:00.000Z', classes: ['disk-full (warning) on any other device'], count: 1,
      message: '2026-12-25T00:00:00.000Z – 2026-12-25T12:00:00.000Z: nobody who would get 1 alert class can act (internal away until 2026-12-26 (closed); provider away until 2026-12-25T12:00:00Z (NOC move))',
    }]);
  });

  it('the matrix names owner, hours, SLA and escalation', () => {
    const c = config({
      teams: { internal: { channels: [hook], hours: { timeZone: 'Europe/Berlin', from: '08:00', to: '17:00' } }, provider: { channels: [hook] } },
      lines: [{ match: { category: 'disk' }, owner: 'internal', sla: { warning: '2h' } }],
    });
    expect(ownershipMatrix(c, classes, groups, Date.parse('2026-11-18T00:00:00Z'))).toEqual([{
      category: 'disk', rule: 'disk-full', severity: 'warning', group: 'any other device', owner: 'internal', line: 1, slaMinutes: 120,
      hours: 'internal: Mon-Fri 08:00-17:00 Europe/Berlin', escalation: 'after 2 h → provider', muted: false,
    }]);
  });
});
