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
    const uniform = (c: ResponsibilityCell, f: 'owner' | 'response') => new Set(Object.values(c.rules).map((r) => r[f])).size <= 1;
    for (const f of ['owner', 'response'] as const) {
      if (a[f] === b[f]) continue;
      const say = (name: string, x: string, y: string) => out.push(f === 'owner' ? `${name}: ${x} → ${y}` : `response time for ${name}: ${x} → ${y}`);
      // One category-wide change reads as one sentence; where its rules differ, each changed rule is named.
      if (uniform(a, f) && uniform(b, f)) say(cellName(b), a[f], b[f]);
      else for (const [rule, r] of Object.entries(b.rules)) {
        const was = a.rules[rule];
        if (was && was[f] !== r[f]) say(`${rule} alerts (${b.severity}) on ${b.group}`, was[f], r[f]);
      }
    }
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
