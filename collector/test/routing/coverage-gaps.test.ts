// Coverage gaps are found before they happen: no channel, or nobody who can act.
import { describe, expect, it } from 'vitest';
import { checkOwnership } from '../../src/routing/load-ownership.js';
import { coverageGaps } from '../../src/routing/coverage-gaps.js';
import { markGaps } from '../../src/routing/coverage-gaps.js';
import { classesFromRules, groupsFromConfig, ownershipMatrix } from '../../src/routing/ownership-matrix.js';
import { DEFAULT_RULES_FILE, loadRulePackFile } from '../../src/rules/load-rules.js';

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
      kind: 'nobody-available', from: '2026-12-25T00:00:00.000Z', until: '2026-12-25T12:00:00.000Z', classes: ['disk-full (warning) on any other device'], count: 1, affected: ['disk-full (warning) on any other device'],
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
      hours: 'internal: Mon-Fri 08:00-17:00 Europe/Berlin', escalation: 'after 2 h → provider', muted: false, gaps: [],
    }]);
  });

  it('a line that matches a label by regex names its own device group, routed as a device that label fits', () => {
    const c = config({
      teams: { internal: { channels: [hook] }, provider: { channels: [hook] } },
      lines: [
        { id: 'branches', match: { site: '/^branch-\\d+$/' }, owner: 'internal' },
        { id: 'db', match: { tags: '/^db-/', role: 'server' }, owner: 'both' },
        { match: { site: '!/^lab/' }, owner: 'provider' },
      ],
    });
    const groups = groupsFromConfig(c);
    expect(groups).toEqual([
      { name: 'site=/^branch-\\d+$/', site: 'branch-0', role: null, os: null, tags: [] },
      { name: 'role=server, tags=/^db-/', site: null, role: 'server', os: null, tags: ['db-'] },
      { name: 'any other device', site: null, role: null, os: null, tags: [] },
    ]);
    const rows = ownershipMatrix(c, classes, groups, Date.parse('2026-11-18T00:00:00Z'));
    expect(rows.map((r) => `${r.group}: ${r.owner} (line ${r.line})`)).toEqual([
      'site=/^branch-\\d+$/: internal (line 1)', 'role=server, tags=/^db-/: both (line 2)', 'any other device: provider (line 3)',
    ]);
  });

  it('every row of a gap is flagged, not only the examples the gap text lists', () => {
    const c = config({ teams: { internal: { channels: [hook] }, provider: {} }, lines: [{ match: { site: '/^branch-/' }, owner: 'internal' }] });
    const pack = classesFromRules(loadRulePackFile(DEFAULT_RULES_FILE).pack.rules);
    const groups = groupsFromConfig(c);
    const at = Date.parse('2026-11-18T00:00:00Z');
    const gaps = coverageGaps(c, pack, groups, at, 2);
    expect(gaps).toHaveLength(1);
    const rows = markGaps(ownershipMatrix(c, pack, groups, at), gaps);
    const flagged = rows.filter((r) => r.gaps.includes('no-channel'));
    // The provider (default owner, no channel) gets every class on devices outside the branches.
    expect(gaps[0]!.count).toBe(flagged.length);
    expect(gaps[0]!.classes).toHaveLength(5);
    expect(flagged.length).toBeGreaterThan(5);
    expect(flagged.every((r) => r.owner === 'provider' && r.group === 'any other device')).toBe(true);
    expect(gaps[0]!.message).toBe(`${flagged.length} alert classes would reach no notification channel at any time (provider has no channel)`);
  });
});
