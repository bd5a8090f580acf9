// The per-device credential the collector issued at enrollment. Stored in the
// agent's data folder, readable by the agent's own user only.
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgentError } from './errors.js';

export interface DeviceCredentials {
  deviceId: string;
  tenantId: string;
  /** Secret half of the credential; never logged. */
  secret: string;
  /** Agent WebSocket URLs the collector gave at enrollment. */
  collectors: string[];
  enrolledAt: string;
}

export function credentialsPath(dataDir: string): string {
  return join(dataDir, 'credentials.json');
}

export function saveCredentials(dataDir: string, creds: DeviceCredentials): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = credentialsPath(dataDir);
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(creds, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

export function loadCredentials(dataDir: string): DeviceCredentials | null {
  const file = credentialsPath(dataDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AgentError('AGT_ERR_CREDENTIALS', `cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  try {
    const c = JSON.parse(text) as DeviceCredentials;
    if (typeof c.deviceId !== 'string' || typeof c.secret !== 'string' || !Array.isArray(c.collectors)) throw new Error('missing deviceId, secret or collectors');
    return c;
  } catch (err) {
    throw new AgentError('AGT_ERR_CREDENTIALS', `${file} is not a valid credential file: ${(err as Error).message}`, { cause: err });
  }
}

/** The value of the Authorization header the agent presents. */
export function authorizationHeader(creds: DeviceCredentials): string {
  return `Bearer ${creds.deviceId}.${creds.secret}`;
}
