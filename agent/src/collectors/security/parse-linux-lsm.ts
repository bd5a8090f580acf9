// Pure readers of the Linux security modules. "on" means the module enforces:
// SELinux permissive only logs, so it is "off" like disabled.
import type { CheckState } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';
import { firstLine, toolFailure } from './parse-linux-firewall.js';
import { shortLine } from '../../parse/short-line.js';

export interface CheckReading {
  state: CheckState;
  reason: string | null;
}

/** `getenforce`: Enforcing, Permissive or Disabled. */
export function parseGetenforce(output: ToolOutput): CheckReading {
  if (output.exitCode !== 0) return { state: 'unknown', reason: toolFailure('getenforce', output) };
  const word = firstLine(output.stdout).toLowerCase();
  if (word === 'enforcing') return { state: 'on', reason: null };
  if (word === 'permissive' || word === 'disabled') return { state: 'off', reason: null };
  return { state: 'unknown', reason: word ? `unrecognised getenforce output "${shortLine(firstLine(output.stdout))}"` : 'getenforce printed nothing' };
}

/** Contents of /sys/fs/selinux/enforce: 1 enforcing, 0 permissive. */
export function selinuxFromEnforceFile(text: string): CheckReading {
  const v = text.trim();
  if (v === '1') return { state: 'on', reason: null };
  if (v === '0') return { state: 'off', reason: null };
  return { state: 'unknown', reason: `unrecognised /sys/fs/selinux/enforce content "${shortLine(v)}"` };
}

/** Contents of /sys/module/apparmor/parameters/enabled: Y or N. */
export function apparmorFromEnabledFile(text: string): CheckReading {
  const v = text.trim().toUpperCase();
  if (v === 'Y') return { state: 'on', reason: null };
  if (v === 'N') return { state: 'off', reason: null };
  return { state: 'unknown', reason: `unrecognised /sys/module/apparmor/parameters/enabled content "${shortLine(text.trim())}"` };
}
