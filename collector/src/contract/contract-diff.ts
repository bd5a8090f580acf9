// What changed between two versions of the contract, in plain words:
// "backup alerts on role=server (warning): provider → both". Pure: two
// documents in, sentences out.
import type { ContractDocument, ResponsibilityCell } from './contract-document.js';
import { TEAM_TITLES } from './contract-document.js';

const cellName = (c: Pick<ResponsibilityCell, 'category' | 'severity' | 'group'>) => `${c.category} alerts (${c.severity}) on ${c.group}`;

function listChanges(what: string, before: string[], after: string[]): string[] {
  const removed = before.filter((x) => !after.includes(x));
  const added = after.filter((x) => !before.includes(x));
  return [...removed.map((x) => `${what} removed: ${x}`), ...added.map((x) => `${what} added: ${x}`)];
}

interface CellChange { subject: string; severity: string; group: string; field: 'owner' | 'response'; from: string; to: string }

const SEVERITY_ORDER = ['critical', 'warning', 'info'];

/** Changes that differ only in severity read as one sentence: "backup alerts (critical, warning) on role=server: provider → both". */
function cellSentences(changes: CellChange[]): string[] {
  const merged = new Map<string, CellChange & { severities: string[] }>();
  for (const c of changes) {
    const k = [c.subject, c.group, c.field, c.from, c.to].join('\u0000');
    const m = merged.get(k);
    if (m) m.severities.push(c.severity);
    else merged.set(k, { ...c, severities: [c.severity] });
  }
  return [...merged.values()].map((m) => {
    const name = `${m.subject} (${m.severities.sort((a, b) => SEVERITY_ORDER.indexOf(a) - SEVERITY_ORDER.indexOf(b)).join(', ')}) on ${m.group}`;
    return m.field === 'owner' ? `${name}: ${m.from} → ${m.to}` : `response time for ${name}: ${m.from} → ${m.to}`;
  });
}

export function contractDiff(from: ContractDocument, to: ContractDocument): string[] {
  const out: string[] = [];
  const cells: CellChange[] = [];
  const key = (c: ResponsibilityCell) => `${c.category}\u0000${c.severity}\u0000${c.group}`;
  const before = new Map(from.matrix.map((c) => [key(c), c]));
  const after = new Map(to.matrix.map((c) => [key(c), c]));
  for (const [k, b] of after) {
    const a = before.get(k);
    if (!a) { out.push(`${cellName(b)}: new, owned by ${b.owner}, response ${b.response}`); continue; }
    const uniform = (c: ResponsibilityCell, f: 'owner' | 'response') => new Set(Object.values(c.rules).map((r) => r[f])).size <= 1;
    for (const f of ['owner', 'response'] as const) {
      if (a[f] === b[f]) continue;
      // One category-wide change reads as one sentence; where its rules differ, each changed rule is named.
      if (uniform(a, f) && uniform(b, f)) cells.push({ subject: `${b.category} alerts`, severity: b.severity, group: b.group, field: f, from: a[f], to: b[f] });
      else for (const [rule, r] of Object.entries(b.rules)) {
        const was = a.rules[rule];
        if (was && was[f] !== r[f]) cells.push({ subject: `${rule} alerts`, severity: b.severity, group: b.group, field: f, from: was[f], to: r[f] });
      }
    }
  }
  for (const [k, a] of before) if (!after.has(k)) out.push(`${cellName(a)}: no longer listed (was ${a.owner})`);
  out.push(...cellSentences(cells));
  for (const t of to.teams) {
    const a = from.teams.find((x) => x.team === t.team)!;
    if (a.hours !== t.hours) out.push(`${TEAM_TITLES[t.team]} hours: ${a.hours} → ${t.hours}`);
    out.push(...listChanges(`${TEAM_TITLES[t.team]} holiday`, a.holidays, t.holidays));
    out.push(...listChanges(`${TEAM_TITLES[t.team]} channel`, a.channels, t.channels));
    out.push(...listChanges(`${TEAM_TITLES[t.team]} calendar`, a.calendars, t.calendars));
  }
  for (const r of to.responseTimes) {
    const a = from.responseTimes.find((x) => x.severity === r.severity)!;
    if (a.minutes !== r.minutes) out.push(`default response time for ${r.severity} alerts: ${a.minutes} min → ${r.minutes} min`);
  }
  out.push(...listChanges('coverage', from.coverage, to.coverage));
  out.push(...listChanges('escalation', from.escalation, to.escalation));
  out.push(...listChanges('guardrail', from.guardrails, to.guardrails));
  return out;
}
