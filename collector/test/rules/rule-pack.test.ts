import { describe, expect, it } from 'vitest';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RULES_FILE, loadRulePackFile, parseRulePack } from '../../src/rules/load-rules.js';
import { CollectorError } from '../../src/errors.js';

function problems(yaml: string): string[] {
  const r = parseRulePack(yaml, 'rules.yaml');
  if (r.ok) throw new Error('expected the pack to be refused');
  return r.problems;
}

describe('rule packs', () => {
  it('ships a default pack with every rule the design names', () => {
    const { pack } = loadRulePackFile(DEFAULT_RULES_FILE);
    expect(pack.rules.map((r) => r.id)).toEqual([
      'disk-full', 'security-update-pending', 'patch-compliance', 'reboot-pending', 'backup-stale', 'backup-failed', 'backup-missing',
      'antivirus-off', 'antivirus-signatures-stale', 'firewall-off', 'firewall-unknown', 'encryption-off', 'encryption-suspended',
      'encryption-unknown',
      'edr-not-running', 'edr-not-onboarded', 'edr-reduced-functionality', 'edr-disconnected', 'edr-outdated', 'edr-tamper-protection-off',
      'agent-offline', 'agent-stopped', 'topic-unknown', 'spool-gap',
    ]);
  });

  it('reports every problem at once, each with its path', () => {
    const found = problems(`
rules:
  - id: ok-rule
    category: disk
    severity: warning
    summary: fine
    when: disk.state == unknown
  - id: Bad Id
    category: disks
    severity: warning
    summary: x
    when: disk.state == unknown
  - id: dup
    category: disk
    severity: warning
    summary: x
    when: disk.state == unknown
  - id: dup
    category: disk
    summary: "{item.mount}"
    each: disk.volumes
    levels: { critical: item.usedPercentage >= 90 }
    for: ten minutes
  - id: typed
    category: disk
    severity: warning
    summary: x
    each: disk.volumes
    params: { warn: high }
    when: { all: [item.usedPercent >= $warn, item.mount olderThan 3d, item.usedPercent >= $nope] }
overrides:
  - rule: missing-rule
  - rule: typed
    params: { unknownParam: 1 }
`);
    expect(found).toEqual([
      'rules.yaml: rules[1].id: expected lower-case letters, digits and dashes, like disk-full',
      expect.stringMatching(/^rules\.yaml: rules\[1\]\.category: .*"patch"/),
      'rules.yaml: rules[3].for: expected a duration like 10m',
      'rules.yaml: rules[4].when.all[0]: parameter $warn: expected a number, got "high"',
      'rules.yaml: rules[4].when.all[1]: "olderThan" does not apply to item.mount (a string); use one of ==, !=, in, notIn, versionBelow, isNull, notNull',
      'rules.yaml: rules[4].when.all[2]: unknown parameter $nope; declare it under params',
      'rules.yaml: overrides[0].rule: no rule "missing-rule" in this pack',
      'rules.yaml: overrides[1].rule: no rule "typed" in this pack',
    ]);
  });

  it('names unknown facts, missing values and duplicate ids', () => {
    const found = problems(`
rules:
  - { id: a, category: disk, severity: warning, summary: x, when: disk.free < 3 }
  - { id: a, category: disk, severity: warning, summary: x, when: item.usedPercent > 3 }
  - { id: b, category: disk, severity: warning, summary: x, each: disk.volumes, when: item.usedPercent > 3 }
  - { id: b, category: disk, severity: warning, summary: x, each: disk.volumes, when: "item.usedPercent >" }
  - { id: b, category: disk, severity: warning, summary: x, when: disk.state == ok }
`);
    expect(found).toEqual([
      'rules.yaml: rules[0].when: unknown fact "disk.free"; see the fact list in collector/docs/rules.md',
      'rules.yaml: rules[1].when: unknown fact "item.usedPercent" (item.* facts need `each:` on the rule); see the fact list in collector/docs/rules.md',
      'rules.yaml: rules[3].when: ">" needs a value',
      'rules.yaml: rules[4].id: duplicate rule id "b" (first at rules[2])',
    ]);
  });

  it('points at the line of broken YAML', () => {
    expect(problems('rules: [1, 2\n')[0]).toMatch(/^rules\.yaml:\d+:\d+: not valid YAML/);
  });

  it('refuses to load a broken file with a config error listing the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-rules-'));
    const file = join(dir, 'rules.yaml');
    writeFileSync(file, 'rules:\n  - id: x\n    category: disk\n    severity: loud\n    summary: s\n    when: disk.state == ok\n');
    try {
      loadRulePackFile(file);
      throw new Error('expected a failure');
    } catch (err) {
      expect(err).toBeInstanceOf(CollectorError);
      expect((err as CollectorError).code).toBe('COL_ERR_RULES_INVALID');
      expect((err as Error).message).toContain(`${file}: rules[0].severity:`);
    }
  });
});
