// `zypper --non-interactive --xmlout list-updates` and `… list-patches`:
//   <stream>
//     <message type="info">Loading repository data...</message>
//     <update-status version="0.6"><update-list>
//       <update kind="package" name="openssl" edition="3.1.4-9.1" edition-old="3.1.4-8.1" arch="x86_64">…</update>
//       <update kind="patch" name="SUSE-SLE-…-2024-1234" edition="1" status="needed" category="security" severity="important">…</update>
//     </update-list><blocked-update-list>…</blocked-update-list></update-status>
//   </stream>
// Only the attributes of <update> and <message> are needed, so a small
// attribute reader stands in for an XML library. A stream without its
// closing tag was cut off and is not trusted.
import { pendingUpdate } from '@tandem/proto';
import type { PatchStatus, PendingUpdate } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';
import { exitReason, isBlank, patchFromUpdates, patchUnknown } from './parse-linux-patch-common.js';

/** Exit codes zypper uses for informational answers rather than errors. */
export const ZYPPER_INFO_EXIT_CODES = new Set([0, 100, 101, 102, 103]);

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[lower] ?? '';
  });
}

export function readAttributes(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of tag.matchAll(/([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attrs[m[1] ?? ''] = decodeEntities(m[2] ?? m[3] ?? '');
  }
  return attrs;
}

/** The first <message type="error"> text, on one line. */
export function zypperErrorMessage(text: string): string | null {
  for (const m of text.matchAll(/<message(?=[\s>])([^>]*)>([\s\S]*?)<\/message>/g)) {
    if (readAttributes(m[1] ?? '').type === 'error') return decodeEntities(m[2] ?? '').trim().replace(/\s*\n\s*/g, ' ');
  }
  return null;
}

export interface ZypperUpdate {
  kind: string;
  attrs: Record<string, string>;
}

export function readZypperXml(text: string): { updates: ZypperUpdate[] } | { problem: string } {
  if (!/<stream[\s>]/.test(text)) return { problem: 'not zypper XML output (no <stream> element); was --xmlout given?' };
  if (!/<\/stream>\s*$/.test(text)) return { problem: 'the zypper XML output ends before </stream>; it is incomplete' };
  const error = zypperErrorMessage(text);
  if (error) return { problem: `zypper reported an error: ${error}` };
  const updates: ZypperUpdate[] = [];
  for (const m of text.matchAll(/<update(?=[\s/>])([^>]*)>/g)) {
    const attrs = readAttributes(m[1] ?? '');
    updates.push({ kind: attrs.kind ?? 'package', attrs });
  }
  return { updates };
}

function severityOf(text: string | undefined): string | null {
  return !text || /^unspecified$/i.test(text) ? null : text;
}

/** Patches that still apply; list-updates -t patch on old zypper prints no status and lists only those. */
export function neededPatches(updates: ZypperUpdate[]): ZypperUpdate[] {
  return updates.filter((u) => u.kind === 'patch' && (u.attrs.status === undefined || u.attrs.status === 'needed'));
}

export function zypperPackageUpdates(updates: ZypperUpdate[]): PendingUpdate[] {
  // Package updates carry no security classification; SUSE names 32-bit
  // multilib packages "-32bit", so the name alone identifies one.
  return updates.filter((u) => u.kind === 'package').map((u) => pendingUpdate(u.attrs.name ?? '', {
    currentVersion: u.attrs['edition-old'] || null,
    availableVersion: u.attrs.edition || null,
  }));
}

export function zypperPatchUpdates(updates: ZypperUpdate[]): PendingUpdate[] {
  return neededPatches(updates).map((u) => pendingUpdate(u.attrs.name ?? '', {
    security: u.attrs.category === undefined ? null : u.attrs.category === 'security',
    severity: severityOf(u.attrs.severity),
    kb: u.attrs.name ?? null,
  }));
}

/**
 * Packages when the list has any (list-updates), patches otherwise
 * (list-patches). A patch bundles package updates, so mixing both in one
 * list would count the same fix twice.
 */
export function parseZypperListUpdatesXml(output: ToolOutput): PatchStatus {
  if (output.exitCode === null || !ZYPPER_INFO_EXIT_CODES.has(output.exitCode)) {
    const error = zypperErrorMessage(output.stdout);
    return patchUnknown('zypper', error ? `zypper exited with code ${output.exitCode ?? 'unknown'}: ${error}` : exitReason('zypper', output));
  }
  if (isBlank(output.stdout)) return patchUnknown('zypper', 'zypper printed nothing');
  const read = readZypperXml(output.stdout);
  if ('problem' in read) return patchUnknown('zypper', read.problem);
  const packages = zypperPackageUpdates(read.updates);
  if (packages.some((p) => p.name === '')) return patchUnknown('zypper', 'an <update> element has no name');
  return patchFromUpdates('zypper', packages.length > 0 ? packages : zypperPatchUpdates(read.updates));
}
