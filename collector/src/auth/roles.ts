// Roles and API-token scopes. A role says what a person or machine may do;
// the tenant scope (from the account's assignment) says where.

export const ROLES = ['provider-admin', 'provider-noc', 'internal-admin', 'internal-viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles held by the client organization's own IT; always bound to exactly one tenant. */
export const INTERNAL_ROLES: readonly Role[] = ['internal-admin', 'internal-viewer'];

/** Roles that only ever look. Enforced for every non-GET request, not only in handlers. */
export const READ_ONLY_ROLES: readonly Role[] = ['internal-viewer'];

/**
 * What an API token may do on top of its role: `read` for GET, `write` for any
 * other method, `admin` for managing users, tokens and tenants. A token never
 * gets more than its role allows; scopes only take away.
 */
export const TOKEN_SCOPES = ['read', 'write', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isInternalRole(role: string): boolean {
  return (INTERNAL_ROLES as readonly string[]).includes(role);
}

export function isTokenScope(value: string): value is TokenScope {
  return (TOKEN_SCOPES as readonly string[]).includes(value);
}

export interface TenantAssignment {
  allTenants: boolean;
  tenantIds: string[];
}

/**
 * Checks that a role and its tenant assignment fit together, so a bad account
 * is refused when it is created rather than behaving oddly at sign-in.
 * Returns the problem, or null.
 */
export function assignmentProblem(role: string, a: TenantAssignment): string | null {
  if (!isRole(role)) return `role must be one of ${ROLES.join(', ')}, got "${role}"`;
  if (role === 'provider-admin') return a.tenantIds.length > 0 || !a.allTenants ? 'provider-admin always sees every tenant; give no tenants' : null;
  if (role === 'provider-noc') {
    if (a.allTenants && a.tenantIds.length > 0) return 'provider-noc sees either all tenants or a list, not both';
    if (!a.allTenants && a.tenantIds.length === 0) return 'provider-noc needs a list of tenants, or all tenants';
    return null;
  }
  if (a.allTenants || a.tenantIds.length !== 1) return `${role} belongs to exactly one tenant`;
  return null;
}

/** The usual assignment when none is given: provider roles see every tenant. */
export function defaultAssignment(role: string, tenantIds: string[]): TenantAssignment {
  if (tenantIds.length > 0) return { allTenants: false, tenantIds: [...new Set(tenantIds)] };
  return { allTenants: role === 'provider-admin' || role === 'provider-noc', tenantIds: [] };
}
