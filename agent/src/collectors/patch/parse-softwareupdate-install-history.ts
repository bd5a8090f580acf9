// Reads /Library/Receipts/InstallHistory.plist (macOS) for when Apple
// software updates were last installed. The file is an XML plist with UTC
// <date> values, so unlike `softwareupdate --history` (dates in the user's
// locale format and zone) it reads the same on every Mac.
import { emptyPatch, unknownTopic } from '@tandem/proto';
import type { PatchStatus } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';
import { shortLine } from '../../parse/short-line.js';

export interface InstallHistoryEntry {
  date: string | null;
  displayName: string | null;
  displayVersion: string | null;
  processName: string | null;
  contentType: string | null;
}

// Installs made by Apple's updater (System Settings, `softwareupdate -i`, the
// macOS installer app). Installer.app packages and App Store apps are not
// OS patches and are left out.
const UPDATER_PROCESSES = new Set(['softwareupdated', 'software update', 'softwareupdate', 'macos installer', 'os x installer']);

// XProtect, MRT and Gatekeeper data arrive silently every few days; counting
// them would make a Mac that never installs OS updates look freshly patched.
const CONFIG_DATA_NAME = /configdata|xprotect|\bmrt\b|gatekeeper (?:configuration|compatibility) data|compatibility data$/i;

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function valueOf(body: string, key: string): string | null {
  const re = new RegExp(`<key>${key}</key>\\s*<(string|date)>([^<]*)</\\1>`);
  const m = re.exec(body);
  return m ? unescapeXml(m[2]!.trim()) : null;
}

/** The entries of the top-level array, one per install. Pure. */
export function readInstallHistory(xml: string): InstallHistoryEntry[] {
  const entries: InstallHistoryEntry[] = [];
  // Entries are flat dicts (their only nested value is the packageIdentifiers array).
  for (const m of xml.matchAll(/<dict>([\s\S]*?)<\/dict>/g)) {
    const body = m[1]!;
    entries.push({
      date: valueOf(body, 'date'),
      displayName: valueOf(body, 'displayName'),
      displayVersion: valueOf(body, 'displayVersion'),
      processName: valueOf(body, 'processName'),
      contentType: valueOf(body, 'contentType'),
    });
  }
  return entries;
}

export function isOsUpdateInstall(e: InstallHistoryEntry): boolean {
  if (!e.processName || !UPDATER_PROCESSES.has(e.processName.toLowerCase())) return false;
  if (e.contentType && /config-data/i.test(e.contentType)) return false;
  return !CONFIG_DATA_NAME.test(e.displayName ?? '');
}

/** InstallHistory.plist as patch facts: only `lastInstalledAt` is known from it. */
export function parseInstallHistory(output: ToolOutput): PatchStatus {
  const base = { ...emptyPatch(), source: 'softwareupdate' as const };
  const text = output.stdout.replace(/^\uFEFF/, '');
  if (output.exitCode !== 0) {
    const why = (output.stderr || output.stdout).trim().split(/\r?\n/)[0] ?? '';
    return { ...base, ...unknownTopic(`InstallHistory.plist could not be read${output.exitCode === null ? '' : ` (exit ${output.exitCode})`}${why ? `: ${shortLine(why)}` : ''}`) };
  }
  if (text.startsWith('bplist')) return { ...base, ...unknownTopic('InstallHistory.plist is a binary plist; expected XML') };
  if (!/<plist[\s>]/.test(text)) {
    return { ...base, ...unknownTopic(text.trim() ? 'InstallHistory.plist is not an XML plist' : 'InstallHistory.plist is empty') };
  }
  // Installs are appended, so a cut file loses exactly the newest ones.
  if (!/<\/plist>\s*$/.test(text)) return { ...base, ...unknownTopic('InstallHistory.plist is cut short (no closing </plist>)') };
  let latest: number | null = null;
  for (const e of readInstallHistory(text)) {
    if (!isOsUpdateInstall(e) || !e.date) continue;
    const t = Date.parse(e.date);
    if (Number.isFinite(t) && (latest === null || t > latest)) latest = t;
  }
  return { ...base, lastInstalledAt: latest === null ? null : new Date(latest).toISOString() };
}
