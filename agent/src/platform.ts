import { hostname } from 'node:os';
import type { OsFamily } from '@tandem/proto';

/**
 * The OS the agent acts as. `TANDEM_PLATFORM` lets tests (and support staff
 * replaying a customer's outputs) run every OS's collectors on any machine.
 */
export function currentPlatform(env: NodeJS.ProcessEnv = process.env): OsFamily {
  const forced = env.TANDEM_PLATFORM;
  if (forced === 'linux' || forced === 'darwin' || forced === 'win32') return forced;
  if (forced) throw new Error(`TANDEM_PLATFORM must be linux, darwin or win32, got "${forced}"`);
  const p = process.platform;
  return p === 'darwin' || p === 'win32' ? p : 'linux';
}

/**
 * The name this device reports. `TANDEM_HOSTNAME` stands in for the OS's
 * host name, so recorded-output replays (tests, the demo) look like the
 * machines they were recorded on.
 */
export function deviceHostname(env: NodeJS.ProcessEnv = process.env): string {
  return env.TANDEM_HOSTNAME || hostname();
}
