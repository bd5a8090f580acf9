// The collector's config loaders on arbitrary YAML: collector config, rule
// pack and ownership config each give a valid result or an error naming the
// file and the path of what is wrong. Never another kind of throw, never a hang.
// Longer run: FUZZ_RUNS=100000 npx vitest run --project collector test/fuzz/config-loaders.test.ts
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCollectorConfig } from '../../src/config.js';
import { CollectorError } from '../../src/errors.js';
import { DEFAULT_RULES_FILE, parseRulePack } from '../../src/rules/load-rules.js';
import { parseOwnership } from '../../src/routing/load-ownership.js';
import { configText, FuzzLog, fuzzTimeout } from '../../../tests/support/fuzz.js';

const log = new FuzzLog('collector-config-loaders');
const examples = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'deploy', 'examples');
const read = (file: string) => readFileSync(file, 'utf8');

const COLLECTOR_KEYS = ['listen', 'host', 'port', 'dataDir', 'store', 'kind', 'sqlite', 'postgres', 'url', 'poolSize', 'path', 'publicUrl', 'tls', 'certFile', 'keyFile',
  'limits', 'maxFrameBytes', 'maxInFlight', 'authFailuresPerMinute', 'heartbeatSeconds', 'rules', 'file', 'overrides', 'routing', 'auth', 'sessions', 'idleMinutes',
  'absoluteHours', 'signIn', 'localPasswords', 'oidc', 'logLevel', 'smtp', 'notify', 'grouping'];
const RULE_KEYS = ['rules', 'id', 'name', 'category', 'severity', 'when', 'for', 'params', 'condition', 'fact', 'op', 'value', 'hysteresis', 'topic', 'disk', 'patch', 'critical', 'warning', 'info', 'summary', 'description'];
const OWNERSHIP_KEYS = ['teams', 'internal', 'provider', 'name', 'channels', 'type', 'url', 'hours', 'timeZone', 'days', 'from', 'to', 'holidays', 'away', 'until', 'reason',
  'defaults', 'owner', 'sla', 'critical', 'warning', 'info', 'lines', 'id', 'match', 'category', 'rule', 'severity', 'site', 'tags', 'os', 'role', 'coverage', 'outsideHours',
  'escalation', 'repeatEvery', 'maxReminders', 'guardrails', 'lockedLines', 'unmutable', 'rules', 'categories', 'severities', 'fixedThresholds', 'tuning', 'kind', 'params', 'by', 'at', 'both'];

/** `<file>: <path>: <what>` or `<file>:<line>:<col>: not valid YAML` or a top-level shape message. */
const PROBLEM = (file: string) => new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(:\\d+:\\d+)?: (.*: )?\\S`);

describe('collector config loaders', () => {
  it('YAML nested thousands of levels deep is refused (the parser used to exhaust the stack and abort the collector)', () => {
    const deep = ['['.repeat(1000) + ']'.repeat(1000), '['.repeat(5000) + ']'.repeat(5000), `${'- '.repeat(5000)}x`];
    for (const text of deep) {
      expect(() => parseCollectorConfig(text, '/etc/tandem/collector.yaml')).toThrow('/etc/tandem/collector.yaml: not valid YAML: nested more than 100 levels deep');
      expect(parseRulePack(text, 'rules.yaml')).toEqual({ ok: false, problems: ['rules.yaml: not valid YAML: nested more than 100 levels deep'] });
      expect(parseOwnership(text, 'ownership.yaml')).toEqual({ ok: false, problems: ['ownership.yaml: not valid YAML: nested more than 100 levels deep'] });
    }
  });

  it('collector config: a config or COL_ERR_CONFIG naming the file and key', async () => {
    await log.check('collector config: arbitrary YAML', fc.property(configText(COLLECTOR_KEYS, read(join(examples, 'collector.yaml'))), (text) => {
      try {
        parseCollectorConfig(text, '/etc/tandem/collector.yaml');
      } catch (err) {
        expect(err).toBeInstanceOf(CollectorError);
        expect((err as CollectorError).code).toBe('COL_ERR_CONFIG');
        expect((err as Error).message).toContain('/etc/tandem/collector.yaml');
      }
    }), 200);
  }, fuzzTimeout(200));

  it('rule pack: a pack or problems each naming the file and path', async () => {
    await log.check('rule pack: arbitrary YAML', fc.property(configText(RULE_KEYS, read(DEFAULT_RULES_FILE)), (text) => {
      const parsed = parseRulePack(text, 'rules.yaml');
      if (parsed.ok) return;
      expect(parsed.problems.length).toBeGreaterThan(0);
      for (const p of parsed.problems) expect(p).toMatch(PROBLEM('rules.yaml'));
    }), 200);
  }, fuzzTimeout(200));

  it('ownership config: a config or problems each naming the file and path', async () => {
    await log.check('ownership config: arbitrary YAML', fc.property(configText(OWNERSHIP_KEYS, read(join(examples, 'ownership.yaml'))), (text) => {
      const parsed = parseOwnership(text, 'ownership.yaml');
      if (parsed.ok) return;
      expect(parsed.problems.length).toBeGreaterThan(0);
      for (const p of parsed.problems) expect(p).toMatch(PROBLEM('ownership.yaml'));
    }), 200);
  }, fuzzTimeout(200));
});
