// The one redaction: remembered secrets (raw, URL- and JSON-encoded) and
// anything shaped like a generated secret, in log lines and messages.
import { afterEach, describe, expect, it } from 'vitest';
import { forgetSecrets, loggableUrl, redactingStream, redactSecrets, rememberSecret } from '../../src/auth/redact.js';
import { newSecret } from '../../src/auth/secrets.js';
import { channelSecret } from '../../src/notify/channel-config.js';

afterEach(() => forgetSecrets());

describe('redaction', () => {
  it('a webhook header value resolved from the environment never reaches a log line', () => {
    const lines: string[] = [];
    const log = redactingStream({ write: (l: string) => lines.push(l) });
    const value = channelSecret('it-hook', 'env:TANDEM_TEST_HEADER', { TANDEM_TEST_HEADER: 'hdr "quoted" value/+=' });
    log.write(`${JSON.stringify({ msg: `gateway said: bad key ${value}`, url: `https://x.example/?k=${encodeURIComponent(value)}` })}\n`);
    expect(lines.join('')).not.toContain('quoted');
    expect(lines.join('')).toContain('[redacted]');
  });

  it('generated tokens are redacted by their shape, without being known', () => {
    for (const prefix of ['tdm', 'tds', 'tde', 'tdd', 'csrf', 'oidc']) {
      const token = newSecret(prefix);
      expect(redactSecrets(`Bearer ${token} refused`)).toBe('Bearer [redacted] refused');
    }
  });

  it('short values are not remembered (they would blank ordinary words), per-message extras are', () => {
    rememberSecret('tandem');
    expect(redactSecrets('tandem-collector started')).toBe('tandem-collector started');
    expect(redactSecrets('the path /hook/abcd was refused', ['/hook/abcd'])).toBe('the path [redacted] was refused');
    expect(redactSecrets('the path /hook/abcd again')).toBe('the path /hook/abcd again');
  });

  it('a token in a query string is not logged, the rest of the URL is', () => {
    expect(loggableUrl('/api/v1/alerts/stream?token=tdm_abc&tenant=acme&access_token=zzz')).toBe('/api/v1/alerts/stream?token=[redacted]&tenant=acme&access_token=[redacted]');
    expect(loggableUrl('/api/v1/devices')).toBe('/api/v1/devices');
  });
});
