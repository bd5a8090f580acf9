// What every endpoint protection (EDR) reader shares: the reading it
// returns, and the "Key: value" status text SentinelOne and CrowdStrike print.
import type { EndpointProtection } from '@tandem/proto';
import { cleanWindowsText } from '../../parse/powershell-json.js';
import { shortLine } from '../../parse/short-line.js';

/**
 * One sensor's reading. `entry` is null when the product is not installed
 * (nothing to report, nothing wrong) or, with a reason, when nothing could be
 * read at all. A sensor that is installed but partly unreadable keeps its
 * entry, with the reason in `entry.detail` too, so it is never mistaken for
 * "no EDR".
 */
export interface EndpointReading {
  entry: EndpointProtection | null;
  reason: string | null;
}

export const NOT_INSTALLED: EndpointReading = { entry: null, reason: null };

/** Text lines without BOM, CR or surrounding blanks; empty lines dropped. */
export function statusLines(text: string): string[] {
  return cleanWindowsText(text).split('\n').map((l) => l.trim()).filter(Boolean);
}

/** A key as compared: lower case, one space between words, no trailing colon. */
export function normalKey(key: string): string {
  return key.toLowerCase().replace(/[\s_-]+/g, ' ').replace(/:$/, '').trim();
}

/**
 * The "Key: value" lines of a status text, keyed by normalKey; the first of
 * a repeated key wins (the agent's own section comes first). Section headers
 * ("Agent:", "Management") have no value and are skipped.
 */
export function keyValues(lines: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of lines) {
    // `Key: value`, `Key:value`, or `Key:` with nothing after it (an unset value, or a section header).
    const m = /^([^:]{1,60}?)\s*:\s+(.*)$/.exec(line) ?? /^([^:]{1,60}?)\s*:\s*(\S.*)?$/.exec(line);
    if (!m) continue;
    const key = normalKey(m[1] ?? '');
    if (key && !out.has(key)) out.set(key, (m[2] ?? '').trim());
  }
  return out;
}

/** The first value present among several spellings of a key. */
export function firstOf(values: Map<string, string>, keys: readonly string[]): string | undefined {
  for (const k of keys) {
    const v = values.get(k);
    if (v !== undefined) return v;
  }
  return undefined;
}

const ON = /^(on|yes|true|enabled?|running|connected|active|loaded|started|ready|block)\b/i;
const OFF = /^(off|no|false|disabled?|not running|disconnected|inactive|not loaded|stopped|not ready|audit)\b/i;

/** on/yes/true/enabled… → true, off/no/false/disabled… → false, anything else → null. */
export function onOff(value: string | undefined): boolean | null {
  if (value === undefined) return null;
  const v = value.trim();
  if (OFF.test(v)) return false;
  if (ON.test(v)) return true;
  return null;
}

/** A version as tools print it, without build suffixes ("24.2.3.471+a12f-Release.x64" → "24.2.3.471"). */
export function cleanVersion(value: string | undefined | null): string | null {
  if (!value) return null;
  const m = /\d+(?:\.\d+)+/.exec(value);
  return m ? m[0] : null;
}

/** The reason a status text was not recognised, quoting its first line. */
export function unrecognised(tool: string, text: string): string {
  const first = statusLines(text)[0];
  return first ? `unrecognised ${tool} output "${shortLine(first)}"` : `${tool} printed nothing`;
}

/** Joins reasons, leaving out the empty ones; null when none is left. */
export function joinReasons(...reasons: Array<string | null | undefined>): string | null {
  const kept = reasons.filter((r): r is string => typeof r === 'string' && r.length > 0);
  return kept.length > 0 ? kept.join('; ') : null;
}
