// Microsoft Defender for Endpoint's sensor on Linux and macOS, from the same
// `mdatp health` output the antivirus reading uses: onboarded (an EDR
// machine id), the app version and whether the product has expired, tamper
// protection and the health issues mdatp lists.
import { endpointProtection } from '@tandem/proto';
import type { ParseOptions, ToolOutput } from '../../parse/parse-source.js';
import { shortLine } from '../../parse/short-line.js';
import { bool, field, parseMdatpText } from './parse-linux-av.js';
import { firstLine, toolFailure } from './parse-linux-firewall.js';
import type { EndpointReading } from './parse-edr-common.js';

export const MDE_PRODUCT = 'Microsoft Defender for Endpoint';

/** The daemon is installed but not answering: the sensor is not running. */
const DAEMON_DOWN = /could not connect to daemon|daemon is not running|connection refused/i;

/**
 * mdatp's tamper protection levels: only `block` stops tampering; `audit`
 * (the default after install) only logs it, so it counts as off.
 */
function tamper(value: unknown): boolean | null {
  if (typeof value !== 'string') return bool(value);
  const v = value.trim().toLowerCase();
  if (v === 'block') return true;
  if (v === 'audit' || v === 'disabled' || v === 'off') return false;
  return null;
}

function issues(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  // The text form prints the list as `["no active event provider", …]` or `[]`.
  if (typeof value === 'string') {
    try {
      const parsed = JSON.parse(value) as unknown;
      return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
    } catch {
      return value.trim() === '' || value.trim() === '[]' ? [] : [value.trim()];
    }
  }
  return [];
}

const OUTDATED_ISSUE = /expired|out of date|outdated|update (is )?required/i;

export function parseMdatpEndpoint(output: ToolOutput, options: ParseOptions): EndpointReading {
  if (output.exitCode !== 0) {
    const reason = toolFailure('mdatp health', output);
    const down = DAEMON_DOWN.test(`${output.stderr}\n${output.stdout}`);
    return { entry: endpointProtection(MDE_PRODUCT, { installed: true, running: down ? false : null, detail: reason }), reason };
  }
  const text = output.stdout.replace(/^\uFEFF/, '').trim();
  let doc: Record<string, unknown>;
  if (text.startsWith('{')) {
    try {
      doc = JSON.parse(text) as Record<string, unknown>;
    } catch (err) {
      const reason = `mdatp health printed no valid JSON (${(err as Error).message})`;
      return { entry: endpointProtection(MDE_PRODUCT, { installed: true, detail: reason }), reason };
    }
  } else {
    doc = parseMdatpText(text);
  }
  if (!('healthy' in doc) && !('app_version' in doc) && !('edr_machine_id' in doc)) {
    const reason = `unrecognised mdatp health output "${shortLine(firstLine(text))}"`;
    return { entry: endpointProtection(MDE_PRODUCT, { installed: true, detail: reason }), reason };
  }
  const machineId = field(doc, 'edr_machine_id');
  const orgId = field(doc, 'org_id');
  // Onboarding writes both ids; an older mdatp that prints neither says nothing either way.
  const onboarded = typeof machineId === 'string' ? machineId.trim() !== ''
    : typeof orgId === 'string' ? orgId.trim() !== '' : null;
  const expiration = field(doc, 'product_expiration');
  const listed = issues(field(doc, 'health_issues'));
  let outdated: boolean | null = null;
  if (typeof expiration === 'number' && expiration > 0) outdated = expiration <= options.now.getTime();
  if (listed.some((i) => OUTDATED_ISSUE.test(i))) outdated = true;
  const version = field(doc, 'app_version');
  const licensed = bool(field(doc, 'licensed'));
  const detail = [
    ...listed.map((i) => shortLine(i)),
    ...(licensed === false ? ['not licensed'] : []),
  ].join('; ');
  return {
    entry: endpointProtection(MDE_PRODUCT, {
      installed: true,
      // mdatp answered, so its daemon runs.
      running: true,
      onboarded,
      version: typeof version === 'string' && version.trim() !== '' ? version.trim() : null,
      outdated,
      tamperProtection: tamper(field(doc, 'tamper_protection')),
      detail: detail === '' ? null : detail,
    }),
    reason: null,
  };
}
