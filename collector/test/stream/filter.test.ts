// Which alerts a stream client sees: scope first, then its filters.
import { describe, expect, it } from 'vitest';
import { matchesStream, parseStreamFilter } from '../../src/stream/stream-filter.js';
import type { FilterableAlert } from '../../src/stream/stream-filter.js';

const alert = (over: Partial<FilterableAlert> = {}): FilterableAlert => ({ tenantId: 'acme', severity: 'critical', category: 'disk', owner: 'provider', ...over });
const all = { all: true as const };

describe('parseStreamFilter', () => {
  it('reads single values and comma-separated lists', () => {
    expect(parseStreamFilter({ tenant: 'acme,globex', owner: 'internal', severity: 'critical,warning', category: 'disk' })).toEqual({
      ok: true, filter: { tenants: ['acme', 'globex'], owners: ['internal'], severities: ['critical', 'warning'], categories: ['disk'] },
    });
    expect(parseStreamFilter({})).toEqual({ ok: true, filter: {} });
  });

  it('names every bad value and unknown parameter', () => {
    const r = parseStreamFilter({ owner: 'nobody', severity: 'huge', colour: 'red', tenant: 'Not A Tenant' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      'querystring/colour: unknown parameter (expected tenant, owner, severity, category)',
      'querystring/tenant: "Not A Tenant" is not a tenant id',
      'querystring/owner: "nobody" is not one of internal, provider, both',
      'querystring/severity: "huge" is not one of info, warning, critical',
    ]);
  });

  it('accepts generated tenant ids (tnt_ and base64url) in the tenant filter', () => {
    expect(parseStreamFilter({ tenant: 'tnt_Ab3-x_Yz09QwErTyUi,acme' })).toEqual({ ok: true, filter: { tenants: ['tnt_Ab3-x_Yz09QwErTyUi', 'acme'] } });
    expect(parseStreamFilter({ tenant: '_tnt' }).ok).toBe(false);
  });

  it('refuses a parameter given twice', () => {
    expect(parseStreamFilter({ tenant: ['a', 'b'] })).toEqual({ ok: false, problems: ['querystring/tenant: give it once, as a comma-separated list'] });
  });
});

describe('matchesStream', () => {
  const cases: Array<[string, Parameters<typeof matchesStream>[0], Parameters<typeof matchesStream>[1], FilterableAlert, boolean]> = [
    ['no filter, all tenants', all, {}, alert(), true],
    ['another tenant is out of scope', { all: false, tenantIds: ['globex'] }, {}, alert(), false],
    ['a tenant filter cannot widen the scope', { all: false, tenantIds: ['globex'] }, { tenants: ['acme'] }, alert(), false],
    ['own tenant', { all: false, tenantIds: ['acme'] }, {}, alert(), true],
    ['tenant filter', all, { tenants: ['globex'] }, alert(), false],
    ['severity filter', all, { severities: ['warning'] }, alert(), false],
    ['category filter', all, { categories: ['disk', 'backup'] }, alert(), true],
    ['owner filter', all, { owners: ['internal'] }, alert(), false],
    ['an alert owned by both is on either side', all, { owners: ['internal'] }, alert({ owner: 'both' }), true],
    ['owner both matches only both', all, { owners: ['both'] }, alert({ owner: 'internal' }), false],
    ['not routed yet has no owner', all, { owners: ['provider'] }, alert({ owner: null }), false],
  ];
  it.each(cases)('%s', (_name, scope, filter, a, expected) => {
    expect(matchesStream(scope, filter, a)).toBe(expected);
  });
});
