// Who is signed in and what their role lets them do. The server enforces
// every permission; the pages only hide or disable what would be refused.
import { apiToken, del, get, post, useApiToken, useCsrfToken } from './api.js';

const ALERT_ACTORS = new Set(['provider-admin', 'provider-noc', 'internal-admin']);
const TUNERS = new Set(['internal-admin', 'provider-admin']);

/** { name, email?, role, tenants: 'all' | string[], via: 'session' | 'token' } or null */
let current = null;

export function user() {
  return current;
}

export const can = {
  actOnAlerts: () => ALERT_ACTORS.has(current?.role),
  tune: () => TUNERS.has(current?.role),
  revertTuning: () => TUNERS.has(current?.role),
  editOwnership: () => current?.role === 'provider-admin',
  seeAllTenants: () => current?.tenants === 'all',
};

// A hint (not a credential: the session cookie is HttpOnly) that this browser
// signed in, so a fresh visit does not probe GET /api/v1/session for nothing.
const SIGNED_IN_HINT = 'tandem.signedIn';

/** From GET /api/v1/session (or the sign-in answer's user). */
function normalize(body) {
  if (!body) return null;
  const u = body.user ?? {};
  const allTenants = body.allTenants ?? u.allTenants ?? false;
  const tenants = allTenants ? 'all' : (body.tenants?.map((t) => t.id) ?? u.tenantIds ?? []);
  return { name: u.name ?? body.name ?? u.email ?? 'signed in', email: u.email ?? null, role: body.role ?? u.role ?? null, tenants, via: body.via ?? 'session' };
}

/** Finds out whether this tab is signed in (session cookie or stored token). */
export async function restore() {
  const returningFromSso = new URLSearchParams(location.search).has('signed-in');
  if (!apiToken() && !localStorage.getItem(SIGNED_IN_HINT) && !returningFromSso) return (current = null);
  try {
    const body = await get('/api/v1/session', { quiet401: true });
    useCsrfToken(body.csrfToken);
    current = normalize(body);
    if (current.via === 'session') localStorage.setItem(SIGNED_IN_HINT, '1');
  } catch {
    current = null;
    useApiToken(null);
    localStorage.removeItem(SIGNED_IN_HINT);
  }
  if (returningFromSso) history.replaceState(null, '', `/${location.hash}`);
  return current;
}

/** The stream greets with the principal: a changed role or scope shows at once. */
export function learnFromStream(principal) {
  if (!current || !principal) return;
  current = { ...current, role: principal.role, tenants: principal.tenants };
}

export async function signInWithPassword(email, password) {
  useApiToken(null);
  const body = await post('/api/v1/session', { email, password });
  useCsrfToken(body.csrfToken);
  localStorage.setItem(SIGNED_IN_HINT, '1');
  // The full answer (tenant names, scopes) comes from the session route.
  return (await restore()) ?? normalize({ ...body, via: 'session' });
}

export async function signInWithToken(token) {
  useApiToken(token);
  const u = await restore();
  if (!u) throw new Error('That token was not accepted.');
  return u;
}

export async function signOut() {
  if (current?.via === 'session') await del('/api/v1/session').catch(() => {});
  useApiToken(null);
  useCsrfToken(null);
  localStorage.removeItem(SIGNED_IN_HINT);
  current = null;
}
