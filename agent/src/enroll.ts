import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { AgentError } from './errors.js';
import { saveCredentials } from './credentials.js';
import type { DeviceCredentials } from './credentials.js';
import { AGENT_VERSION } from './version.js';
import type { OsFamily } from '@tandem/proto';
import { tlsClientOptions } from './transport/tls-options.js';
import { deviceHostname } from './platform.js';
import type { AgentTlsConfig, TlsClientOptions } from './transport/tls-options.js';

export interface EnrollOptions {
  /** Collector base URL (http[s]://host:port). */
  url: string;
  token: string;
  dataDir: string;
  platform: OsFamily;
  tls: AgentTlsConfig;
  /** Asked for at enrollment; the collector keeps them only within what the token allows. */
  site?: string | undefined;
  tags?: readonly string[] | undefined;
}

/** `--tags a,b=c`: a comma-separated list, blanks and repeats dropped. */
export function parseTagList(text: string | undefined): string[] {
  return [...new Set((text ?? '').split(',').map((t) => t.trim()).filter(Boolean))];
}

interface EnrollResponse {
  deviceId: string;
  tenantId: string;
  deviceSecret: string;
  agentUrls: string[];
}

/** POST over node:http(s), so the same CA and key pin apply as on the agent socket. */
function postJson(url: string, payload: unknown, tls: TlsClientOptions): Promise<{ status: number; text: string }> {
  const body = JSON.stringify(payload);
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      timeout: 30_000,
      ...(target.protocol === 'https:' ? tls : {}),
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', (err) => reject(err));
    req.end(body);
  });
}

/** Exchanges a one-time enrollment token for this device's own credential. */
export async function enroll(options: EnrollOptions): Promise<DeviceCredentials> {
  const base = options.url.replace(/\/+$/, '').replace(/^ws(s?):/, 'http$1:');
  if (!/^https?:\/\//.test(base)) {
    throw new AgentError('AGT_ERR_USAGE', `--url must be the collector's http:// or https:// address, got "${options.url}"`);
  }
  let res: { status: number; text: string };
  try {
    const labels = {
      ...(options.site ? { site: options.site } : {}),
      ...(options.tags && options.tags.length > 0 ? { tags: options.tags } : {}),
    };
    res = await postJson(`${base}/api/v1/enroll`, { token: options.token, hostname: deviceHostname(), os: options.platform, agentVersion: AGENT_VERSION, ...labels }, tlsClientOptions(options.tls));
  } catch (err) {
    if (err instanceof AgentError) throw err;
    throw new AgentError('AGT_ERR_COLLECTOR_UNREACHABLE', `cannot reach collector at ${base}: ${(err as Error).message}`, { cause: err });
  }
  let body: Partial<EnrollResponse> & { error?: { code?: string; message?: string } } = {};
  try {
    body = JSON.parse(res.text) as typeof body;
  } catch {
    // Reported below with the status.
  }
  if (res.status !== 201 && res.status !== 200) {
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
