import { describe, expect, it } from 'vitest';
import { parseCollectorConfig } from '../../src/config.js';

const parse = (yaml: string) => parseCollectorConfig(yaml, '/etc/tandem/collector.yaml');

describe('auth config', () => {
  it('has safe defaults without an auth section', () => {
    const c = parse('');
    expect(c.auth.sessions).toEqual({ idleMinutes: 60, absoluteHours: 12 });
    expect(c.auth.signIn).toEqual({ localPasswords: true, maxFailuresPerAddress: 20, maxFailuresPerAccount: 10, concurrentPasswordChecks: 2 });
    expect(c.auth.oidc).toBeUndefined();
  });

  it('reads an OIDC provider, resolving the secret file next to the config', () => {
    const c = parse([
      'auth:', '  oidc:', '    issuer: https://accounts.google.com', '    clientId: abc', '    clientSecretFile: oidc-secret',
      '    redirectUri: https://tandem.example.net/auth/oidc/callback',
    ].join('\n'));
    expect(c.auth.oidc).toMatchObject({ clientSecretFile: '/etc/tandem/oidc-secret', scopes: ['openid', 'email', 'profile'], requireVerifiedEmail: true });
    expect(c.auth.sessions.idleMinutes).toBe(60);
  });

  it('names every problem: plain http off loopback, two secrets, an unknown key', () => {
    let message = '';
    try {
      parse([
        'auth:', '  oidc:', '    issuer: http://idp.example.net', '    clientId: abc', '    clientSecret: s',
        '    redirectUri: https://tandem.example.net/auth/oidc/callback', '  sessions: { idleMinutes: 0, forever: true }',
      ].join('\n'));
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/auth\.oidc\.issuer: expected an https:\/\/ URL/);
    expect(message).toMatch(/auth\.sessions\.idleMinutes: Too small/);
    expect(message).toMatch(/auth\.sessions: .*forever/);
    expect(() => parse([
      'auth:', '  oidc:', '    issuer: https://idp.example.net', '    clientId: abc', '    clientSecret: s', '    clientSecretFile: f',
      '    redirectUri: https://tandem.example.net/auth/oidc/callback',
    ].join('\n'))).toThrow(/auth\.oidc\.clientSecret: give either clientSecret or clientSecretFile/);
  });
});
