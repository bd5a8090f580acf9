// The contract document as Markdown (for the agreement's source) and as
// printable HTML (for the appendix and its PDF).
import { escapeHtml, htmlPage, htmlTable } from '../reports/html.js';
import { formatMinutes } from '../routing/routing-trace.js';
import type { ContractDocument } from './contract-document.js';
import { TEAM_TITLES } from './contract-document.js';

const versionText = (d: ContractDocument) => (d.version === null
  ? 'built-in default (no version stored yet)'
  : `version ${d.version}${d.versionAt !== null ? `, ${new Date(d.versionAt).toISOString().slice(0, 10)}` : ''}${d.versionBy ? ` by ${d.versionBy}` : ''}`);

const MATRIX_HEAD = ['Category', 'Severity', 'Devices', 'Owner', 'Response time', 'Escalation'];
const matrixRows = (d: ContractDocument) => d.matrix.map((c) => [c.category, c.severity, c.group, c.owner, c.response, c.escalation]);

export function contractMarkdown(d: ContractDocument): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const table = (head: string[], rows: string[][]) => [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
  const list = (xs: string[]) => (xs.length > 0 ? xs.map((x) => `- ${x}`).join('\n') : '- none');
  return [
    `# Who owns what: ${d.tenantName}`, '',
    `Appendix to the service agreement. Ownership config ${versionText(d)}.`, '',
    '## Responsibility matrix', '', table(MATRIX_HEAD, matrixRows(d)), '',
    '## Hours and coverage', '',
    list(d.teams.map((t) => `${TEAM_TITLES[t.team]}: ${t.hours}${t.holidays.length > 0 ? `; holidays ${t.holidays.join(', ')}` : ''}${t.calendars.length > 0 ? `; calendars ${t.calendars.join(', ')}` : ''}`)), '',
    list(d.coverage), '',
    '## Response times', '', list(d.responseTimes.map((r) => `${r.severity}: ${formatMinutes(r.minutes)} unless a line below says otherwise`)), '',
    '## Ownership lines (first match wins)', '', list(d.lines), '',
    '## Escalation', '', list(d.escalation), '',
    '## Notification channels', '', list(d.teams.map((t) => `${TEAM_TITLES[t.team]}: ${t.channels.join(', ') || 'none'}`)), '',
    '## Guardrails', '', list(d.guardrails), '',
    '## What internal IT may change', '', list(d.internalMayChange), '',
  ].join('\n');
}

export function contractHtml(d: ContractDocument): string {
  const list = (xs: string[]) => `<ul>${(xs.length > 0 ? xs : ['none']).map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>`;
  return htmlPage(`Who owns what: ${d.tenantName}`, [
    `<h1>Who owns what: ${escapeHtml(d.tenantName)}</h1>`,
    `<p class="meta">Appendix to the service agreement · tenant ${escapeHtml(d.tenantId)} · ownership config ${escapeHtml(versionText(d))}</p>`,
    '<h2>Responsibility matrix</h2>', htmlTable(MATRIX_HEAD, matrixRows(d)),
    '<h2>Hours and coverage</h2>', htmlTable(['Team', 'Hours', 'Holidays', 'Calendars'], d.teams.map((t) => [TEAM_TITLES[t.team], t.hours, t.holidays.join(', ') || '–', t.calendars.join(', ') || '–'])),
    list(d.coverage),
    '<h2>Response times</h2>', htmlTable(['Severity', 'Response time'], d.responseTimes.map((r) => [r.severity, formatMinutes(r.minutes)])),
    '<p class="meta">Defaults; a line below may set its own.</p>',
    '<h2>Ownership lines (first match wins)</h2>', list(d.lines),
    '<h2>Escalation</h2>', list(d.escalation),
    '<h2>Notification channels</h2>', list(d.teams.map((t) => `${TEAM_TITLES[t.team]}: ${t.channels.join(', ') || 'none'}`)),
    '<h2>Guardrails</h2>', list(d.guardrails),
    '<h2>What internal IT may change</h2>', list(d.internalMayChange),
  ].join('\n'));
}
