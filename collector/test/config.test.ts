import { describe, expect, it } from 'vitest';
import { loadCollectorConfig, parseCollectorConfig } from '../src/config.js';
import { CollectorError } from '../src/errors.js';

function problem(text: string): string {
  try {
    parseCollectorConfig(text, '/etc/tandem/collector.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(CollectorError);
    return (err as Error).message;
  }
  throw new Error('expected the config to be refused');
}

describe('collector config', () => {
  it('fills defaults and resolves paths against the file', () => {
    const c = parseCollectorConfig('dataDir: state', '/etc/tandem/collector.yaml');
    expect(c.dataDir).toBe('/etc/tandem/state');
    expect(c.listen).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(c.limits.maxFrameBytes).toBe(1024 * 1024);
  });

  it('names the file, the key and what was expected, for every problem at once', () => {
    const msg = problem('listen: { port: "eighty" }\nlimits: { maxInFlight: 0 }\ncolour: blue');
    expect(msg).toContain('/etc/tandem/collector.yaml: listen.port:');
    expect(msg).toMatch(/listen\.port: .*number/);
    expect(msg).toContain('limits.maxInFlight');
    expect(msg).toMatch(/colour/);
  });

  it('points at the line of broken YAML', () => {
    expect(problem('listen:\n  port: [1, 2\n')).toMatch(/collector\.yaml:\d+:\d+: not valid YAML/);
  });

  it('says when the file cannot be read', () => {
    expect(() => loadCollectorConfig('/nonexistent/collector.yaml')).toThrow(/cannot read config \/nonexistent\/collector\.yaml: ENOENT/);
  });
});

describe('shipped example config', () => {
  it('deploy/examples/collector.yaml is valid', () => {
    const file = new URL('../../deploy/examples/collector.yaml', import.meta.url).pathname;
    expect(loadCollectorConfig(file).tls?.certFile).toBe('/etc/tandem/tls/cert.pem');
  });
});
