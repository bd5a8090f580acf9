// What one stream client asked for (query parameters) and whether an alert
// matches it. Pure: the socket edge parses the query once and asks `matches`
// for every message, together with the caller's tenant scope.
import type { TenantScope } from '../store/store.js';
import { CATEGORIES, SEVERITIES } from '../rules/rule-pack.js';

export const OWNERS = ['internal', 'provider', 'both'] as const;
export type Owner = (typeof OWNERS)[number];

/** Each field: any of these values; undefined means "no filter". */
export interface StreamFilter {
  tenants?: string[];
  owners?: Owner[];
  severities?: string[];
  categories?: string[];
}

/** The fields of an alert the filter and the scope look at. */
export interface FilterableAlert {
  tenantId: string;
  severity: string;
  category: string;
  owner: string | null;
}

export type FilterParse = { ok: true; filter: StreamFilter } | { ok: false; problems: string[] };

// Chosen ids (`acme`) and generated ones (`tnt_` and base64url: mixed case, `_`, `-`),
// at most the 100 characters the API's tenant routes take.
const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/**
 * Reads `tenant`, `owner`, `severity`, `category` (each a single value or a
 * comma-separated list). Unknown parameters are refused so a typo does not
 * silently widen the stream.
 */
export function parseStreamFilter(query: Record<string, unknown>): FilterParse {
  const problems: string[] = [];
  const filter: StreamFilter = {};
  const list = (name: string, allowed: readonly string[] | RegExp): string[] | undefined => {
    const raw = query[name];
    if (raw === undefined || raw === '') return undefined;
    if (typeof raw !== 'string') {
      problems.push(`querystring/${name}: give it once, as a comma-separated list`);
      return undefined;
    }
    const values = raw.split(',').map((v) => v.trim()).filter((v) => v !== '');
    for (const v of values) {
      const ok = allowed instanceof RegExp ? allowed.test(v) : allowed.includes(v);
      if (!ok) problems.push(`querystring/${name}: "${v}" is not ${allowed instanceof RegExp ? 'a tenant id' : `one of ${allowed.join(', ')}`}`);
    }
    return values.length > 0 ? values : undefined;
  };
  for (const key of Object.keys(query)) {
    if (!['tenant', 'owner', 'severity', 'category'].includes(key)) problems.push(`querystring/${key}: unknown parameter (expected tenant, owner, severity, category)`);
  }
  filter.tenants = list('tenant', TENANT_ID);
  filter.owners = list('owner', OWNERS) as Owner[] | undefined;
  filter.severities = list('severity', SEVERITIES);
  filter.categories = list('category', CATEGORIES);
  for (const k of Object.keys(filter) as Array<keyof StreamFilter>) if (filter[k] === undefined) delete filter[k];
  return problems.length > 0 ? { ok: false, problems } : { ok: true, filter };
}

export function inScope(scope: TenantScope, tenantId: string): boolean {
  return scope.all || scope.tenantIds.includes(tenantId);
}

/**
 * Scope first, then the filter. An owner filter matches `both` for either
 * side, since an alert owned by both is each side's to act on.
 */
export function matchesStream(scope: TenantScope, filter: StreamFilter, a: FilterableAlert): boolean {
  if (!inScope(scope, a.tenantId)) return false;
  if (filter.tenants && !filter.tenants.includes(a.tenantId)) return false;
  if (filter.severities && !filter.severities.includes(a.severity)) return false;
  if (filter.categories && !filter.categories.includes(a.category)) return false;
  if (filter.owners) {
    if (a.owner === null) return false;
    if (a.owner !== 'both' && !filter.owners.includes(a.owner as Owner)) return false;
  }
  return true;
}
