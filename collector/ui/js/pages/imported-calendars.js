// Imported calendars on the ownership page: each team's feeds with their
// source, when they were last imported, what went wrong since, and the
// holidays and away periods they gave routing.
import { el, showError, time } from '../dom.js';
import { get } from '../api.js';

const TEAM_TEXT = { internal: 'internal IT', provider: 'provider' };

function when(p) {
  // All-day periods are dates in the team's zone, shown as written; timed ones are instants.
  if (p.allDay) return p.from === p.until ? p.from : `${p.from} – ${p.until}`;
  return `${time(p.from)} – ${time(p.until)}`;
}

function periodsTable(periods) {
  if (periods.length === 0) return el('p', { class: 'muted' }, 'No periods in the coming months.');
  const rows = periods.map((p) => el('tr', {}, el('td', {}, when(p)), el('td', {}, p.summary), el('td', {}, p.effect === 'holiday' ? 'holiday' : 'away')));
  return el('table', { class: 'imported-periods' },
    el('thead', {}, el('tr', {}, ...['When', 'What', 'Effect'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows));
}

function feedCard(f) {
  const status = f.error
    ? el('p', { class: 'error feed-error' }, `Last refresh failed (${f.error}); ${f.importedAt ? `using the copy imported ${time(f.importedAt)}.` : 'nothing imported yet.'}`)
    : el('p', { class: 'muted' }, f.importedAt ? `Imported ${time(f.importedAt)}, refreshed every ${f.refreshMinutes} min.` : 'Not imported yet.');
  return el('div', { class: 'card', 'data-calendar': f.name, 'data-team': f.team },
    el('strong', {}, `${TEAM_TEXT[f.team] ?? f.team}: ${f.name}`), ' ', el('span', { class: 'muted' }, `(${f.kind === 'holidays' ? 'holidays' : 'away periods'})`),
    el('p', { class: 'muted feed-source' }, `Source: ${f.source}`),
    status,
    periodsTable(f.periods));
}

/** Appends the section to `root` when the tenant's teams import any calendar. */
export async function appendImportedCalendars(root, tenantId) {
  try {
    const r = await get(`/api/v1/tenants/${encodeURIComponent(tenantId)}/calendars`);
    if (r.calendars.length === 0) return;
    root.append(el('h3', {}, 'Imported calendars'), el('div', { id: 'imported-calendars', class: 'cards' }, ...r.calendars.map(feedCard)));
  } catch (err) {
    const error = el('p', { class: 'error', role: 'alert' });
    root.append(el('h3', {}, 'Imported calendars'), error);
    showError(error, err);
  }
}
