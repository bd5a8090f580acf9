// `socketfilterfw --getglobalstate`: the Application Firewall. The "(State = N)"
// suffix is read first because the sentence before it is localized on some
// releases; 1 is on, 2 is on and blocking all incoming connections, 0 is off.
import { emptySecurity } from '@tandem/proto';
import type { SecurityStatus } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';
import { noAnswerReason, outputLines, unknownSecurity } from './parse-darwin-output.js';

export function firewallEnabled(lines: string[]): boolean | null {
  for (const line of lines) {
    const state = /\(\s*State\s*=\s*(\d+)\s*\)/i.exec(line);
    if (state) {
      const n = Number(state[1]);
      if (n === 0) return false;
      if (n === 1 || n === 2) return true;
      return null;
    }
  }
  for (const line of lines) {
    if (/^firewall is (?:disabled|off)\b/i.test(line)) return false;
    if (/^firewall is (?:enabled|on|blocking all)\b/i.test(line)) return true;
  }
  return null;
}

export function parseSocketfilterfwGlobalState(output: ToolOutput): SecurityStatus {
  const lines = outputLines(output);
  const enabled = firewallEnabled(lines);
  if (enabled === null) {
    const odd = lines.find((l) => /State\s*=/.test(l));
    return unknownSecurity(odd ? `socketfilterfw reported an unknown firewall state: ${odd}` : noAnswerReason('socketfilterfw --getglobalstate', output));
  }
  return { ...emptySecurity(), firewall: { enabled, profiles: [] } };
}
