// `csrutil status`: System Integrity Protection. A "Custom Configuration"
// (set with `csrutil enable --without …`) says "unknown" in the status line
// and lists each protection below; any protection turned off there means SIP
// is not doing its job, so it reads as off. "Apple Internal: disabled" is the
// normal value on every shipped Mac and is ignored.
import { emptySecurity } from '@tandem/proto';
import type { CheckState, SecurityStatus } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';
import { noAnswerReason, outputLines, unknownSecurity } from './parse-darwin-output.js';

export interface SipReading {
  state: CheckState;
  /** Protections listed as disabled in a custom configuration. */
  disabled: string[];
  /** The status line as printed. */
  statusLine: string;
}

export function readSip(lines: string[]): SipReading | null {
  const status = lines.find((l) => /^System Integrity Protection status:/i.test(l));
  if (!status) return null;
  const value = status.replace(/^System Integrity Protection status:\s*/i, '');
  const listed = lines
    .map((l) => /^([A-Za-z][\w -]*?):\s*(enabled|disabled)\.?$/i.exec(l))
    .filter((m): m is RegExpExecArray => m !== null && !/^System Integrity Protection status$/i.test(m[1]!));
  const disabled = listed.filter((m) => /disabled/i.test(m[2]!) && !/^apple internal$/i.test(m[1]!.trim())).map((m) => m[1]!.trim());
  if (/custom configuration/i.test(value)) {
    return { state: disabled.length > 0 ? 'off' : 'unknown', disabled, statusLine: status };
  }
  if (/^enabled\b/i.test(value)) return { state: 'on', disabled: [], statusLine: status };
  if (/^disabled\b/i.test(value)) return { state: 'off', disabled: [], statusLine: status };
  return { state: 'unknown', disabled: [], statusLine: status };
}

export function parseCsrutilStatus(output: ToolOutput): SecurityStatus {
  const reading = readSip(outputLines(output));
  if (!reading) return unknownSecurity(noAnswerReason('csrutil status', output), { checks: { sip: 'unknown' } });
  if (reading.state === 'unknown') {
    const custom = /custom configuration/i.test(reading.statusLine) ? ' and lists no disabled protection' : '';
    return unknownSecurity(`csrutil status says "${reading.statusLine}"${custom}`, { checks: { sip: 'unknown' } });
  }
  return { ...emptySecurity(), checks: { sip: reading.state } };
}
