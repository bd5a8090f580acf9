// `tandem-collector routes ...`: route tester and ownership tools that work
// without a running server, on an ownership config file.
//   routes test   --config <ownership.yaml> --tenant <id> [--at <ISO>] [--rules <rules.yaml>] [--json] key=value ...
//   routes matrix --config <ownership.yaml> [--rules <rules.yaml>] [--at <ISO>] [--json]
//   routes gaps   --config <ownership.yaml> [--rules <rules.yaml>] [--at <ISO>] [--days N] [--json]
// --rules is the rule pack collector.yaml's rules.file names (default: the built-in pack): it says which
// category and severities each rule raises.
import { parseArgs } from 'node:util';
import { CollectorError } from '../errors.js';
import { DEFAULT_RULES_FILE, loadRulePackFile } from '../rules/load-rules.js';
import { SEVERITIES } from '../rules/rule-pack.js';
import type { RuleDefinition } from '../rules/rule-pack.js';
import { coverageGaps, formatGaps, markGaps } from './coverage-gaps.js';
import { decideRoute } from './decide-route.js';
import { loadOwnershipFile } from './load-ownership.js';
import type { RouteSubject } from './match-line.js';
import { classesFromRules, formatMatrix, groupsFromConfig, ownershipMatrix } from './ownership-matrix.js';
import { formatMinutes, iso } from './routing-trace.js';

const KEYS = ['category', 'severity', 'rule', 'site', 'tags', 'os', 'role', 'at'] as const;

const usage = (m: string) => new CollectorError('COL_ERR_USAGE', m);

/** Turns `category=security tags=a,b` into a route subject; a rule fills in its own category and top severity. */
export function subjectFromPairs(pairs: string[], rules: RuleDefinition[] = loadRulePackFile(DEFAULT_RULES_FILE).pack.rules): { subject: RouteSubject; at: string | null } {
  const values = new Map<string, string>();
  for (const p of pairs) {
    const eq = p.indexOf('=');
    const key = eq > 0 ? p.slice(0, eq) : p;
    if (eq <= 0 || !(KEYS as readonly string[]).includes(key)) throw usage(`routes test: "${p}": expected key=value with key one of ${KEYS.join(', ')}`);
    values.set(key, p.slice(eq + 1));
  }
  const rule = values.get('rule') ?? '';
  let category = values.get('category');
  let severity = values.get('severity');
  if (rule && (!category || !severity)) {
    const def = rules.find((r) => r.id === rule);
    category ??= def?.category;
    severity ??= def?.levels[0]?.severity;
  }
  if (!category) throw usage(`routes test: needs category=<category> (or rule=<a rule of the pack>)${rule ? `; the pack has no rule ${rule}` : ''}`);
  severity ??= 'warning';
  if (!(SEVERITIES as readonly string[]).includes(severity)) throw usage(`routes test: severity=${severity}: expected one of ${SEVERITIES.join(', ')}`);
  const tags = values.get('tags');
  return {
    subject: {
      category, rule, severity, site: values.get('site') ?? null, tags: tags ? tags.split(',').map((t) => t.trim()).filter(Boolean) : [],
      os: values.get('os') ?? null, role: values.get('role') ?? null,
    },
    at: values.get('at') ?? null,
  };
}

function parseAt(text: string | null | undefined): number {
  if (!text) return Date.now();
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw usage(`--at: expected an ISO time like 2026-12-01T09:30:00+01:00, got "${text}"`);
  return at;
}

/** The rule pack: the file collector.yaml's rules.file names, or the built-in one. */
function rulesFrom(file: string | undefined): RuleDefinition[] {
  const loaded = loadRulePackFile(file ?? DEFAULT_RULES_FILE);
  return loaded.pack.rules;
}

const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

export async function runRoutesCli(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      config: { type: 'string' }, tenant: { type: 'string' }, at: { type: 'string' }, json: { type: 'boolean' }, days: { type: 'string' }, rules: { type: 'string' },
    },
  });
  const [sub, ...rest] = positionals;
  if (sub !== 'test' && sub !== 'matrix' && sub !== 'gaps') throw usage(`routes: unknown subcommand "${sub ?? ''}"; expected test, matrix or gaps`);
  if (!values.config) throw usage(`routes ${sub}: needs --config <ownership.yaml>`);
  // A decision is always a tenant's: the tester says whose, and refuses an id no tenant can have.
  if (sub === 'test' && !values.tenant) throw usage('routes test: needs --tenant <id>, the tenant whose ownership config --config is');
  if (values.tenant !== undefined && !TENANT_ID.test(values.tenant)) throw usage(`--tenant: "${values.tenant}" is not a tenant id (letters, digits, - and _)`);
  const { config } = loadOwnershipFile(values.config);
  const rules = rulesFrom(values.rules);
  const json = values.json ?? false;
  // `at=` and `days=` work like --at and --days, for shells and wrappers that pass only key=value words.
  const pair = (key: string) => rest.find((r) => r.startsWith(`${key}=`))?.slice(key.length + 1);
  switch (sub) {
    case 'test': {
      const { subject, at: atPair } = subjectFromPairs(rest, rules);
      const at = parseAt(values.at ?? atPair);
      const d = decideRoute({ config, subject, at });
      const escalatesAt = at + d.escalation.afterMinutes * 60_000;
      if (json) {
        console.log(JSON.stringify({
          tenant: values.tenant, at: iso(at), owner: d.owner, lineOwner: d.lineOwner, line: d.line, lineId: d.lineId, coverage: d.coverage,
          slaMinutes: d.slaMinutes, escalation: { to: d.escalation.to, afterMinutes: d.escalation.afterMinutes, at: iso(escalatesAt) },
          channels: d.channels.map((c) => `${c.team}/${c.channel}`), muted: d.muted !== null, trace: d.trace,
        }));
      } else {
        console.log([
          `tenant:     ${values.tenant}`,
          `at:         ${iso(at)}`,
          `line:       ${d.line === null ? 'none (default owner)' : `${d.line}${d.lineId ? ` (${d.lineId})` : ''}`}`,
          `owner:      ${d.owner}${d.owner !== d.lineOwner ? ` (owned by ${d.lineOwner})` : ''}`,
          ...(d.coverage.length > 0 ? [`coverage:   ${d.coverage.join('; ')}`] : []),
          `SLA:        ${formatMinutes(d.slaMinutes)}`,
          `escalation: after ${formatMinutes(d.escalation.afterMinutes)} → ${d.escalation.to} (at ${iso(escalatesAt)} if fired then)`,
          `channels:   ${d.channels.map((c) => `${c.team}/${c.channel}`).join(', ') || 'none'}${d.muted ? ' (muted)' : ''}`,
          'trace:',
          ...d.trace.map((t) => `  ${t}`),
        ].join('\n'));
      }
      return 0;
    }
    case 'matrix': {
      const classes = classesFromRules(rules);
      const groups = groupsFromConfig(config);
      const at = parseAt(values.at ?? pair('at'));
      const rows = markGaps(ownershipMatrix(config, classes, groups, at), coverageGaps(config, classes, groups, at, 28));
      console.log(json ? JSON.stringify(rows, null, 2) : formatMatrix(rows));
      return 0;
    }
    case 'gaps': {
      const daysText = values.days ?? pair('days');
      const days = daysText === undefined ? 28 : Number(daysText);
      if (!Number.isInteger(days) || days < 1 || days > 366) throw usage(`--days: expected a whole number of days from 1 to 366, got "${daysText}"`);
      const gaps = coverageGaps(config, classesFromRules(rules), groupsFromConfig(config), parseAt(values.at ?? pair('at')), days);
      console.log(json ? JSON.stringify(gaps.map(({ affected: _all, ...g }) => g), null, 2) : formatGaps(gaps));
      return 0;
    }
  }
}
