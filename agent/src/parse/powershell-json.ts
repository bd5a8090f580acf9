// Reading what Windows PowerShell 5.1 and PowerShell 7 print. Every Windows
// parser goes through these helpers, because the same few traps recur in
// every cmdlet's output:
//   - a UTF-8 BOM, or UTF-16LE when a technician redirected with `>`;
//   - CRLF line ends;
//   - ConvertTo-Json prints one object (not an array) when the pipeline held
//     one item, and nothing at all when it held none;
//   - dates as "\/Date(ms)\/" (5.1), ISO strings (7), or a
//     {"value": …, "DateTime": "Wednesday, …"} wrapper when the DateTime was
//     an extended object;
//   - enums as integers (5.1 and 7 both serialise the underlying value);
//   - error records on stderr, sometimes wrapped in CLIXML.
// Console tools (manage-bde, wbadmin) write in the OEM code page when piped;
// their sources decode it (code-page.ts), and a paste that lost its accents
// (U+FFFD) still reads, because `loosePattern` matches any one letter there.
import { wallClockToIso } from './local-time.js';
import { maskCredentials } from './short-line.js';
import type { ToolOutput } from './parse-source.js';

/**
 * Put ahead of every script: errors stop the script (exit code 1 with an error
 * record on stderr instead of partial output), no progress records (which
 * 5.1 writes to a redirected stderr as CLIXML), and UTF-8 without a BOM on
 * stdout instead of the OEM code page.
 */
export const POWERSHELL_PRELUDE = "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'; try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false } catch {}";

/** powershell.exe arguments for a script: no profile (speed, no surprises), never a prompt. */
export function powerShellArgs(script: string): string[] {
  return ['-NoProfile', '-NonInteractive', '-Command', script];
}

export type PowerShellJson =
  | { kind: 'json'; value: unknown }
  | { kind: 'empty' }
  | { kind: 'invalid'; reason: string };

/**
 * Text as PowerShell meant it: without a byte-order mark, with LF line ends,
 * and with stray NULs removed (UTF-16LE output read as UTF-8 keeps its ASCII
 * letters between NULs).
 */
export function cleanWindowsText(text: string): string {
  let t = text.replace(/^\uFEFF/, '');
  if (t.includes('\u0000')) t = t.replace(/^(\u00ff\u00fe|\ufffd\ufffd)/, '').split('\u0000').join('');
  return t.replace(/\r\n?/g, '\n');
}

/** Parses ConvertTo-Json output; text before the JSON (warnings on stdout) is skipped. */
export function readPowerShellJson(stdout: string): PowerShellJson {
  const text = cleanWindowsText(stdout).trim();
  if (text === '') return { kind: 'empty' };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    // 5.1 prints WARNING lines on stdout ahead of the pipeline output.
    const start = text.search(/^[[{]/m);
    if (start > 0) {
      try {
        return { kind: 'json', value: JSON.parse(text.slice(start)) as unknown };
      } catch {
        // fall through to the message below
      }
    }
    const looksCut = /^[[{]/.test(text) && !/[\]}]$/.test(text);
    return { kind: 'invalid', reason: looksCut ? 'output is cut off before the JSON ends' : `output is not JSON: "${firstLine(text)}"` };
  }
}

/** One item, many items or none, always as a list (ConvertTo-Json unrolls single items). */
export function psArray(value: unknown): unknown[] {
  if (value === null || value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

export type PsRecord = Record<string, unknown>;

function isRecord(value: unknown): value is PsRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The objects of a ConvertTo-Json result, whatever shape it took. */
export function psRecords(value: unknown): PsRecord[] {
  return psArray(value).filter(isRecord);
}

/** Reads a property case-insensitively: PowerShell names are not case-sensitive and scripts vary. */
export function psGet(record: PsRecord, name: string): unknown {
  if (name in record) return record[name];
  const lower = name.toLowerCase();
  const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : record[key];
}

export function psHas(record: PsRecord, name: string): boolean {
  return psGet(record, name) !== undefined;
}

/** true/false, 1/0, "True"/"False", "Yes"/"No"; anything else (e.g. GpoBoolean NotConfigured = 2) is null. */
export function psBool(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'true' || v === '1' || v === 'yes') return true;
    if (v === 'false' || v === '0' || v === 'no') return false;
  }
  return null;
}

export function psNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
}

export function psString(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/**
 * An enum value by name, whether it came as its integer or as its name;
 * `names` lists the enum's names by value. Names compare without case or spaces
 * ("Passive Mode" and "PassiveMode" are one).
 */
export function psEnum<N extends string>(value: unknown, names: Readonly<Record<number, N>>): N | null {
  const n = psNumber(value);
  if (n !== null) return names[n] ?? null;
  if (typeof value !== 'string') return null;
  const want = value.replace(/[\s_-]/g, '').toLowerCase();
  for (const name of Object.values(names)) {
    if (name.replace(/[\s_-]/g, '').toLowerCase() === want) return name;
  }
  return null;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Earliest instant treated as a real date; DateTime.MinValue and FILETIME zero mean "never". */
const EPOCH_FLOOR_MS = Date.UTC(1980, 0, 1);

function validInstant(ms: number): string | null {
  if (!Number.isFinite(ms) || ms < EPOCH_FLOOR_MS) return null;
  return new Date(ms).toISOString();
}

/**
 * A PowerShell date as ISO-8601 UTC, or null for none / "never":
 * "\/Date(ms)\/" (optionally with an offset suffix, which does not change the
 * instant), the {value, DateTime} wrapper, ISO with or without an offset
 * (without: read in `timeZone`), CIM DMTF strings, and English long dates.
 */
export function psDate(value: unknown, timeZone: string): string | null {
  if (value === null || value === undefined) return null;
  if (isRecord(value)) {
    const inner = psGet(value, 'value');
    if (inner !== undefined && inner !== null) return psDate(inner, timeZone);
    return psDate(psGet(value, 'DateTime'), timeZone);
  }
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (s === '') return null;
  const msDate = /^\\?\/Date\((-?\d+)(?:[+-]\d{4})?\)\\?\/$/.exec(s);
  if (msDate) return validInstant(Number(msDate[1]));
  const iso = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (iso) {
    const [, y, mo, d, h, mi, sec, zone] = iso;
    if (zone) return validInstant(Date.parse(s.replace(' ', 'T')));
    const out = wallClockToIso({ year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(sec ?? 0) }, timeZone);
    return out && validInstant(Date.parse(out));
  }
  const dmtf = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\.\d{6}([+-])(\d{3})$/.exec(s);
  if (dmtf) {
    const [, y, mo, d, h, mi, sec, sign, off] = dmtf;
    const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
    return validInstant(local - (sign === '-' ? -1 : 1) * Number(off) * 60_000);
  }
  // The wrapper's DateTime text, e.g. "Wednesday, November 27, 2026 10:15:00 PM" (en-US only).
  const long = /^(?:\w+,\s+)?([A-Za-z]+)\s+(\d{1,2}),\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?$/i.exec(s);
  if (long) {
    const [, monthName, d, y, h, mi, sec, ampm] = long;
    const month = MONTHS.indexOf((monthName ?? '').toLowerCase()) + 1;
    if (month === 0) return null;
    const out = wallClockToIso({ year: Number(y), month, day: Number(d), hour: to24h(Number(h), ampm), minute: Number(mi), second: Number(sec ?? 0) }, timeZone);
    return out && validInstant(Date.parse(out));
  }
  return null;
}

/** 12-hour clock to 24-hour; without AM/PM the hour is already 24-hour. */
export function to24h(hour: number, ampm: string | undefined): number {
  if (!ampm) return hour;
  const pm = ampm.toUpperCase() === 'PM';
  if (hour === 12) return pm ? 12 : 0;
  return pm ? hour + 12 : hour;
}

/** Why PowerShell gave no answer, classified so collectors can fall back or report. */
export type PowerShellFailureKind = 'missing-command' | 'access-denied' | 'error';

export interface PowerShellFailure {
  kind: PowerShellFailureKind;
  /** One line a technician can act on. */
  message: string;
  /** The HRESULT in the error, as 0x-prefixed upper-case hex, when there is one. */
  hresult: string | null;
}

/** Unwraps the "#< CLIXML" form in which powershell.exe writes error records to a redirected stderr. */
export function unwrapClixml(stderr: string): string {
  const text = cleanWindowsText(stderr);
  if (!text.trimStart().startsWith('#< CLIXML')) return text;
  const parts = [...text.matchAll(/<S S="Error">([\s\S]*?)<\/S>/g)].map((m) => m[1] ?? '');
  return parts.join('')
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
    .replace(/\r\n?/g, '\n');
}

/** Strips the colour codes PowerShell 7 puts around error text. */
function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}

const ACCESS_DENIED = /access (is |was )?denied|permissiondenied|unauthorizedaccess|0x80070005|0x80041003|requires elevation|must be an? administrator|not hold the required privilege/i;
const MISSING_COMMAND = /is not recognized as (the )?name of a cmdlet|is not recognized as a name of a cmdlet|CommandNotFoundException|module could not be loaded|No snap-ins have been registered/i;

/**
 * The error record PowerShell printed, as one line: "Get-X : message" (5.1)
 * or "Get-X: message" (7), without the "At line:" position and category
 * lines. Null when stderr holds no error.
 */
export function powerShellError(stderr: string): PowerShellFailure | null {
  const text = stripAnsi(unwrapClixml(stderr)).trim();
  if (text === '') return null;
  const lines = text.split('\n');
  const message: string[] = [];
  for (const line of lines) {
    if (/^\s*(At line:|At [A-Z]:\\|At char:|\+ |\+\s*~|Line \|)/.test(line)) break;
    if (line.trim() === '' && message.length > 0) break;
    if (line.trim() !== '') message.push(line.trim());
  }
  const joined = (message.length > 0 ? message.join(' ') : lines[0] ?? '').replace(/\s+/g, ' ').trim();
  const hr = /0x[0-9A-Fa-f]{8}/.exec(text);
  const hresult = hr ? `0x${hr[0].slice(2).toUpperCase()}` : null;
  // Classify on the message and the category lines, not on script paths in "At C:\…" lines.
  const evidence = lines.filter((l) => !/^\s*At /.test(l)).join('\n');
  const kind: PowerShellFailureKind = MISSING_COMMAND.test(evidence) ? 'missing-command' : ACCESS_DENIED.test(evidence) ? 'access-denied' : 'error';
  return { kind, message: joined, hresult };
}

/** First line of a text, shortened for messages. */
export function firstLine(text: string, max = 120): string {
  const line = maskCredentials(text.trim().split('\n')[0] ?? '');
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/**
 * A case-insensitive pattern for localized console text that also matches
 * when non-ASCII letters were lost to a code-page mismatch (each becomes
 * U+FFFD or another single character). Write the words as Windows prints
 * them: `loosePattern('Vollständig verschlüsselt')`.
 */
export function loosePattern(...alternatives: string[]): RegExp {
  const body = alternatives
    .map((a) => [...a].map((ch) => (ch.charCodeAt(0) > 0x7f ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('').replace(/ /g, '\\s+'))
    .join('|');
  return new RegExp(body, 'i');
}

export type PowerShellAnswer =
  | { ok: true; value: unknown }
  | { ok: false; failure: PowerShellFailure };

/**
 * What a PowerShell run answered: its JSON (null when it printed nothing and
 * exited 0, which is how ConvertTo-Json says "no items"), or why it did not.
 * Data on stdout wins over an error on stderr: a cmdlet may fail for one item
 * and still report the rest.
 */
export function readPowerShellAnswer(output: ToolOutput): PowerShellAnswer {
  const json = readPowerShellJson(output.stdout);
  if (json.kind === 'json') return { ok: true, value: json.value };
  const err = powerShellError(output.stderr)
    ?? (json.kind === 'invalid' && /FullyQualifiedErrorId|CategoryInfo|is not recognized as/.test(output.stdout) ? powerShellError(output.stdout) : null);
  if (err) return { ok: false, failure: err };
  if (json.kind === 'invalid') return { ok: false, failure: { kind: 'error', message: json.reason, hresult: null } };
  if (output.exitCode === null) return { ok: false, failure: { kind: 'error', message: 'was stopped before it finished', hresult: null } };
  if (output.exitCode !== 0) return { ok: false, failure: { kind: 'error', message: `exited with code ${output.exitCode} and printed nothing`, hresult: null } };
  return { ok: true, value: null };
}

/** A failure as the reason a topic or job is unknown, naming what was run. */
export function failureText(what: string, failure: PowerShellFailure): string {
  // The full "is not recognized as the name of a cmdlet, function, …" sentence says no more than this.
  if (failure.kind === 'missing-command') return `${what} is not available on this computer (the cmdlet or its module is not installed)`;
  if (failure.kind === 'access-denied') return `${what} was denied access (the agent must run as SYSTEM or an administrator): ${failure.message}`;
  return `${what} failed: ${failure.message}`;
}

/** True when the cmdlet (or its module) does not exist here, so a fallback tool is worth asking. */
export function isMissingCommand(output: ToolOutput): boolean {
  const answer = readPowerShellAnswer(output);
  return !answer.ok && answer.failure.kind === 'missing-command';
}
