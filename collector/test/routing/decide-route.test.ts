// The pure routing core, table by table, with an injected clock.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decideEscalation, decideRoute } from '../../src/routing/decide-route.js';
import { nextEscalationStep } from '../../src/routing/escalation.js';
import { parseOwnership } from '../../src/routing/load-ownership.js';
import type { RouteSubject } from '../../src/routing/match-line.js';
import type { OwnershipConfig } from '../../src/routing/ownership-config.js';
import { withinHours } from '../../src/routing/business-hours.js';
import { applyTuning, guardrailViolation } from '../../src/routing/tuning.js';
import type { TuningRequest } from '../../src/routing/tuning.js';
import { defaultOwnership } from '../../src/routing/default-ownership.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/ownership.yaml', import.meta.url));
const text = readFileSync(FIXTURE, 'utf8');

function load(extra = ''): { config: OwnershipConfig; document: Record<string, unknown> } {
  const r = parseOwnership(text + extra, 'ownership.yaml');
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r;
}

const { config } = load();

// Wednesday 2026-11-18, 10:00 in New York (EST, UTC-5): internal IT at work.
const WORKDAY = Date.parse('2026-11-18T15:00:00Z');
const subject = (s: Partial<RouteSubject>): RouteSubject => ({ category: 'disk', rule: 'disk-full', severity: 'warning', site: null, tags: [], os: 'linux', role: null, ...s });

describe('first match wins, with negation and regex', () => {
  const cases: Array<[string, Partial<RouteSubject>, string, number, string]> = [
    ['security goes to the provider before the lab line', { category: 'security', rule: 'firewall-off', severity: 'critical', site: 'lab' }, 'provider', 15, 'line 1 (security): category=security → provider'],
    ['lab non-backup alerts are internal', { site: 'lab' }, 'internal', 240, 'line 2 (lab-not-backup): site=lab, category!=backup → internal'],
    ['a lab backup alert skips the negated line', { site: 'lab', category: 'backup', rule: 'backup-failed', role: 'server', tags: ['db-main'] }, 'both', 60, 'line 3 (db-servers): tags=/^db-/, role=server → both'],
    ['regex on tags needs a matching tag', { role: 'server', tags: ['web'] }, 'provider', 240, 'no line matched; default owner provider'],
    ['a list is any of', { role: 'laptop' }, 'internal', 240, 'line 4 (workstations): role in [workstation, laptop], os!=/^darwin$/ → internal'],
    ['a negated regex excludes', { role: 'laptop', os: 'darwin' }, 'provider', 240, 'no line matched; default owner provider'],
    ['line SLA per severity', { role: 'server', tags: ['db-1'], severity: 'warning' }, 'both', 60, 'line 3 (db-servers): tags=/^db-/, role=server → both'],
  ];
  it.each(cases)('%s', (_name, s, owner, sla, first) => {
    const d = decideRoute({ config, subject: subject(s), at: WORKDAY });
    expect(d.owner).toBe(owner);
    expect(d.slaMinutes).toBe(sla);
    expect(d.trace[0]).toBe(first);
  });
});

describe('business hours in a non-UTC zone, across DST', () => {
  const hours = config.teams.internal.hours!;
  const cases: Array<[string, string, boolean]> = [
    ['EST: 08:00 local is 13:00Z', '2026-03-06T13:00:00Z', true],
    ['EST: 07:59 local', '2026-03-06T12:59:00Z', false],
    // 2026-03-08 clocks go forward; Monday 2026-03-09 08:00 EDT is 12:00Z.
    ['EDT: 08:00 local is 12:00Z', '2026-03-09T12:00:00Z', true],
    ['EDT: 12:00Z the Friday before was still 07:00 EST', '2026-03-06T12:00:00Z', false],
    ['EDT: 16:59 local', '2026-03-09T20:59:00Z', true],
    ['EDT: 17:00 local is closed', '2026-03-09T21:00:00Z', false],
    // 2026-11-01 clocks go back; Monday 2026-11-02 08:00 EST is 13:00Z.
    ['back to EST: 12:30Z is 07:30 local', '2026-11-02T12:30:00Z', false],
    ['back to EST: 13:00Z is 08:00 local', '2026-11-02T13:00:00Z', true],
    ['Saturday', '2026-11-07T15:00:00Z', false],
  ];
  it.each(cases)('%s', (_name, at, open) => {
    expect(withinHours(hours, Date.parse(at)).open).toBe(open);
  });

  it('outside hours the provider covers, and the trace says why', () => {
    const night = Date.parse('2026-11-18T03:00:00Z'); // 22:00 Tuesday in New York
    const d = decideRoute({ config, subject: subject({ site: 'lab' }), at: night });
    expect(d.owner).toBe('provider');
    expect(d.lineOwner).toBe('internal');
    expect(d.trace).toContain('internal outside hours (Tue 22:00 EST, America/New_York, outside Mon-Fri 08:00-17:00) → provider covers');
    expect(d.channels).toEqual([{ team: 'provider', channel: 'noc-hook' }]);
  });

  it('the trace shows the local time and zone the decision used, inside hours too', () => {
    const d = decideRoute({ config, subject: subject({ site: 'lab' }), at: WORKDAY });
    expect(d.trace).toContain('internal in hours (Wed 10:00 EST, America/New_York, inside Mon-Fri 08:00-17:00)');
    // Summer time: the abbreviation follows the date.
    expect(decideRoute({ config, subject: subject({ site: 'lab' }), at: Date.parse('2026-07-15T14:30:00Z') }).trace).toContain('internal in hours (Wed 10:30 EDT, America/New_York, inside Mon-Fri 08:00-17:00)');
  });

  it('a window past midnight belongs to the day it starts', () => {
    const night = { timeZone: 'Europe/Berlin', days: ['fri' as const], fromMinute: 22 * 60, toMinute: 6 * 60, holidays: [] };
    expect(withinHours(night, Date.parse('2026-11-21T02:00:00Z')).open).toBe(true); // Sat 03:00 Berlin, Friday's shift
    expect(withinHours(night, Date.parse('2026-11-22T02:00:00Z')).open).toBe(false); // Sun 03:00, Saturday has no shift
  });
});

describe('holidays and away periods', () => {
  it('a holiday in the team zone hands the alert to the provider', () => {
    const d = decideRoute({ config, subject: subject({ site: 'lab' }), at: Date.parse('2026-11-26T15:00:00Z') });
    expect(d.owner).toBe('provider');
    expect(d.trace).toContain('internal holiday on 2026-11-26 (Thu 10:00 EST, America/New_York) → provider covers');
  });

  it('away until the end date inclusive, local to the team', () => {
    const during = decideRoute({ config, subject: subject({ site: 'lab' }), at: Date.parse('2026-12-04T15:00:00Z') });
    expect(during.owner).toBe('provider');
    expect(during.trace).toContain('internal away until 2026-12-05 (vacation) (Fri 10:00 EST, America/New_York) → provider covers');
    // 2026-12-06 00:30 UTC is still Saturday 2026-12-05 in New York: still away (and outside hours).
    expect(decideRoute({ config, subject: subject({ site: 'lab' }), at: Date.parse('2026-12-06T00:30:00Z') }).trace.some((t) => t.startsWith('internal away until'))).toBe(true);
    const after = decideRoute({ config, subject: subject({ site: 'lab' }), at: Date.parse('2026-12-07T15:00:00Z') });
    expect(after.owner).toBe('internal');
  });

  it('both-owner keeps the team that can act; both away is a coverage gap that still notifies', () => {
    const both = subject({ role: 'server', tags: ['db-1'] });
    expect(decideRoute({ config, subject: both, at: WORKDAY }).owner).toBe('both');
    const vacation = decideRoute({ config, subject: both, at: Date.parse('2026-12-02T15:00:00Z') });
    expect(vacation.owner).toBe('provider');
    const { config: bothAway } = load('');
    bothAway.teams.provider.away = [{ from: '2026-12-01', until: '2026-12-03', reason: 'NOC migration' }];
    const gap = decideRoute({ config: bothAway, subject: subject({ site: 'lab' }), at: Date.parse('2026-12-02T15:00:00Z') });
    expect(gap.trace).toContain('coverage gap: nobody can act now; notifying both anyway');
    expect(gap.owner).toBe('both');
  });

  it('coverage "both" and "owner" modes', () => {
    const { config: c } = load();
    c.coverage = { outsideHours: 'both', away: 'owner' };
    const night = decideRoute({ config: c, subject: subject({ site: 'lab' }), at: Date.parse('2026-11-18T03:00:00Z') });
    expect(night.owner).toBe('both');
    const away = decideRoute({ config: c, subject: subject({ site: 'lab' }), at: Date.parse('2026-12-02T15:00:00Z') });
    expect(away.owner).toBe('internal');
    expect(away.trace).toContain('internal away until 2026-12-05 (vacation) (Wed 10:00 EST, America/New_York); coverage keeps it with internal');
  });
});

describe('escalation and reminders', () => {
  const d = decideRoute({ config, subject: subject({ category: 'security', rule: 'firewall-off', severity: 'critical' }), at: WORKDAY });
  const progress = { firedAt: WORKDAY, plan: d.escalation, escalatedAt: null as number | null, reminders: 0, lastReminderAt: null as number | null };
  const MIN = 60_000;

  it('escalates once past the SLA, then reminds every 30 minutes, at most twice', () => {
    expect(d.escalation).toEqual({ afterMinutes: 15, to: 'internal', repeatEveryMinutes: 30, maxReminders: 2 });
    expect(nextEscalationStep(progress, 'firing', WORKDAY + 14 * MIN)).toEqual({ kind: 'none', nextAt: WORKDAY + 15 * MIN });
    expect(nextEscalationStep(progress, 'firing', WORKDAY + 15 * MIN)).toEqual({ kind: 'escalate' });
    expect(nextEscalationStep(progress, 'acknowledged', WORKDAY + 60 * MIN)).toEqual({ kind: 'none', nextAt: null });
    const escalated = { ...progress, escalatedAt: WORKDAY + 15 * MIN };
    expect(nextEscalationStep(escalated, 'firing', WORKDAY + 44 * MIN).kind).toBe('none');
    expect(nextEscalationStep(escalated, 'firing', WORKDAY + 45 * MIN)).toEqual({ kind: 'remind', reminder: 1 });
    const reminded = { ...escalated, reminders: 2, lastReminderAt: WORKDAY + 75 * MIN };
    expect(nextEscalationStep(reminded, 'firing', WORKDAY + 500 * MIN)).toEqual({ kind: 'none', nextAt: null });
  });

  it('the escalation decision widens to the target and says why', () => {
    const e = decideEscalation({ config, subject: subject({ category: 'security', rule: 'firewall-off', severity: 'critical' }), at: WORKDAY + 20 * MIN, firedAt: WORKDAY, previous: d });
    expect(e.owner).toBe('both');
    expect(e.channels.map((c) => c.channel).sort()).toEqual(['it-chat', 'noc-hook']);
    expect(e.trace[e.trace.length - 1]).toBe('unacknowledged 20 min after firing (SLA 15 min) → escalated to internal');
  });
});

describe('tuning and guardrails', () => {
  const at = WORKDAY;
  const tune = (request: TuningRequest, base = load()) => applyTuning({ document: base.document, config: base.config, request, id: 'tun_1', by: 'acme it', at });

  it.each<[string, TuningRequest, string | null]>([
    ['keep that could touch a locked line', { action: 'keep', match: { site: 'hq' }, reason: 'ours' }, 'lockedLines: security'],
    ['keep that excludes the locked line', { action: 'keep', match: { site: 'hq', category: '!security' }, reason: 'ours' }, null],
    ['handoff of another category', { action: 'handoff', match: { category: 'backup' }, reason: 'theirs' }, null],
    ['mute that could cover an unmutable rule', { action: 'mute', match: { category: 'security' }, reason: 'noise', until: '2026-11-20T00:00:00Z' }, 'unmutable.rules: firewall-off'],
    ['mute of critical alerts', { action: 'mute', match: { rule: 'disk-full' }, reason: 'noise', until: '2026-11-20T00:00:00Z' }, 'unmutable.severities: critical'],
    ['mute of warnings only', { action: 'mute', match: { rule: 'disk-full', severity: 'warning' }, reason: 'noise', until: '2026-11-20T00:00:00Z' }, null],
    ['fixed threshold', { action: 'threshold', rule: 'antivirus-signatures-stale', match: { role: 'server' }, params: { maxAge: '7d' }, reason: 'slow mirror' }, 'fixedThresholds: antivirus-signatures-stale'],
  ])('%s', (_name, request, guardrail) => {
    expect(guardrailViolation(config, request)?.guardrail ?? null).toBe(guardrail);
    const r = tune(request);
    if (guardrail) expect(r).toMatchObject({ ok: false, kind: 'guardrail', guardrail });
    else expect(r.ok).toBe(true);
  });

  it('keep moves the class to internal, unless the line is locked by the time it applies', () => {
    const r = tune({ action: 'keep', match: { category: 'disk' }, reason: 'we have the disks' });
    if (!r.ok) throw new Error(JSON.stringify(r));
    const d = decideRoute({ config: r.config, subject: subject({}), at });
    expect(d.owner).toBe('internal');
    expect(d.trace[1]).toBe('tuning tun_1 (keep by acme it: we have the disks): category=disk → internal');
    // The provider later locks a line that a standing keep overlaps: the lock wins.
    const locked = structuredClone(r.config);
    locked.lines[0]!.match = { fields: [] };
    expect(decideRoute({ config: locked, subject: subject({}), at }).trace[1]).toContain('not applied: line 1 (security) is locked by guardrail lockedLines');
  });

  it('a mute silences until it ends, and an unmutable alert ignores it', () => {
    const r = tune({ action: 'mute', match: { rule: 'disk-full', severity: 'warning' }, reason: 'migration', until: '2026-11-19T00:00:00Z' });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(decideRoute({ config: r.config, subject: subject({}), at }).muted).toMatchObject({ tuningId: 'tun_1', reason: 'migration' });
    expect(decideRoute({ config: r.config, subject: subject({}), at: Date.parse('2026-11-19T00:00:01Z') }).muted).toBeNull();
    const forced = structuredClone(r.config);
    forced.guardrails.unmutable.rules.push('disk-full');
    expect(decideRoute({ config: forced, subject: subject({}), at }).trace).toContain('tuning tun_1 (mute by acme it: migration) ignored: guardrail unmutable.rules includes disk-full');
  });

  it('a mute needs an end in the near future', () => {
    expect(tune({ action: 'mute', match: { rule: 'disk-full', severity: 'warning' }, reason: 'x' })).toMatchObject({ ok: false, kind: 'invalid' });
    expect(tune({ action: 'mute', match: { rule: 'disk-full', severity: 'warning' }, reason: 'x', until: '2027-06-01T00:00:00Z' })).toMatchObject({ ok: false, problems: ['body/until: a mute lasts at most 90 days'] });
  });
});

describe('validation and defaults', () => {
  it('lists every problem with its path', () => {
    const r = parseOwnership(readFileSync(fileURLToPath(new URL('./fixtures/broken-ownership.yaml', import.meta.url)), 'utf8'), 'broken-ownership.yaml');
    expect(r).toEqual({ ok: false, problems: ['broken-ownership.yaml: lines[2].match.severity: expected one of info, warning, critical'] });
    const many = parseOwnership('teams: { internal: { hours: { timeZone: Mars/Olympus, from: "8", to: "17:00" } } }\nlines: [{ owner: nobody, match: { site: "/[/" } }]\nextra: 1\n', 'o.yaml');
    expect(many.ok).toBe(false);
    if (!many.ok) {
      expect(many.problems).toEqual(expect.arrayContaining([
        'o.yaml: teams.internal.hours.timeZone: expected an IANA time zone like Europe/Berlin',
        'o.yaml: teams.internal.hours.from: expected a time of day like 08:00',
        'o.yaml: teams.provider: is required',
        'o.yaml: lines[0].owner: expected one of internal, provider, both',
        'o.yaml: lines[0].match.site: invalid regular expression /[/: Unterminated character class',
        'o.yaml: extra: unknown key',
      ]));
    }
  });

  it('a tenant without a config: the provider owns everything, around the clock', () => {
    const d = decideRoute({ config: defaultOwnership({ defaultOwner: 'provider', defaultSla: {}, defaultChannels: [] }), subject: subject({ severity: 'critical' }), at: Date.parse('2026-12-25T03:00:00Z') });
    expect(d).toMatchObject({ owner: 'provider', slaMinutes: 60 });
    expect(d.trace[0]).toBe('no line matched; default owner provider');
  });
});
