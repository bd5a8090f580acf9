// Sign-in through the organization's own OpenID Connect provider (Entra ID,
// Google, Okta, ...): authorization code flow with PKCE, state and nonce.
// The provider proves who someone is; which account and role they get is
// decided here, from accounts an administrator created beforehand.
import { readFileSync } from 'node:fs';
import * as client from 'openid-client';
import type { OidcConfig } from './auth-config.js';
import { isLoopbackHost } from './auth-config.js';
import { CollectorError } from '../errors.js';

export interface OidcAuthorization {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface OidcIdentity {
  issuer: string;
  subject: string;
  /** Null when the provider gave none, or gave one it does not vouch for. */
  email: string | null;
  name: string | null;
}

export interface OidcRelyingParty {
  /** Where to send the browser, and what to remember until it comes back. */
  begin(): Promise<OidcAuthorization>;
  /** Redeems the code from the callback query; throws COL_ERR_UNAUTHORIZED when anything does not check out. */
  finish(callbackQuery: string, expected: { state: string; nonce: string; codeVerifier: string }): Promise<OidcIdentity>;
}

export function createOidcRelyingParty(config: OidcConfig): OidcRelyingParty {
  let discovered: Promise<client.Configuration> | null = null;

  // Discovery is lazy and retried: a provider that is down at start must not stop the collector.
  const configuration = (): Promise<client.Configuration> => {
    discovered ??= (async () => {
      const secret = config.clientSecret ?? readFileSync(config.clientSecretFile!, 'utf8').trim();
      const issuer = new URL(config.issuer);
      return client.discovery(issuer, config.clientId, { client_secret: secret, redirect_uris: [config.redirectUri], response_types: ['code'] }, client.ClientSecretPost(secret), {
        // Plain http is allowed only for a provider on this machine (development and tests).
        ...(issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname) ? { execute: [client.allowInsecureRequests] } : {}),
        timeout: 10,
      });
    })();
    discovered.catch(() => { discovered = null; });
    return discovered;
  };

  return {
    async begin() {
      let c: client.Configuration;
      try {
        c = await configuration();
      } catch (err) {
        throw new CollectorError('COL_ERR_INTERNAL', `the identity provider ${config.issuer} cannot be reached: ${(err as Error).message}`, { statusCode: 502, cause: err });
      }
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(c, {
        redirect_uri: config.redirectUri,
        scope: config.scopes.join(' '),
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url, state, nonce, codeVerifier };
    },

    async finish(callbackQuery, expected) {
      const c = await configuration();
      // The configured redirect URI, not the Host header, names this callback.
      const current = new URL(config.redirectUri);
      current.search = callbackQuery;
      let claims: client.IDToken | undefined;
      let profile: Record<string, unknown> = {};
      try {
        const tokens = await client.authorizationCodeGrant(c, current, {
          pkceCodeVerifier: expected.codeVerifier,
          expectedState: expected.state,
          expectedNonce: expected.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
        if (!claims) throw new Error('no ID token in the token response');
        profile = claims;
        // Some providers put email only in userinfo (Entra ID and Google put it in the ID token too).
        if (claims.email === undefined && c.serverMetadata().userinfo_endpoint) {
          profile = await client.fetchUserInfo(c, tokens.access_token, claims.sub);
        }
      } catch (err) {
        throw new CollectorError('COL_ERR_UNAUTHORIZED', `sign-in with the identity provider failed: ${oidcErrorText(err)}`, { statusCode: 401, cause: err });
      }
      const email = typeof profile.email === 'string' && (profile.email_verified === true || !config.requireVerifiedEmail) ? profile.email : null;
      return { issuer: claims.iss, subject: claims.sub, email, name: typeof profile.name === 'string' ? profile.name : null };
    },
  };
}

// Provider errors carry a code and description; neither includes a secret, unlike a raw request dump.
function oidcErrorText(err: unknown): string {
  if (err instanceof client.AuthorizationResponseError || err instanceof client.ResponseBodyError) {
    return `${err.error}${err.error_description ? `: ${err.error_description}` : ''}`;
  }
  return (err as Error).message;
}
