// Who an alert can be assigned to: the active people of a tenant's team who
// may act on alerts. Internal IT is the tenant's internal admins; the
// provider is its admins (every tenant) and the NOC staff who see the tenant.
// Only names, emails and roles leave here: nothing about sign-in.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { Team } from '../routing/ownership-config.js';

export interface AssignableUser {
  name: string;
  email: string;
  role: string;
  team: Team;
}

/** Roles that can work an alert, per team (the API's alert-actor roles, split by side). */
export const ASSIGNABLE_ROLES: Record<Team, readonly string[]> = {
  internal: ['internal-admin'],
  provider: ['provider-admin', 'provider-noc'],
};

export async function assignableUsers(db: Kysely<Database>, tenantId: string, teams: readonly Team[], limit = 500): Promise<AssignableUser[]> {
  const roles = teams.flatMap((t) => ASSIGNABLE_ROLES[t]);
  if (roles.length === 0) return [];
  const rows = await db.selectFrom('users').select(['name', 'email', 'role'])
    .where('disabled_at', 'is', null)
    .where('role', 'in', roles)
    .where((eb) => eb.or([
      eb('all_tenants', '=', 1),
      eb('id', 'in', eb.selectFrom('user_tenants').select('user_id').where('tenant_id', '=', tenantId)),
    ]))
    .orderBy('name').orderBy('email').limit(limit).execute();
  return rows.map((r) => ({ name: r.name, email: r.email, role: r.role, team: r.role.startsWith('provider') ? 'provider' : 'internal' }));
}
