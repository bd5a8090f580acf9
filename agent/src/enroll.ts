import { hostname } from 'node:os';
import { AgentError } from './errors.js';
import { saveCredentials } from './credentials.js';
import type { DeviceCredentials } from './credentials.js';
import { AGENT_VERSION } from './version.js';
import type { OsFamily } from '@tandem/proto';

export interface EnrollOptions {
  /** Collector base URL (http[s]://host:port). */
  url: string;
  token: string;
  dataDir: string;
  platform: OsFamily;
  fetchImpl?: typeof fetch;
}

interface EnrollResponse {
  deviceId: string;
  tenantId: string;
  deviceSecret: string;
  agentUrls: string[];
}

/** Exchanges a one-time enrollment token for this device's own credential. */
export async function enroll(options: EnrollOptions): Promise<DeviceCredentials> {
  const base = options.url.replace(/\/+$/, '').replace(/^ws(s?):/, 'http$1:');
  if (!/^https?:\/\//.test(base)) {
    throw new AgentError('AGT_ERR_USAGE', `--url must be the collector's http:// or https:// address, got "${options.url}"`);
  }
  let res: Response;
  try {
    res = await (options.fetchImpl ?? fetch)(`${base}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: options.token, hostname: hostname(), os: options.platform, agentVersion: AGENT_VERSION }),
    });
  } catch (err) {
    throw new AgentError('AGT_ERR_ENROLL', `cannot reach collector at ${base}: ${(err as Error).message}`, { cause: err });
  }
  const body = (await res.json().catch(() => ({}))) as Partial<EnrollResponse> & { error?: { code?: string; message?: string } };
  if (!res.ok) {
    throw new AgentError('AGT_ERR_ENROLL', `collector refused enrollment (HTTP ${res.status}): ${body.error?.message ?? 'no reason given'}`);
  }
  if (!body.deviceId || !body.deviceSecret || !Array.isArray(body.agentUrls)) {
    throw new AgentError('AGT_ERR_ENROLL', 'collector answered enrollment without deviceId, deviceSecret and agentUrls');
  }
  const creds: DeviceCredentials = {
    deviceId: body.deviceId,
    tenantId: body.tenantId ?? '',
    secret: body.deviceSecret,
    collectors: body.agentUrls,
    enrolledAt: new Date().toISOString(),
  };
  saveCredentials(options.dataDir, creds);
  return creds;
}
