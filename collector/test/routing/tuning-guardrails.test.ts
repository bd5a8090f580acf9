// Guardrails judge what a tuning change can actually reach: the rule pack
// says which category and severities each rule raises, and regexes and
// negations narrow a match as much as plain values do.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseOwnership } from '../../src/routing/load-ownership.js';
import { alertKinds, couldOverlap } from '../../src/routing/match-line.js';
import { applyTuning, guardrailViolation } from '../../src/routing/tuning.js';
import type { TuningRequest } from '../../src/routing/tuning.js';
import { compileMatch } from '../../src/routing/load-ownership.js';
import { DEFAULT_RULES_FILE, loadRulePackFile } from '../../src/rules/load-rules.js';

const text = readFileSync(fileURLToPath(new URL('./fixtures/ownership.yaml', import.meta.url)), 'utf8');
const loaded = parseOwnership(text, 'ownership.yaml');
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const { config, document } = loaded;
const rules = loadRulePackFile(DEFAULT_RULES_FILE).pack.rules;
const kinds = alertKinds(rules);
const at = Date.parse('2026-11-18T15:00:00Z');
const until = '2026-11-20T00:00:00Z';
const m = (raw: Record<string, string | string[]>) => compileMatch(raw, [], []);

describe('a handoff or keep is refused only where it can reach a locked line', () => {
  it.each<[string, TuningRequest, string | null]>([
    ['handoff of a backup rule for workstations cannot raise a security alert', { action: 'handoff', match: { rule: 'backup-stale', role: 'workstation' }, reason: 'theirs' }, null],
    ['handoff of backup rules by regex', { action: 'handoff', match: { rule: '/^backup-/' }, reason: 'theirs' }, null],
    ['keep of everything but security, by negation', { action: 'keep', match: { category: '!security', site: 'hq' }, reason: 'ours' }, null],
    ['keep of a regex that reaches a security rule', { action: 'keep', match: { rule: '/-off$/' }, reason: 'ours' }, 'lockedLines: security'],
    ['handoff of a security rule', { action: 'handoff', match: { rule: 'firewall-off' }, reason: 'theirs' }, 'lockedLines: security'],
    ['keep of a whole site still reaches security alerts', { action: 'keep', match: { site: 'hq' }, reason: 'ours' }, 'lockedLines: security'],
    ['keep of critical alerts only: security rules raise critical', { action: 'keep', match: { severity: 'critical' }, reason: 'ours' }, 'lockedLines: security'],
  ])('%s', (_name, request, guardrail) => {
    expect(guardrailViolation(config, request, kinds)?.guardrail ?? null).toBe(guardrail);
    const r = applyTuning({ document, config, request, id: 'tun_1', by: 'acme it', at, rules });
    if (guardrail) expect(r).toMatchObject({ ok: false, kind: 'guardrail', guardrail });
    else expect(r.ok).toBe(true);
  });

  it('without the pack, a rule-only match stays conservative', () => {
    expect(guardrailViolation(config, { action: 'handoff', match: { rule: 'backup-stale' }, reason: 'x' })?.guardrail).toBe('lockedLines: security');
  });
});

describe('device labels overlap only where one device could carry both', () => {
  it.each<[string, Record<string, string | string[]>, Record<string, string | string[]>, boolean]>([
    ['a plain site against a regex that excludes it', { site: 'hq' }, { site: '/^branch-/' }, false],
    ['a plain site against a regex that takes it', { site: 'branch-7' }, { site: '/^branch-/' }, true],
    ['a plain site against a negated regex', { site: 'branch-7' }, { site: '!/^branch-/' }, false],
    ['two regexes cannot be told apart', { site: '/^a/' }, { site: '/^b/' }, true],
    ['a required tag the other excludes', { tags: 'db' }, { tags: '!db' }, false],
    ['different required tags can both be on one device', { tags: 'db' }, { tags: 'web' }, true],
  ])('%s', (_name, a, b, overlap) => {
    expect(couldOverlap(m(a), m(b), kinds)).toBe(overlap);
    expect(couldOverlap(m(b), m(a), kinds)).toBe(overlap);
  });
});

describe('a mute is judged by what it reaches', () => {
  it('a mute of a backup rule is not blocked by an unmutable security rule or category', () => {
    const c = structuredClone(config);
    c.guardrails.unmutable = { rules: ['firewall-off'], categories: ['security'], severities: [] };
    expect(guardrailViolation(c, { action: 'mute', match: { rule: 'backup-stale' }, reason: 'x', until }, kinds)).toBeNull();
    expect(guardrailViolation(c, { action: 'mute', match: { rule: '/-off$/' }, reason: 'x', until }, kinds)?.guardrail).toBe('unmutable.rules: firewall-off');
  });
});

describe('a threshold change is one rule on a device group', () => {
  const tune = (request: TuningRequest) => applyTuning({ document, config, request, id: 'tun_1', by: 'acme it', at, rules });

  it('a threshold change with the rule inside match (as the tuning form sent it) is taken as the rule', () => {
    const r = tune({ action: 'threshold', match: { rule: 'disk-full', role: 'server' }, params: { warnPercent: 80 }, reason: 'big volumes' });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.entry).toMatchObject({ kind: 'threshold', rule: 'disk-full', match: { role: 'server' }, params: { warnPercent: 80 } });
    expect(r.summary).toBe('set disk-full warnPercent=80 on role=server (big volumes)');
  });

  it('the same rule in rule and match is fine; two different rules are a clear error', () => {
    expect(tune({ action: 'threshold', rule: 'disk-full', match: { rule: 'disk-full' }, params: { warnPercent: 80 }, reason: 'x' }).ok).toBe(true);
    expect(tune({ action: 'threshold', rule: 'disk-full', match: { rule: 'backup-stale' }, params: { warnPercent: 80 }, reason: 'x' })).toEqual({
      ok: false, kind: 'invalid', problems: ['body/match.rule: names backup-stale but body.rule names disk-full; a threshold change applies to one rule, give it once as body.rule'],
    });
    expect(tune({ action: 'threshold', match: { rule: '/^disk/' }, params: { warnPercent: 80 }, reason: 'x' })).toMatchObject({ ok: false, problems: [expect.stringContaining('applies to one rule; give it as body.rule')] });
  });

  it('a category in a threshold match says where the rule goes', () => {
    expect(tune({ action: 'threshold', rule: 'disk-full', match: { category: 'disk' }, params: { warnPercent: 80 }, reason: 'x' })).toMatchObject({
      ok: false, problems: ['body/match.category: a threshold change matches devices only (site, tags, os, role); its rule goes in rule, and it applies at every severity the rule raises'],
    });
  });
});
