// Endpoint protection sensors on Windows, from ENDPOINT_PROTECTION_SCRIPT's
// one JSON object. What each fact rests on:
//   Defender for Endpoint: the Sense service (built into Windows 10+, so it
//     counts only once onboarding wrote its status key or the service runs),
//     HKLM\SOFTWARE\Microsoft\Windows Advanced Threat Protection\Status
//     OnboardingState (1 = onboarded) and LastConnected (a FILETIME),
//     MsSense.exe's version, and Defender's IsTamperProtected.
//   CrowdStrike Falcon: the CSAgent/CSFalconService services, the agent id
//     (AG) CrowdStrike writes once registered, the installed version.
//   SentinelOne: the SentinelAgent service and SentinelCtl.exe status.
//   Sophos: its Endpoint Defense and MCS (Sophos Central) services, the
//     SEDEnabled tamper protection switch, the installed version.
import { endpointProtection } from '@tandem/proto';
import type { EndpointProtection } from '@tandem/proto';
import type { ParseOptions, ToolOutput } from '../../parse/parse-source.js';
import { failureText, psBool, psDate, psGet, psNumber, psRecords, psString, readPowerShellAnswer } from '../../parse/powershell-json.js';
import type { PsRecord } from '../../parse/powershell-json.js';
import { cleanVersion, joinReasons } from './parse-edr-common.js';
import { MDE_PRODUCT } from './parse-mdatp-edr.js';
import { FALCON_PRODUCT } from './parse-falconctl.js';
import { mergeEndpoint, parseSentinelctl, SENTINELONE_PRODUCT } from './parse-sentinelctl.js';

export const SOPHOS_PRODUCT = 'Sophos Endpoint';

export interface EndpointReadings {
  entries: EndpointProtection[];
  reason: string | null;
}

/** A service's state from Get-Service, as the script selects it; null when the service does not exist. */
function service(record: PsRecord, name: string): { running: boolean | null; disabled: boolean } | null {
  const v = psGet(record, name);
  if (v === null || v === undefined) return null;
  const [svc] = psRecords(v);
  if (!svc) return null;
  // Enums arrive as names ("Running") or, from an older script, as numbers (4 = Running).
  const status = psGet(svc, 'Status');
  const text = psString(status)?.toLowerCase() ?? '';
  const running = text === 'running' || text === '4' ? true : text === '' ? null : false;
  const start = psString(psGet(svc, 'StartType'))?.toLowerCase() ?? '';
  return { running, disabled: start === 'disabled' || start === '4' };
}

/** FILETIME (100 ns since 1601) as a number, or any date psDate reads. */
export function fileTimeOrDate(value: unknown, timeZone: string): string | null {
  const n = psNumber(value);
  if (n !== null) {
    if (n <= 0) return null;
    const ms = n / 10_000 - 11_644_473_600_000;
    return ms > Date.UTC(2000, 0, 1) && ms < Date.UTC(2200, 0, 1) ? new Date(Math.round(ms)).toISOString() : null;
  }
  return psDate(value, timeZone);
}

function defenderForEndpoint(r: PsRecord, options: ParseOptions): EndpointProtection | null {
  const sense = service(r, 'Sense');
  const onboarding = psNumber(psGet(r, 'SenseOnboardingState'));
  if (onboarding === null && sense?.running !== true) return null;
  const lastContactAt = fileTimeOrDate(psGet(r, 'SenseLastConnected'), options.timeZone);
  const onboarded = onboarding === null ? null : onboarding === 1;
  return endpointProtection(MDE_PRODUCT, {
    installed: true,
    running: sense?.running ?? false,
    onboarded,
    lastContactAt,
    version: cleanVersion(psString(psGet(r, 'SenseVersion'))),
    tamperProtection: psBool(psGet(r, 'DefenderTamperProtected')),
    detail: onboarded === false ? 'OnboardingState is not 1: the device is not onboarded (or was offboarded)'
      : sense?.running === false ? 'the Sense service is not running' : null,
  });
}

function crowdStrike(r: PsRecord): EndpointProtection | null {
  const agent = service(r, 'CSAgent');
  const falcon = service(r, 'CSFalconService');
  const aid = psString(psGet(r, 'CrowdStrikeAid'));
  const version = cleanVersion(psString(psGet(r, 'CrowdStrikeVersion')));
  if (!agent && !falcon && !aid && !version) return null;
  const states = [agent?.running, falcon?.running].filter((s): s is boolean => typeof s === 'boolean');
  const running = states.length === 0 ? false : states.every(Boolean);
  const onboarded = aid !== null && /^[0-9a-f]{32}$/i.test(aid) && !/^0+$/.test(aid);
  return endpointProtection(FALCON_PRODUCT, {
    installed: true,
    running,
    onboarded,
    version,
    detail: !running ? 'a CrowdStrike service (CSAgent, CSFalconService) is not running'
      : !onboarded ? 'no agent id: the sensor never registered with the CrowdStrike cloud' : null,
  });
}

function sentinelOne(r: PsRecord, options: ParseOptions): { entry: EndpointProtection | null; reason: string | null } {
  const svc = service(r, 'SentinelAgent');
  const status = psString(psGet(r, 'SentinelCtlStatus'));
  const version = cleanVersion(psString(psGet(r, 'SentinelVersion')));
  if (!svc && !status && !version) return { entry: null, reason: null };
  const base = endpointProtection(SENTINELONE_PRODUCT, { installed: true, running: svc?.running ?? false, version });
  if (!status) return { entry: { ...base, detail: 'SentinelCtl.exe was not found' }, reason: null };
  const read = parseSentinelctl({ stdout: status, stderr: '', exitCode: 0 }, options, 'SentinelCtl.exe status');
  // SentinelCtl's own view of the agent wins over the service state.
  return { entry: mergeEndpoint([read.entry ?? base, base]), reason: read.reason };
}

function sophos(r: PsRecord): EndpointProtection | null {
  const defense = service(r, 'SophosDefense');
  const mcs = service(r, 'SophosMcs');
  const version = cleanVersion(psString(psGet(r, 'SophosVersion')));
  if (!defense && !mcs && !version) return null;
  const tamper = psNumber(psGet(r, 'SophosTamper'));
  const running = defense?.running ?? false;
  return endpointProtection(SOPHOS_PRODUCT, {
    installed: true,
    running,
    // The MCS agent is what talks to Sophos Central; without it the endpoint is not managed.
    onboarded: mcs !== null,
    connected: mcs === null ? null : mcs.running === false ? false : null,
    version,
    tamperProtection: tamper === null ? null : tamper === 1,
    detail: !running ? 'the Sophos Endpoint Defense service is not running'
      : mcs === null ? 'no Sophos MCS Agent: the endpoint is not managed by Sophos Central'
        : mcs.running === false ? 'the Sophos MCS Agent (the link to Sophos Central) is not running' : null,
  });
}

export function parseWin32EndpointProtection(output: ToolOutput, options: ParseOptions): EndpointReadings {
  const answer = readPowerShellAnswer(output);
  if (!answer.ok) return { entries: [], reason: failureText('the endpoint protection script', answer.failure) };
  const [record] = psRecords(answer.value);
  if (!record) return { entries: [], reason: 'the endpoint protection script printed no status object' };
  if (!['Sense', 'CSAgent', 'SentinelAgent', 'SophosDefense'].some((k) => psGet(record, k) !== undefined)) {
    return { entries: [], reason: `unrecognised endpoint protection status: none of Sense, CSAgent, SentinelAgent, SophosDefense in ${JSON.stringify(Object.keys(record).slice(0, 8))}` };
  }
  const s1 = sentinelOne(record, options);
  const entries = [defenderForEndpoint(record, options), crowdStrike(record), s1.entry, sophos(record)]
    .filter((e): e is EndpointProtection => e !== null);
  return { entries, reason: joinReasons(s1.reason) };
}
