import { describe, expect, it } from 'vitest';
import { parseCollectorConfig } from '../../src/config.js';
import { CollectorError } from '../../src/errors.js';
import { influxToken } from '../../src/metrics-sink/index.js';
import { forgetSecrets, redactSecrets } from '../../src/auth/redact.js';

function problem(text: string): string {
  try {
    parseCollectorConfig(text, '/etc/tandem/collector.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(CollectorError);
    return (err as Error).message;
  }
  throw new Error('expected the config to be refused');
}

describe('metrics.influx config', () => {
  it('is off unless given, and fills the batching and buffer defaults when it is', () => {
    expect(parseCollectorConfig('', '/etc/tandem/collector.yaml').metrics.influx).toBeUndefined();
    const c = parseCollectorConfig('metrics: { influx: { url: "http://influx:8086", org: msp, bucket: endpoints, token: env:INFLUX_TOKEN } }', '/etc/tandem/collector.yaml');
    expect(c.metrics.influx).toEqual({
      url: 'http://influx:8086', org: 'msp', bucket: 'endpoints', token: 'env:INFLUX_TOKEN',
      batchSize: 500, flushIntervalMs: 1000, maxBufferPoints: 20_000, maxRetries: 3, retryDelayMs: 2000,
    });
  });

  it('refuses a token written into the file, a bad URL and a missing bucket, naming each key', () => {
    const msg = problem('metrics: { influx: { url: "influx:8086", org: msp, token: "s3cr3t-token-value" } }');
    expect(msg).toMatch(/metrics\.influx\.token: expected a reference to the token, env:NAME or file:\/absolute\/path/);
    expect(msg).toMatch(/metrics\.influx\.url: expected an http:\/\/ or https:\/\/ URL/);
    expect(msg).toMatch(/metrics\.influx\.bucket/);
  });

  it('resolves the token reference, says which key when it does not resolve, and keeps the token out of later text', () => {
    forgetSecrets();
    const config = parseCollectorConfig('metrics: { influx: { url: "http://influx:8086", org: msp, bucket: b, token: env:TANDEM_T_INFLUX } }', '/x/collector.yaml').metrics.influx!;
    expect(() => influxToken(config, {})).toThrow(/metrics\.influx\.token: environment variable TANDEM_T_INFLUX is not set/);
    expect(influxToken(config, { TANDEM_T_INFLUX: 'tok-123456789-abc' })).toBe('tok-123456789-abc');
    expect(redactSecrets('write failed: Authorization: Token tok-123456789-abc')).toBe('write failed: Authorization: Token [redacted]');
    forgetSecrets();
  });
});

describe('retention config', () => {
  it('has defaults and refuses ages below a day, naming the key', () => {
    expect(parseCollectorConfig('', '/etc/tandem/collector.yaml').retention).toEqual({ reportsDays: 30, alertsDays: 365, notificationsDays: 90, intervalMinutes: 60, batchSize: 1000 });
    expect(problem('retention: { reportsDays: 0, alertDays: 5 }')).toMatch(/retention\.reportsDays: .*>=1[\s\S]*alertDays/);
  });
});
