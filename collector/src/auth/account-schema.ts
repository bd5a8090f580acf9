// Tables for people, sessions and the sign-in flow, added to the shared
// Database type by module augmentation so the store's other tables stay
// where they are. Times are integer milliseconds since the epoch.
import type { Generated } from 'kysely';

export interface UsersTable {
  id: string;
  /** Lower-cased; the key a person signs in with and OIDC maps on first sign-in. */
  email: string;
  name: string;
  role: string;
  /** 1: every tenant (provider roles); 0: the tenants in user_tenants. */
  all_tenants: number;
  /** scrypt hash with its parameters; null: OIDC sign-in only. */
  password_hash: string | null;
  /** Bound at the first OIDC sign-in; later sign-ins match on it, not on email. */
  oidc_issuer: string | null;
  oidc_subject: string | null;
  disabled_at: number | null;
  created_at: number;
  updated_at: number;
  last_sign_in_at: number | null;
}

export interface UserTenantsTable {
  user_id: string;
  tenant_id: string;
}

export interface SessionsTable {
  id: string;
  /** SHA-256 of the cookie value; the value itself is never stored. */
  token_hash: string;
  user_id: string;
  /** Server-side CSRF secret; tokens handed to the page are derived from it. */
  csrf_secret: string;
  /** How the person signed in: password or oidc. */
  method: string;
  created_at: number;
  last_seen_at: number;
  /** Absolute end, whatever the activity. */
  expires_at: number;
  revoked_at: number | null;
  address: string | null;
  user_agent: string | null;
}

/** One OIDC authorization request in flight (state, nonce, PKCE verifier). */
export interface OidcLoginsTable {
  id: string;
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  created_at: number;
  expires_at: number;
}

export interface ApiTokenTenantsTable {
  token_id: string;
  tenant_id: string;
}

declare module '../store/schema.js' {
  interface ApiTokensTable {
    /** JSON array of token scopes (read, write, admin). */
    scopes: Generated<string>;
    /** 1: every tenant; 0: the tenants in api_token_tenants. */
    all_tenants: Generated<number>;
    /** The user who created the token through the API, when one did. */
    created_by: string | null;
  }
  interface Database {
    users: UsersTable;
    user_tenants: UserTenantsTable;
    sessions: SessionsTable;
    oidc_logins: OidcLoginsTable;
    api_token_tenants: ApiTokenTenantsTable;
  }
}
