// Pending updates from the Windows Update Agent search the agent runs
// (WUA_SEARCH_SCRIPT): one object per update with Title, KBArticleIDs,
// MsrcSeverity, Categories, CategoryIDs, RebootRequired, RebootBehavior.
import { emptyPatch, pendingUpdate, unknownTopic } from '@tandem/proto';
import type { PatchStatus, PendingUpdate } from '@tandem/proto';
import type { ParseOptions, ToolOutput } from '../../parse/parse-source.js';
import { failureText, loosePattern, psArray, psBool, psGet, psRecords, psString, readPowerShellAnswer } from '../../parse/powershell-json.js';

/** Update classification IDs; names are in the display language, IDs are not. */
const SECURITY_UPDATES_ID = '0fa1201d-4330-4fa8-8ae9-b877473b6441';
const DEFINITION_UPDATES_ID = 'e0789628-ce08-4437-be74-2495b842f43b';
const SECURITY_UPDATES_NAME = loosePattern('Security Updates', 'Sicherheitsupdates', 'Mises à jour de la sécurité', 'Mises à jour de sécurité');
const DEFINITION_UPDATES_NAME = loosePattern('Definition Updates', 'Definitionsupdates', 'Mises à jour de définitions');

/** What the common search failures mean, for the reason a technician reads. */
const WUA_ERRORS: Record<string, string> = {
  '0x8024402C': 'the update server name could not be resolved (proxy or DNS)',
  '0x80072EE2': 'the connection to the update server timed out',
  '0x80072EFD': 'the update server could not be reached',
  '0x8024401C': 'the update server did not answer in time',
  '0x80244022': 'the update server is unavailable (HTTP 503)',
  '0x80244019': 'the update server answered 404 (WSUS address wrong?)',
  '0x80240438': 'there is no route to the update service (network or policy)',
  '0x8024002E': 'Windows Update access is blocked by policy',
  '0x8024001E': 'the Windows Update service is shutting down',
  '0x80070422': 'the Windows Update service is disabled',
};

function isCategory(update: Record<string, unknown>, id: string, name: RegExp): boolean {
  const ids = psArray(psGet(update, 'CategoryIDs')).map((v) => psString(v)?.toLowerCase());
  if (ids.includes(id)) return true;
  return psArray(psGet(update, 'Categories')).some((c) => {
    const n = psString(c);
    return n !== null && name.test(n);
  });
}

/**
 * Security: classified "Security Updates" or carrying an MSRC severity.
 * Definition updates (Defender security intelligence) are counted as pending
 * but never as security: they arrive several times a day, so counting them
 * would keep "security updates pending" permanently on; their freshness is
 * reported by the antivirus facts instead.
 */
export function isSecurityUpdate(update: Record<string, unknown>): boolean {
  if (isCategory(update, DEFINITION_UPDATES_ID, DEFINITION_UPDATES_NAME)) return false;
  if (isCategory(update, SECURITY_UPDATES_ID, SECURITY_UPDATES_NAME)) return true;
  return psString(psGet(update, 'MsrcSeverity')) !== null;
}

function kbOf(update: Record<string, unknown>): string | null {
  const id = psArray(psGet(update, 'KBArticleIDs')).map(psString).find((v): v is string => v !== null);
  if (!id) return null;
  return /^kb/i.test(id) ? `KB${id.slice(2)}` : `KB${id}`;
}

function updateOf(update: Record<string, unknown>): PendingUpdate {
  const kb = kbOf(update);
  return pendingUpdate(psString(psGet(update, 'Title')) ?? kb ?? 'unnamed update', {
    kb,
    severity: psString(psGet(update, 'MsrcSeverity')),
    security: isSecurityUpdate(update),
  });
}

export function parseWuaSearch(output: ToolOutput, _options: ParseOptions): PatchStatus {
  const base: PatchStatus = { ...emptyPatch(), source: 'windows-update' };
  const answer = readPowerShellAnswer(output);
  if (!answer.ok) {
    const meaning = answer.failure.hresult ? WUA_ERRORS[answer.failure.hresult] : undefined;
    const reason = meaning ? `Windows Update search failed with ${answer.failure.hresult}: ${meaning}` : failureText('Windows Update search', answer.failure);
    return { ...base, ...unknownTopic(reason) };
  }
  // ConvertTo-Json prints nothing (or null) for an empty list: nothing pending.
  const records = psRecords(answer.value);
  const updates = records.map(updateOf);
  // RebootRequired on an update still listed as not installed means it was
  // installed and waits for the restart. Its absence says nothing: the
  // reboot-pending markers decide then.
  const waiting = records.some((u) => psBool(psGet(u, 'RebootRequired')) === true);
  return {
    ...base,
    pendingCount: updates.length,
    securityCount: updates.filter((u) => u.security).length,
    rebootRequired: waiting ? true : null,
    updates,
  };
}
