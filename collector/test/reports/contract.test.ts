// The contract document and its diff in plain words, from known configs.
import { describe, expect, it } from 'vitest';
import { contractDocument } from '../../src/contract/contract-document.js';
import { contractDiff } from '../../src/contract/contract-diff.js';
import { contractMarkdown } from '../../src/contract/render-contract.js';
import { checkOwnership } from '../../src/routing/load-ownership.js';

const hook = { name: 'ops', type: 'webhook', url: 'https://h.example/x' };
const classes = [
  { rule: 'backup-stale', category: 'backup', severities: ['warning' as const, 'critical' as const] },
  { rule: 'backup-failed', category: 'backup', severities: ['warning' as const] },
  { rule: 'av-off', category: 'security', severities: ['critical' as const] },
];

function doc(ownership: Record<string, unknown>, version: number) {
  const r = checkOwnership(ownership, 'test');
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return contractDocument({ tenantId: 'acme', tenantName: 'Acme', version, versionAt: null, versionBy: null, config: r.config, classes, at: Date.parse('2026-11-01T00:00:00Z') });
}

const base = {
  teams: { internal: { channels: [hook], hours: { timeZone: 'Europe/Berlin', from: '08:00', to: '17:00' } }, provider: { channels: [hook] } },
  lines: [
    { id: 'srv-backup', match: { category: 'backup', role: 'server' }, owner: 'provider' },
    { match: { category: 'security' }, owner: 'provider', sla: { critical: '30m' } },
  ],
  guardrails: { unmutable: { categories: ['security'] } },
};

describe('contract document', () => {
  it('lists who owns each category, severity and device group, with response times and guardrails', () => {
    const d = doc(base, 1);
    expect(d.matrix).toContainEqual(expect.objectContaining({ category: 'backup', severity: 'critical', group: 'role=server', owner: 'provider', response: '1 h', escalation: 'after 1 h → internal' }));
    expect(d.matrix).toContainEqual(expect.objectContaining({ category: 'security', severity: 'critical', group: 'any other device', owner: 'provider', response: '30 min', escalation: 'after 30 min → internal' }));
    expect(d.teams[0]).toMatchObject({ team: 'internal', hours: 'Mon-Fri 08:00-17:00 Europe/Berlin', channels: ['ops (webhook)'] });
    expect(d.guardrails).toContain('security alerts cannot be muted.');
    const md = contractMarkdown(d);
    expect(md).toContain('# Who owns what: Acme');
    expect(md).toContain('| backup | critical | role=server | provider | 1 h | after 1 h → internal |');
  });

  it('a diff says what changed in plain words', () => {
    const next = structuredClone(base) as typeof base;
    next.lines[0]!.owner = 'both';
    (next.lines[1] as { sla: Record<string, string> }).sla = { critical: '15m' };
    next.teams.internal.hours.to = '18:00';
    expect(contractDiff(doc(base, 1), doc(next, 2))).toEqual([
      'backup alerts (critical, warning) on role=server: provider → both',
      'response time for security alerts (critical) on any other device: 30 min → 15 min',
      'response time for security alerts (critical) on role=server: 30 min → 15 min',
      'Internal IT hours: Mon-Fri 08:00-17:00 Europe/Berlin → Mon-Fri 08:00-18:00 Europe/Berlin',
    ]);
    expect(contractDiff(doc(base, 1), doc(base, 2))).toEqual([]);
  });

  it('names the rule when only some rules of a category change owner', () => {
    const next = structuredClone(base) as { lines: unknown[] };
    next.lines.unshift({ match: { rule: 'backup-stale', role: 'server' }, owner: 'internal' });
    const changes = contractDiff(doc(base, 1), doc(next, 2));
    expect(changes).toEqual([
      'backup alerts (critical) on role=server: provider → internal',
      'backup-stale alerts (warning) on role=server: provider → internal',
    ]);
    expect(doc(next, 2).matrix).toContainEqual(expect.objectContaining({ category: 'backup', severity: 'warning', group: 'role=server', owner: 'backup-stale: internal; backup-failed: provider' }));
  });
});
