// The time zone of each tenant's teams (their business hours'), so a deadline
// reads in the owning team's clock: "respond by 14:05 CET". Read from the
// tenant's ownership config, at most every ten minutes per tenant; a team
// without hours (around the clock) gets the browser's zone, shown with it.
import { get } from './api.js';

const TTL_MS = 10 * 60_000;
/** tenantId → { at, teams: { internal, provider } | null, loading } */
const cache = new Map();

function teamZone(doc, team) {
  const z = doc?.teams?.[team]?.hours?.timeZone;
  return typeof z === 'string' ? z : null;
}

/** Loads the zones of tenants not known (or known too long); calls `onChange` when any arrived. */
export function loadZones(tenantIds, onChange) {
  const now = Date.now();
  for (const id of tenantIds) {
    const have = cache.get(id);
    if (have && (have.loading || now - have.at < TTL_MS)) continue;
    cache.set(id, { at: now, teams: have?.teams ?? null, loading: true });
    void get(`/api/v1/tenants/${encodeURIComponent(id)}/ownership`).then(
      (v) => { cache.set(id, { at: Date.now(), teams: { internal: teamZone(v.document, 'internal'), provider: teamZone(v.document, 'provider') }, loading: false }); onChange?.(); },
      () => { cache.set(id, { at: Date.now(), teams: null, loading: false }); },
    );
  }
  // Tenants gone from view need not stay forever on a screen left open for days.
  if (cache.size > 500) for (const k of [...cache.keys()].slice(0, cache.size - 500)) cache.delete(k);
}

/** The IANA zone of the team that owns an alert (internal first for "both"), or undefined for the browser's. */
export function ownerZone(tenantId, owner, teams = cache.get(tenantId)?.teams) {
  if (!teams) return undefined;
  if (owner === 'internal') return teams.internal ?? undefined;
  if (owner === 'provider') return teams.provider ?? undefined;
  return teams.internal ?? teams.provider ?? undefined;
}
