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

export function contractDiff(from: ContractDocument, to: ContractDocument): string[] {
  const out: string[] = [];
  const key = (c: ResponsibilityCell) => `${c.category}\u0000${c.severity}\u0000${c.group}`;
  const before = new Map(from.matrix.map((c) => [key(c), c]));
  const after = new Map(to.matrix.map((c) => [key(c), c]));
  for (const [k, b] of after) {
    const a = before.get(k);
    if (!a) { out.push(`${cellName(b)}: new, owned by ${b.owner}, response ${b.response}`); continue; }
    if (a.owner !== b.owner) out.push(`${cellName(b)}: ${a.owner} → ${b.owner}`);
    if (a.response !== b.response) out.push(`response time for ${cellName(b)}: ${a.response} → ${b.response}`);
  }
  for (const [k, a] of before) if (!after.has(k)) out.push(`${cellName(a)}: no longer listed (was ${a.owner})`);
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
