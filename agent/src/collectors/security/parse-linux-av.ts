// Pure readers of Linux antivirus tools: ClamAV (engine and signature date,
// service state) and Microsoft Defender for Endpoint (`mdatp health`).
import { antivirus } from '@tandem/proto';
import type { Antivirus } from '@tandem/proto';
import type { ParseOptions, ToolOutput } from '../../parse/parse-source.js';
import { wallClockToIso } from '../../parse/local-time.js';
import { firstLine, toolFailure } from './parse-linux-firewall.js';
import { shortLine } from '../../parse/short-line.js';

/** ClamAV itself warns once its database is older than this; we use the same line. */
export const CLAMAV_MAX_SIGNATURE_AGE_DAYS = 7;

export interface ClamavVersion {
  engine: string | null;
  databaseVersion: number | null;
  signaturesUpdatedAt: string | null;
  reason: string | null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * `clamscan --version` (or `freshclam --version`, same format):
 * `ClamAV 1.0.7/27470/Mon Nov 25 09:37:22 2024`. The date is the build time
 * of the daily database, printed with ctime() in the host's local zone.
 * Without a readable database only `ClamAV 1.0.7` is printed.
 */
export function parseClamscanVersion(output: ToolOutput, options: ParseOptions): ClamavVersion {
  const none = { engine: null, databaseVersion: null, signaturesUpdatedAt: null };
  if (output.exitCode !== 0) return { ...none, reason: toolFailure('clamscan --version', output) };
  const line = firstLine(output.stdout);
  const m = /^ClamAV\s+([^\s/]+)(?:\/(\d+)\/(.+))?$/.exec(line);
  if (!m) return { ...none, reason: `unrecognised clamscan --version output "${shortLine(line)}"` };
  const engine = m[1] ?? null;
  if (!m[2]) return { ...none, engine, reason: 'clamscan found no virus database' };
  const date = /^\w{3}\s+(\w{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(\d{4})$/.exec((m[3] ?? '').trim());
  const month = date ? MONTHS.indexOf((date[1] ?? '').toLowerCase()) + 1 : 0;
  const at = date && month > 0
    ? wallClockToIso({ year: Number(date[6]), month, day: Number(date[2]), hour: Number(date[3]), minute: Number(date[4]), second: Number(date[5]) }, options.timeZone)
    : null;
  return { engine, databaseVersion: Number(m[2]), signaturesUpdatedAt: at, reason: at ? null : `unrecognised database date "${shortLine(m[3] ?? '')}"` };
}

export function signaturesFresh(at: string | null, now: Date, maxDays: number): boolean | null {
  if (!at) return null;
  return now.getTime() - Date.parse(at) <= maxDays * 86_400_000;
}

/** What `systemctl is-active` said per unit, in the order asked; null when systemd gave no answer. */
export function parseSystemctlIsActive(output: ToolOutput, units: readonly string[]): Map<string, string> | null {
  // Exit 3 only means "not all units are active"; the lines still answer.
  const states = output.stdout.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const known = /^(active|inactive|failed|activating|deactivating|reloading|maintenance|refreshing|unknown)$/;
  if (states.length !== units.length || !states.every((s) => known.test(s))) return null;
  return new Map(units.map((u, i) => [u, states[i] as string]));
}

export interface MdatpReading {
  antivirus: Antivirus | null;
  reason: string | null;
}

/** mdatp prints `{ "value": x, "scope": ... }` for managed settings, plain values elsewhere. */
export function field(doc: Record<string, unknown>, key: string): unknown {
  const v = doc[key];
  return v !== null && typeof v === 'object' && 'value' in v ? (v as { value: unknown }).value : v;
}

export function bool(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'enabled') return true;
  if (v === 'false' || v === 'disabled') return false;
  return null;
}

/** The text form: `real_time_protection_enabled     : true [managed]`. */
export function parseMdatpText(text: string): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^([a-z_]+)\s+:\s*(.*)$/.exec(line.trim());
    if (!m) continue;
    const raw = (m[2] ?? '').replace(/\s*\[[a-z]+\]$/, '').trim();
    doc[m[1] as string] = raw === 'true' ? true : raw === 'false' ? false : /^-?\d+$/.test(raw) ? Number(raw) : raw.replace(/^"(.*)"$/, '$1');
  }
  return doc;
}

/** `mdatp health --output json` (or the plain `mdatp health` text). */
export function parseMdatpHealth(output: ToolOutput, options: ParseOptions): MdatpReading {
  if (output.exitCode !== 0) return { antivirus: null, reason: toolFailure('mdatp health', output) };
  let doc: Record<string, unknown>;
  const text = output.stdout.trim();
  if (text.startsWith('{')) {
    try {
      doc = JSON.parse(text) as Record<string, unknown>;
    } catch (err) {
      return { antivirus: null, reason: `mdatp health printed no valid JSON (${(err as Error).message})` };
    }
  } else {
    doc = parseMdatpText(text);
  }
  if (!('healthy' in doc) && !('real_time_protection_enabled' in doc)) {
    return { antivirus: null, reason: `unrecognised mdatp health output "${shortLine(firstLine(text))}"` };
  }
  const minutesAgo = field(doc, 'definitions_updated_minutes_ago');
  const updated = field(doc, 'definitions_updated');
  let signaturesUpdatedAt: string | null = null;
  // Epoch milliseconds in JSON; otherwise derive it from the minute count.
  if (typeof updated === 'number' && updated > 1e12) signaturesUpdatedAt = new Date(updated).toISOString();
  else if (typeof minutesAgo === 'number') signaturesUpdatedAt = new Date(Math.floor(options.now.getTime() / 60_000) * 60_000 - minutesAgo * 60_000).toISOString();
  const status = field(doc, 'definitions_status');
  const upToDate = status === 'up_to_date' ? true : typeof status === 'string' && status.length > 0 && status !== 'unknown' ? false : null;
  const healthy = bool(field(doc, 'healthy'));
  const licensed = bool(field(doc, 'licensed'));
  return {
    antivirus: antivirus('Microsoft Defender for Endpoint', {
      // Unhealthy or unlicensed Defender does not protect, whatever the switches say.
      enabled: healthy === null ? null : healthy && licensed !== false,
      realTime: bool(field(doc, 'real_time_protection_enabled')),
      upToDate,
      signaturesUpdatedAt,
    }),
    reason: null,
  };
}
