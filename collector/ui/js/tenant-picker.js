// A tenant select for pages that work on one tenant. Internal IT has exactly
// one tenant and sees no choice; provider staff pick one, and the choice is
// part of the URL (#/tuning/acme) so it can be shared.
import { el, option } from './dom.js';
import { loadDirectory, tenantList } from './directory.js';

export async function pickTenant(current, base) {
  await loadDirectory().catch(() => {});
  const tenants = tenantList();
  const chosen = current && tenants.some((t) => t.id === current) ? current : tenants[0]?.id ?? null;
  const select = el('select', { id: 'tenant-picker', 'aria-label': 'tenant', disabled: tenants.length < 2 },
    ...tenants.map((t) => option(t.id, t.name, t.id === chosen)));
  select.addEventListener('change', () => { location.hash = `${base}/${encodeURIComponent(select.value)}`; });
  return { tenantId: chosen, picker: el('label', { class: 'tenant-pick' }, 'Tenant ', select) };
}
