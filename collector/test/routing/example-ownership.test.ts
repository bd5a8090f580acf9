// The example shipped for operators must stay valid, and mean what its comments say.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseOwnership } from '../../src/routing/load-ownership.js';
import { decideRoute } from '../../src/routing/decide-route.js';
import { coverageGaps } from '../../src/routing/coverage-gaps.js';
import { classesFromRules, groupsFromConfig } from '../../src/routing/ownership-matrix.js';
import { DEFAULT_RULES_FILE, loadRulePackFile } from '../../src/rules/load-rules.js';

const FILE = fileURLToPath(new URL('../../../deploy/examples/ownership.yaml', import.meta.url));

describe('deploy/examples/ownership.yaml', () => {
  const parsed = parseOwnership(readFileSync(FILE, 'utf8'), FILE);
  it('validates', () => {
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
  });

  it('sends lab disk alerts to the provider while the only admin is on vacation', () => {
    if (!parsed.ok) throw new Error('invalid');
    const d = decideRoute({ config: parsed.config, subject: { category: 'disk', rule: 'disk-full', severity: 'warning', site: 'lab', tags: [], os: 'linux', role: 'workstation' }, at: Date.parse('2026-12-02T10:00:00Z') });
    expect(d.owner).toBe('provider');
    expect(d.trace).toContain('internal away until 2026-12-05 (only admin on vacation) (Wed 11:00 CET, Europe/Berlin) → provider covers');
  });

  it('has no coverage gaps', () => {
    if (!parsed.ok) throw new Error('invalid');
    const { config } = parsed;
    expect(coverageGaps(config, classesFromRules(loadRulePackFile(DEFAULT_RULES_FILE).pack.rules), groupsFromConfig(config), Date.parse('2026-11-28T00:00:00Z'), 14)).toEqual([]);
  });
});
