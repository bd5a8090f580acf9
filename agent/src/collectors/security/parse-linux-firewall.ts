// Pure readers of the Linux firewall front-ends: text in, one reading out.
// "enabled" always means "inbound traffic is filtered", whatever front-end
// set it up, so a ufw that is active with an allow-all default is not on.
import type { ToolOutput } from '../../parse/parse-source.js';
import { shortLine } from '../../parse/short-line.js';

export interface FirewallReading {
  /** Front-end the reading comes from: ufw, firewalld, nftables, iptables. */
  profile: string;
  /** null when the tool did not give a usable answer (see reason). */
  enabled: boolean | null;
  reason: string | null;
}

/** First non-empty line of a text, trimmed; tools put their one-line error there. */
export function firstLine(text: string): string {
  return text.split(/\r?\n/).map((l) => l.trim()).find((l) => l.length > 0) ?? '';
}

/** `<tool> failed (exit N): <first line of stderr or stdout>` */
export function toolFailure(tool: string, output: ToolOutput): string {
  const line = firstLine(output.stderr) || firstLine(output.stdout);
  const exit = output.exitCode === null ? 'killed or timed out' : `exit ${output.exitCode}`;
  return `${tool} failed (${exit})${line ? `: ${shortLine(line)}` : ''}`;
}

function lines(text: string): string[] {
  return text.split(/\r?\n/);
}

// ufw is translated with gettext; the runner forces LC_ALL=C, but pasted
// output from a technician's shell may be localized. Inactive forms are
// checked first because most of them contain the active form.
const UFW_INACTIVE = new Set(['inactive', 'inaktiv', 'inactif', 'inactivo', 'inattivo', 'inativo', 'inactief', 'nieaktywny', 'neaktivní', 'неактивен', 'не активен']);
const UFW_ACTIVE = new Set(['active', 'aktiv', 'actif', 'activo', 'attivo', 'ativo', 'actief', 'aktywny', 'aktivní', 'активен']);

/** `ufw status` or `ufw status verbose`. */
export function parseUfwStatus(output: ToolOutput): FirewallReading {
  const profile = 'ufw';
  const all = `${output.stdout}\n${output.stderr}`;
  if (/need to be root/i.test(all)) {
    return { profile, enabled: null, reason: `ufw status needs root: ${firstLine(all.match(/^.*need to be root.*$/im)?.[0] ?? '')}` };
  }
  if (output.exitCode !== 0) return { profile, enabled: null, reason: toolFailure('ufw status', output) };
  const statusLine = lines(output.stdout).map((l) => l.trim()).find((l) => l.includes(':'));
  if (!statusLine) return { profile, enabled: null, reason: 'ufw status printed no status line' };
  const value = statusLine.slice(statusLine.indexOf(':') + 1).trim().toLowerCase().replace(/[.!]+$/, '');
  if (UFW_INACTIVE.has(value)) return { profile, enabled: false, reason: null };
  if (!UFW_ACTIVE.has(value)) return { profile, enabled: null, reason: `unrecognised ufw status "${shortLine(statusLine)}"` };
  // `ufw status verbose` shows the default policy: active with "allow
  // (incoming)" and no deny rule filters nothing, a green light that lies.
  const defaults = lines(output.stdout).find((l) => /^\s*Default:/i.test(l));
  if (defaults && /\ballow\s*\(incoming\)/i.test(defaults)) {
    const denies = lines(output.stdout).some((l) => /\s(DENY|REJECT|LIMIT)(\s+(IN|FWD))?\s/.test(` ${l} `));
    if (!denies) return { profile, enabled: false, reason: null };
  }
  return { profile, enabled: true, reason: null };
}

/** `firewall-cmd --state`: "running" exit 0, "not running" exit 252. */
export function parseFirewallCmdState(output: ToolOutput): FirewallReading {
  const profile = 'firewalld';
  const text = `${output.stdout}\n${output.stderr}`.trim().toLowerCase();
  if (output.exitCode === 0 && firstLine(output.stdout).toLowerCase() === 'running') return { profile, enabled: true, reason: null };
  if (/^not running$/m.test(text) && (output.exitCode === 252 || output.exitCode === 0)) return { profile, enabled: false, reason: null };
  if (output.exitCode === 0) return { profile, enabled: null, reason: `unrecognised firewall-cmd --state output "${shortLine(firstLine(output.stdout))}"` };
  return { profile, enabled: null, reason: toolFailure('firewall-cmd --state', output) };
}

// A rule filters when it can end in drop or reject. Quoted strings (comments,
// log prefixes) and jump targets are removed first so that a chain named
// "ufw-drop" or a prefix "[UFW BLOCK]" does not count.
const VERDICT = /(?:^|[\s{:,])(drop|reject)(?=$|[\s,;}])/i;

function ruleVerdicts(rule: string): { filters: boolean; jumps: string[] } {
  const xtTarget = /xt target "(DROP|REJECT)"/i.test(rule);
  const jumps: string[] = [];
  const stripped = rule
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\b(jump|goto)\s+([^\s,;}]+)/g, (_m, _kw: string, target: string) => {
      jumps.push(target);
      return '';
    });
  return { filters: xtTarget || VERDICT.test(stripped), jumps };
}

interface NftChain {
  hook: string | null;
  type: string | null;
  policy: string | null;
  filters: boolean;
  jumps: string[];
}

/**
 * `nft list ruleset`: on when a filter chain on the input (or ingress) hook
 * has a drop policy, or it (or a chain it jumps to) has a drop/reject rule.
 * Accept-only chains, nat and forward chains (Docker, libvirt) do not
 * protect the host and count as off.
 */
export function parseNftRuleset(output: ToolOutput): FirewallReading {
  const profile = 'nftables';
  if (output.exitCode !== 0) {
    const why = /operation not permitted|permission denied/i.test(`${output.stderr}${output.stdout}`) ? ' (needs root)' : '';
    return { profile, enabled: null, reason: `${toolFailure('nft list ruleset', output)}${why}` };
  }
  const tables = new Map<string, Map<string, NftChain>>();
  let table: Map<string, NftChain> | null = null;
  let chain: NftChain | null = null;
  let depth = 0;
  let chainDepth = -1;
  for (const raw of lines(output.stdout)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const opens = (line.match(/\{/g) ?? []).length;
    const closes = (line.match(/\}/g) ?? []).length;
    const tableMatch = depth === 0 ? /^table\s+(\S+)\s+(\S+)\s*\{/.exec(line) : null;
    const chainMatch = table && depth === 1 ? /^chain\s+(\S+)\s*\{/.exec(line) : null;
    if (tableMatch) {
      const key = `${tableMatch[1]} ${tableMatch[2]}`;
      table = tables.get(key) ?? new Map();
      tables.set(key, table);
    } else if (chainMatch && table) {
      chain = { hook: null, type: null, policy: null, filters: false, jumps: [] };
      table.set(chainMatch[1] as string, chain);
      chainDepth = depth + 1;
    } else if (chain && depth === chainDepth) {
      const header = /\btype\s+(\w+)\s+hook\s+(\w+)/.exec(line);
      if (header) {
        chain.type = header[1] ?? null;
        chain.hook = header[2] ?? null;
        chain.policy = /\bpolicy\s+(\w+)/.exec(line)?.[1] ?? chain.policy;
      } else if (!/^comment\s+"/.test(line) && !line.startsWith('}')) {
        const v = ruleVerdicts(line);
        chain.filters ||= v.filters;
        chain.jumps.push(...v.jumps);
      }
    }
    depth += opens - closes;
    if (chain && depth < chainDepth) {
      chain = null;
      chainDepth = -1;
    }
    if (depth <= 0) {
      depth = 0;
      table = null;
    }
  }
  for (const chains of tables.values()) {
    for (const c of chains.values()) {
      if (c.type !== 'filter' || (c.hook !== 'input' && c.hook !== 'ingress')) continue;
      if (c.policy === 'drop' || reaches(c, chains, new Set())) return { profile, enabled: true, reason: null };
    }
  }
  return { profile, enabled: false, reason: null };
}

function reaches(chain: NftChain, chains: Map<string, NftChain>, seen: Set<NftChain>): boolean {
  if (chain.filters) return true;
  seen.add(chain);
  return chain.jumps.some((name) => {
    const next = chains.get(name);
    return next !== undefined && !seen.has(next) && reaches(next, chains, seen);
  });
}

/**
 * `iptables -S` (filter table): on when INPUT's policy is DROP, or INPUT or
 * a chain it jumps to ends a rule in DROP or REJECT. On current distributions
 * this is iptables-nft and shows the same kernel state as nft; on older ones
 * it is the only view of legacy rules.
 */
export function parseIptablesRules(output: ToolOutput): FirewallReading {
  const profile = 'iptables';
  if (output.exitCode !== 0) {
    const why = /permission denied|you must be root/i.test(`${output.stderr}${output.stdout}`) ? ' (needs root)' : '';
    return { profile, enabled: null, reason: `${toolFailure('iptables -S', output)}${why}` };
  }
  const policies = new Map<string, string>();
  const chains = new Map<string, { filters: boolean; jumps: string[] }>();
  const get = (name: string) => {
    let c = chains.get(name);
    if (!c) {
      c = { filters: false, jumps: [] };
      chains.set(name, c);
    }
    return c;
  };
  let sawAny = false;
  for (const raw of lines(output.stdout)) {
    const line = raw.trim();
    const policy = /^-P\s+(\S+)\s+(\S+)/.exec(line);
    if (policy) {
      sawAny = true;
      policies.set(policy[1] as string, (policy[2] as string).toUpperCase());
      continue;
    }
    const rule = /^-A\s+(\S+)\s+(.*)$/.exec(line);
    if (!rule) continue;
    sawAny = true;
    const c = get(rule[1] as string);
    const target = /(?:^|\s)-[jg]\s+(\S+)/.exec(rule[2] as string)?.[1];
    if (!target) continue;
    if (target === 'DROP' || target === 'REJECT') c.filters = true;
    else if (target !== 'ACCEPT' && target !== 'RETURN' && target !== 'LOG') c.jumps.push(target);
  }
  if (!sawAny) return { profile, enabled: null, reason: 'iptables -S printed no policies or rules' };
  if (policies.get('INPUT') === 'DROP') return { profile, enabled: true, reason: null };
  const seen = new Set<string>();
  const walk = (name: string): boolean => {
    if (seen.has(name)) return false;
    seen.add(name);
    const c = chains.get(name);
    return c !== undefined && (c.filters || c.jumps.some(walk));
  };
  return { profile, enabled: walk('INPUT'), reason: null };
}
