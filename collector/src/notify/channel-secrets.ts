// Channel secrets are write-only. An ownership config shown by the API
// carries each secret masked ("••••" and its last four characters, enough to
// tell two keys apart); a reference (`env:NAME`, `file:/path`) is not a
// secret and is shown as written. A config sent back with a masked value
// keeps the stored secret, so reading a config and writing it back (the UI,
// `ownership diff`/`apply`) never destroys a secret. The provider's channels
// are the provider's own infrastructure: internal roles see only their name
// and type (what a routing trace names), never even a masked key.
import { isMap, isSeq, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { isSecretReference } from './channel-config.js';

export const MASK = '••••';

/** Where a team's config holds credentials: its channels, and its imported calendars (a calendar's private address is one). */
const HOLDERS = ['channels', 'calendars'] as const;
type Holder = (typeof HOLDERS)[number];

/** The fields of each channel type (or a calendar) that hold a credential, as paths inside it. */
function secretPaths(channel: Record<string, unknown>, holder: Holder = 'channels'): string[][] {
  if (holder === 'calendars') return [['url']];
  switch (channel.type) {
    case 'webhook': return [['url'], ['hmacSecret'], ...Object.keys(isObject(channel.headers) ? channel.headers : {}).map((h) => ['headers', h])];
    case 'slack': case 'teams': return [['url']];
    // A custom events URL (a proxy, a relay) may carry a key of its own.
    case 'pagerduty': return [['routingKey'], ['url']];
    case 'email': return [['smtp', 'password']];
    // References only (the schema refuses literals); listed so a literal could never be shown.
    case 'ticket': return Object.keys(isObject(channel.credentials) ? channel.credentials : {}).map((k) => ['credentials', k]);
    default: return [];
  }
}

/** What internal roles see of a provider channel. */
const PUBLIC_FIELDS = new Set(['name', 'type', 'activeDuring']);
const TEAMS = ['internal', 'provider'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A secret as the API shows it: a reference as written; a URL keeps its
 * origin (where notifications go is not the secret, its path and query may
 * be); anything else is masked with its last four characters once it is long
 * enough that four characters give nothing away.
 */
export function maskSecret(value: string): string {
  if (isSecretReference(value)) return value;
  const url = /^(https?:\/\/[^/?#\s]+)(.*)$/.exec(value);
  if (url) {
    const origin = url[1]!.replace(/\/\/[^@/]*@/, '//');
    return url[2]!.length > 0 ? `${origin}/${maskTail(url[2]!)}` : origin;
  }
  return maskTail(value);
}

const maskTail = (value: string): string => (value.length >= 12 ? `${MASK}${value.slice(-4)}` : MASK);

export const isMasked = (value: unknown): value is string => typeof value === 'string' && value.includes(MASK);

export interface MaskOptions {
  /** false for internal roles: provider channels shrink to name and type. */
  providerChannels: boolean;
}

/** Reads and writes one config, whether a plain document or YAML text, by path. */
interface ConfigAccess {
  get(path: Array<string | number>): unknown;
  set(path: Array<string | number>, value: string): void;
  remove(path: Array<string | number>): void;
  count(team: string, holder: Holder): number;
  keys(path: Array<string | number>): string[];
}

function objectAccess(root: Record<string, unknown>): ConfigAccess {
  const at = (path: Array<string | number>): unknown => path.reduce<unknown>((v, k) => (v === null || typeof v !== 'object' ? undefined : (v as Record<string | number, unknown>)[k]), root);
  return {
    get: at,
    set: (path, value) => { (at(path.slice(0, -1)) as Record<string | number, unknown>)[path.at(-1)!] = value; },
    remove: (path) => { delete (at(path.slice(0, -1)) as Record<string | number, unknown>)[path.at(-1)!]; },
    count: (team, holder) => { const c = at(['teams', team, holder]); return Array.isArray(c) ? c.length : 0; },
    keys: (path) => { const v = at(path); return isObject(v) ? Object.keys(v) : []; },
  };
}

/**
 * YAML text edited in place: each changed value is replaced where it stands
 * in the text (as a double-quoted scalar), so comments, order and layout of
 * everything else stay exactly as written.
 */
function yamlAccess(doc: Document, edits: Array<{ from: number; to: number; text: string }>): ConfigAccess {
  const node = (path: Array<string | number>) => doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  return {
    get: (path) => { const v = doc.getIn(path, false); return isMap(v) || isSeq(v) ? (v.toJSON() as unknown) : v; },
    set: (path, value) => {
      const r = node(path)?.range;
      if (r) edits.push({ from: r[0], to: r[1], text: JSON.stringify(value) });
    },
    // Removing keys from text is done channel by channel (see collapse()).
    remove: () => {},
    count: (team, holder) => { const c = doc.getIn(['teams', team, holder], true); return isSeq(c) ? c.items.length : 0; },
    keys: (path) => { const v = doc.getIn(path, true); return isMap(v) ? v.items.map((p) => String((p.key as { value?: unknown })?.value ?? p.key)) : []; },
  };
}

function applyEdits(text: string, edits: Array<{ from: number; to: number; text: string }>): string {
  let out = text;
  for (const e of [...edits].sort((x, y) => y.from - x.from)) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}

function eachChannel(a: ConfigAccess, visit: (team: (typeof TEAMS)[number], path: Array<string | number>, channel: Record<string, unknown>, holder: Holder) => void): void {
  for (const team of TEAMS) {
    for (const holder of HOLDERS) {
      for (let i = 0; i < a.count(team, holder); i++) {
        const item = a.get(['teams', team, holder, i]);
        if (isObject(item)) visit(team, ['teams', team, holder, i], item, holder);
      }
    }
  }
}

function maskIn(a: ConfigAccess, o: MaskOptions): void {
  eachChannel(a, (team, path, channel, holder) => {
    if (team === 'provider' && !o.providerChannels && holder === 'channels') {
      for (const key of a.keys(path)) if (!PUBLIC_FIELDS.has(key)) a.remove([...path, key]);
      return;
    }
    for (const p of secretPaths(channel, holder)) {
      const v = a.get([...path, ...p]);
      if (typeof v === 'string') a.set([...path, ...p], maskSecret(v));
    }
  });
}

/** A copy of an ownership document fit for the API: secrets masked. */
export function maskOwnershipDocument<T>(document: T, o: MaskOptions): T {
  if (!isObject(document)) return document;
  const copy = structuredClone(document) as Record<string, unknown>;
  maskIn(objectAccess(copy), o);
  return copy as T;
}

/** The YAML text of an ownership config with its secrets masked; comments and layout stay. */
export function maskOwnershipText(text: string, o: MaskOptions): string | null {
  const doc = parseDocument(text);
  // Stored text was valid when stored; if it no longer parses, show nothing rather than risk a secret.
  if (doc.errors.length > 0) return null;
  const edits: Array<{ from: number; to: number; text: string }> = [];
  const a = yamlAccess(doc, edits);
  eachChannel(a, (team, path, channel, holder) => {
    if (team === 'provider' && !o.providerChannels && holder === 'channels') {
      // The whole channel becomes `{ name, type }`; a channel written without a range cannot be shown safely.
      const r = (doc.getIn(path, true) as { range?: [number, number, number] } | undefined)?.range;
      if (!r) throw new Error('ownership text: a provider channel has no position');
      const shown = Object.fromEntries(Object.entries(channel).filter(([k]) => PUBLIC_FIELDS.has(k)));
      // A block mapping's range takes in the line break after it; the flow mapping that replaces it keeps that break.
      const trailing = /\s*$/.exec(text.slice(r[0], r[1]))![0];
      edits.push({ from: r[0], to: r[1], text: `{ ${Object.entries(shown).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')} }${trailing}` });
      return;
    }
    for (const p of secretPaths(channel, holder)) {
      const v = a.get([...path, ...p]);
      // A reference is shown as written, untouched.
      if (typeof v === 'string' && maskSecret(v) !== v) a.set([...path, ...p], maskSecret(v));
    }
  });
  return applyEdits(text, edits);
}

function restoreIn(a: ConfigAccess, stored: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const before = objectAccess(stored);
  eachChannel(a, (team, path, channel, holder) => {
    for (const p of secretPaths(channel, holder)) {
      const v = a.get([...path, ...p]);
      if (!isMasked(v)) continue;
      // The same channel or calendar (team and name) in the stored config, holding a secret with this mask.
      const storedChannels = before.get(['teams', team, holder]);
      const match = Array.isArray(storedChannels) ? storedChannels.find((c) => isObject(c) && c.name === channel.name) as Record<string, unknown> | undefined : undefined;
      const old = match ? objectAccess(match).get(p) : undefined;
      if (typeof old === 'string' && maskSecret(old) === v) a.set([...path, ...p], old);
      else problems.push(`${[...path, ...p].join('.')}: "${v}" is a masked secret, but ${holder === 'channels' ? 'channel' : 'calendar'} "${String(channel.name)}" of team ${team} has no stored secret it stands for; send the secret itself, env:NAME${holder === 'channels' ? ' or file:/path' : ''}`);
    }
  });
  return problems;
}

/**
 * A config sent for storing, with each masked secret replaced by the stored
 * secret it stands for (same team, channel name and field). A masked value
 * that stands for nothing stored is a problem, never stored as a secret.
 */
export function restoreMaskedSecrets(body: unknown, stored: Record<string, unknown>): { ok: true; body: unknown } | { ok: false; problems: string[] } {
  if (typeof body === 'string') {
    if (!body.includes(MASK)) return { ok: true, body };
    const doc = parseDocument(body);
    // A text that does not parse is left to the ownership validation, which names the line.
    if (doc.errors.length > 0) return { ok: true, body };
    const edits: Array<{ from: number; to: number; text: string }> = [];
    const problems = restoreIn(yamlAccess(doc, edits), stored);
    return problems.length > 0 ? { ok: false, problems } : { ok: true, body: applyEdits(body, edits) };
  }
  if (!isObject(body)) return { ok: true, body };
  const copy = structuredClone(body);
  const problems = restoreIn(objectAccess(copy), stored);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, body: copy };
}
