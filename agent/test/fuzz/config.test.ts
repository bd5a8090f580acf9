// The agent config loader on arbitrary YAML: a valid config, or an
// AgentError (AGT_ERR_CONFIG) naming the file and, for a value that does
// not fit, its key. Never another kind of throw, never a hang.
// Longer run: FUZZ_RUNS=100000 npx vitest run --project agent test/fuzz/config.test.ts
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAgentConfig } from '../../src/config.js';
import { AgentError } from '../../src/errors.js';
import { configText, FuzzLog, fuzzTimeout } from '../../../tests/support/fuzz.js';

const log = new FuzzLog('agent-config');
const example = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'deploy', 'examples', 'agent.yaml'), 'utf8');
const KEYS = ['dataDir', 'collectors', 'schedules', 'heartbeatSeconds', 'backoff', 'baseMs', 'capMs', 'spool', 'maxBytes', 'tls', 'caFile', 'pinSha256',
  'backup', 'providers', 'type', 'name', 'path', 'repository', 'passwordFile', 'passphraseFile', 'maxAgeHours', 'commandTimeoutSeconds',
  'patch', 'disk', 'security', 'inventory', 'file-freshness', 'restic', 'borg', 'veeam', 'time-machine'];

describe('agent config loader', () => {
  it('a config nested thousands of levels deep is refused (the YAML parser used to exhaust the stack and abort the process)', () => {
    for (const text of ['['.repeat(1000) + ']'.repeat(1000), '['.repeat(5000) + ']'.repeat(5000), `${'- '.repeat(5000)}x`, Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')]) {
      expect(() => parseAgentConfig(text, '/etc/tandem/agent.yaml')).toThrow('invalid config /etc/tandem/agent.yaml: not valid YAML: nested more than 100 levels deep');
    }
  });

  it('gives a config or a clear error with a path', async () => {
    await log.check('agent config: arbitrary YAML', fc.property(configText(KEYS, example), (text) => {
      try {
        const config = parseAgentConfig(text, '/etc/tandem/agent.yaml');
        expect(config.file).toBe('/etc/tandem/agent.yaml');
      } catch (err) {
        expect(err).toBeInstanceOf(AgentError);
        const e = err as AgentError;
        expect(e.code).toBe('AGT_ERR_CONFIG');
        expect(e.message).toContain('/etc/tandem/agent.yaml');
        // A value that does not fit names its key (or says it is the top level).
        if (!/not valid YAML|mapping of keys/.test(e.message)) expect(e.message).toMatch(/agent\.yaml: [^\n]*: /);
      }
    }), 200);
  }, fuzzTimeout(200));
});
