// Reads `softwareupdate -l` (macOS). The tool writes its progress headers
// ("Software Update Tool", "Finding available software", "No new software
// available.") to stderr and the update list to stdout, and exits 0 even when
// it could not reach Apple's servers, so the text decides, never the exit code
// alone. An output that neither lists updates nor says "no new software" is
// unknown: reporting zero pending on text we did not understand would be a
// false green.
import { emptyPatch, pendingUpdate, unknownTopic } from '@tandem/proto';
import type { PatchStatus, PendingUpdate } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';
import { shortLine } from '../../parse/short-line.js';

/** One entry of the list, in either layout. */
export interface SoftwareUpdateItem {
  /** What `softwareupdate -i` takes, e.g. `macOS Sonoma 14.2.1-23C71`. */
  label: string;
  title: string | null;
  version: string | null;
  recommended: boolean | null;
  /** True for `restart` and `shut down`; null when the detail line is missing or cut. */
  restart: boolean | null;
  /** The detail line was present and whole (new layout: ends with a comma). */
  complete: boolean;
}

export interface SoftwareUpdateList {
  items: SoftwareUpdateItem[];
  /** The tool said there is nothing to install. */
  noneAvailable: boolean;
  /** The "found the following new or updated software" header was seen. */
  listHeader: boolean;
  /** A line saying the check itself failed (network, catalog, server). */
  errorLine: string | null;
}

// "No new software available." in the languages softwareupdate is known to
// print it in; an unlisted translation with no items ends up unknown, not zero.
const NONE_AVAILABLE = [
  /no new software available/i,
  /keine neue software verf(?:ü|u)gbar/i,
  /aucun nouveau logiciel (?:n.est )?disponible/i,
  /no hay (?:software nuevo|nuevo software) disponible/i,
  /nessun nuovo software disponibile/i,
  /geen nieuwe software beschikbaar/i,
];

const LIST_HEADER = /found the following new or updated software|hat folgende neue|a trouv(?:é|e) les (?:nouveaux )?logiciels/i;

// Failure lines seen from softwareupdate when the catalog cannot be fetched.
const ERROR_LINE = /can(?:no|['’])?t connect|could ?n[o']?t connect|unable to connect|not connected to the internet|couldn['’]t be completed|error domain|\berror\b|failed|timed out|connexion impossible|verbindung.*nicht|fehler/i;

const LABEL_LINE = /^\s*([*-])\s*Label:\s*(.*?)\s*$/;
const OLD_ITEM_LINE = /^\s*([*-])\s+(.+?)\s*$/;
const NEW_DETAIL_LINE = /^\s*Title:\s*/;
const DETAIL_KEYS = /(?:^|,\s*)(Title|Version|Size|Recommended|Action|Deferred):\s*/g;

// Updates Apple names as security content: security updates, Rapid Security
// Responses (also recognisable by a "(a)"-style version suffix), Background
// Security Improvements, and the XProtect/MRT/Gatekeeper data that carries
// malware definitions.
const SECURITY_NAME = /security update|security response|background security improvement|xprotect|\bmrt\b|mrtconfigdata|gatekeeper (?:configuration|compatibility) data/i;
const RSR_VERSION = /\(\s*[a-z]\s*\)\s*$/i;

export function normalizeLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
}

function parseNewDetail(line: string, item: SoftwareUpdateItem): void {
  const fields = new Map<string, string>();
  const keys = [...line.replace(/^\s+/, '').matchAll(DETAIL_KEYS)];
  const text = line.replace(/^\s+/, '');
  // A complete detail line ends with a comma; without it the paste was cut,
  // the last value may be partial, and a missing Action does not mean "no restart".
  const complete = /,\s*$/.test(text);
  keys.forEach((m, i) => {
    if (!complete && i === keys.length - 1) return;
    const start = (m.index ?? 0) + m[0].length;
    const end = i + 1 < keys.length ? keys[i + 1]!.index ?? text.length : text.length;
    fields.set(m[1]!, text.slice(start, end).replace(/,\s*$/, '').trim());
  });
  item.complete = complete;
  item.title = fields.get('Title') || item.title;
  item.version = fields.get('Version') || null;
  const recommended = fields.get('Recommended');
  item.recommended = recommended === undefined ? null : /^yes$/i.test(recommended);
  const action = fields.get('Action');
  if (action !== undefined) item.restart = /restart|shut ?down/i.test(action);
  else item.restart = complete ? false : null;
}

function parseOldDetail(line: string, item: SoftwareUpdateItem): void {
  const flags = [...line.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!.toLowerCase());
  const body = line.replace(/\[[^\]]*\]/g, '').trim().replace(/,\s*$/, '');
  // "Title (version), size" since 10.9; "Title, version, size" before.
  const paren = /^(.*?),?\s*\(([^()]*)\)\s*(?:,\s*\S+)?$/.exec(body);
  if (paren) {
    item.title = paren[1]!.trim().replace(/,$/, '') || item.title;
    item.version = paren[2]!.trim() || null;
  } else {
    const parts = body.split(/,\s*/);
    if (parts.length >= 3) {
      item.title = parts.slice(0, -2).join(', ');
      item.version = parts[parts.length - 2]!.trim() || null;
    } else {
      item.title = body || item.title;
    }
  }
  item.complete = true;
  item.recommended = flags.includes('recommended');
  item.restart = flags.some((f) => f === 'restart' || f === 'shut down' || f === 'shutdown');
}

/** Reads the list from the text of both streams. Pure. */
export function readSoftwareUpdateList(text: string): SoftwareUpdateList {
  const result: SoftwareUpdateList = { items: [], noneAvailable: false, listHeader: false, errorLine: null };
  let current: SoftwareUpdateItem | null = null;
  let layout: 'new' | 'old' | null = null;
  for (const raw of normalizeLines(text)) {
    const line = raw.trimEnd();
    if (!line.trim()) continue;
    const label = LABEL_LINE.exec(line);
    if (label) {
      current = { label: label[2]!, title: null, version: null, recommended: label[1] === '*', restart: null, complete: false };
      layout = 'new';
      result.items.push(current);
      continue;
    }
    if (NEW_DETAIL_LINE.test(line) && current && layout === 'new') {
      parseNewDetail(line, current);
      current = null;
      continue;
    }
    const old = OLD_ITEM_LINE.exec(line);
    if (old && !/^\s*[*-]\s*$/.test(line)) {
      current = { label: old[2]!, title: null, version: null, recommended: old[1] === '*', restart: null, complete: false };
      layout = 'old';
      result.items.push(current);
      continue;
    }
    if (/^\s/.test(line) && current && layout === 'old') {
      parseOldDetail(line, current);
      current = null;
      continue;
    }
    current = null;
    if (NONE_AVAILABLE.some((re) => re.test(line))) result.noneAvailable = true;
    else if (LIST_HEADER.test(line)) result.listHeader = true;
    else if (!result.errorLine && ERROR_LINE.test(line)) result.errorLine = line.trim();
  }
  return result;
}

export function isSecurityUpdate(item: Pick<SoftwareUpdateItem, 'label' | 'title' | 'version'>): boolean {
  return SECURITY_NAME.test(item.label) || SECURITY_NAME.test(item.title ?? '')
    || RSR_VERSION.test(item.version ?? '') || RSR_VERSION.test(item.title ?? '');
}

function toPendingUpdate(item: SoftwareUpdateItem): PendingUpdate {
  // softwareupdate does not classify updates; only names Apple uses for
  // security content say "security". The rest (macOS point releases, Safari,
  // Command Line Tools) usually carry fixes too, so they are "cannot tell".
  return pendingUpdate(item.title ?? item.label, {
    availableVersion: item.version,
    security: isSecurityUpdate(item) ? true : null,
  });
}

function firstLine(text: string): string | null {
  return normalizeLines(text).map((l) => l.trim()).find(Boolean) ?? null;
}

function lastLine(text: string): string | null {
  return normalizeLines(text).map((l) => l.trim()).filter(Boolean).pop() ?? null;
}

function unknown(reason: string): PatchStatus {
  return { ...emptyPatch(), source: 'softwareupdate', ...unknownTopic(reason) };
}

/**
 * `softwareupdate -l` as patch facts. `rebootRequired` means "a pending
 * update needs a restart (or shut down) to install", not that the Mac is
 * waiting for a restart to finish something already installed.
 */
export function parseSoftwareUpdateOutput(output: ToolOutput): PatchStatus {
  const text = `${output.stdout}\n${output.stderr}`;
  const list = readSoftwareUpdateList(text);
  if (output.exitCode === null) return unknown('softwareupdate did not finish (killed or timed out)');
  if (output.exitCode !== 0) {
    const why = list.errorLine ?? lastLine(output.stderr) ?? lastLine(output.stdout);
    return unknown(`softwareupdate -l exited with ${output.exitCode}${why ? `: ${shortLine(why)}` : ''}`);
  }
  if (list.errorLine) return unknown(`softwareupdate could not check for updates: ${list.errorLine}`);
  if (list.items.length === 0) {
    if (list.noneAvailable) {
      return { ...emptyPatch(), source: 'softwareupdate', pendingCount: 0, securityCount: 0, rebootRequired: false };
    }
    if (!text.trim()) return unknown('softwareupdate -l printed nothing');
    if (list.listHeader) return unknown('softwareupdate announced updates but listed none (output cut short?)');
    return unknown(`softwareupdate -l output not recognised: ${shortLine(firstLine(text) ?? '')}`);
  }
  const updates = list.items.map(toPendingUpdate);
  // The list ends mid-entry: more updates may have followed, so no count is given.
  if (!list.items[list.items.length - 1]!.complete) {
    return { ...unknown(`softwareupdate -l output is cut short after ${updates.length} update(s)`), updates };
  }
  const unclassified = updates.some((u) => u.security === null);
  const restart = list.items.some((i) => i.restart === true) ? true
    : list.items.some((i) => i.restart === null) ? null : false;
  return {
    ...emptyPatch(),
    source: 'softwareupdate',
    pendingCount: updates.length,
    // A count is only given when every pending update could be classified.
    securityCount: unclassified ? null : updates.filter((u) => u.security === true).length,
    rebootRequired: restart,
    updates,
  };
}
