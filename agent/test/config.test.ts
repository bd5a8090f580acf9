import { describe, expect, it } from 'vitest';
import { loadAgentConfig, parseAgentConfig, scheduleFor } from '../src/config.js';
import { AgentError } from '../src/errors.js';

function problem(text: string): string {
  try {
    parseAgentConfig(text, '/etc/tandem/agent.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(AgentError);
    expect((err as AgentError).code).toBe('AGT_ERR_CONFIG');
    return (err as Error).message;
  }
  throw new Error('expected the config to be refused');
}

describe('agent config', () => {
  it('fills defaults and resolves paths against the file', () => {
    const c = parseAgentConfig('dataDir: state\ntls: { caFile: ca.pem }', '/etc/tandem/agent.yaml');
    expect(c.dataDir).toBe('/etc/tandem/state');
    expect(c.tls.caFile).toBe('/etc/tandem/ca.pem');
    expect(c.spool.maxBytes).toBe(64 * 1024 * 1024);
    expect(scheduleFor(c, 'disk')).toBe('*/5 * * * *');
  });

  it('accepts backup providers and schedules', () => {
    const c = parseAgentConfig('schedules: { patch: "0 3 * * *" }\nbackup:\n  providers:\n    - { type: file-freshness, path: /srv/backups }\n', '/a.yaml');
    expect(scheduleFor(c, 'patch')).toBe('0 3 * * *');
    expect(c.backup.providers).toEqual([{ type: 'file-freshness', path: '/srv/backups' }]);
  });

  it('resolves relative backup paths against the config file', () => {
    const c = parseAgentConfig('backup:\n  providers:\n    - { type: file-freshness, path: dumps/*.gz }\n    - { type: restic, repository: /r, passwordFile: restic-pass }\n', '/etc/tandem/agent.yaml');
    expect(c.backup.providers).toEqual([
      { type: 'file-freshness', path: '/etc/tandem/dumps/*.gz' },
      { type: 'restic', repository: '/r', passwordFile: '/etc/tandem/restic-pass' },
    ]);
  });

  it('names the file, the key and what was expected, for every problem at once', () => {
    const msg = problem('collectors: ["http://x"]\nschedules: { disk: "every minute" }\nspool: { maxBytes: "big" }\nbackup: { providers: [{ type: tape }] }\n');
    expect(msg).toContain('/etc/tandem/agent.yaml: collectors.0: expected a ws:// or wss:// URL');
    expect(msg).toContain('/etc/tandem/agent.yaml: schedules.disk: expected a cron expression');
    expect(msg).toMatch(/spool\.maxBytes: .*number/);
    expect(msg).toMatch(/backup\.providers\.0\.type/);
  });

  it('refuses unknown keys (a typo must not be silently ignored)', () => {
    expect(problem('dataDri: /var/lib/x')).toMatch(/dataDri/);
  });

  it('points at the line of broken YAML', () => {
    expect(problem('dataDir: [oops\n')).toMatch(/agent\.yaml:\d+:\d+: not valid YAML/);
  });

  it('says when the file cannot be read', () => {
    expect(() => loadAgentConfig('/nonexistent/agent.yaml')).toThrow(/cannot read config \/nonexistent\/agent\.yaml: ENOENT/);
  });
});

describe('shipped example config', () => {
  it('deploy/examples/agent.yaml is valid', () => {
    const file = new URL('../../deploy/examples/agent.yaml', import.meta.url).pathname;
    expect(loadAgentConfig(file).backup.providers.length).toBe(2);
  });
});
