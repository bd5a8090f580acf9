// HTTPS/WSS between real agent and collector processes: a private CA, and a
// pin of the collector's public key that refuses any other key.
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_CLI, COLLECTOR_CLI, Proc, freePort, runNode, tempDir, waitUntil } from '../support/processes.js';

let dir: string;
let url: string;
let collector: Proc;
let ca: Buffer;
let goodPin: string;
let apiToken: string;
const agents: Proc[] = [];

function openssl(args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

function httpsJson(path: string, token?: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    get(`${url}${path}`, { ca, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      let text = '';
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || 'null') }));
    }).on('error', reject);
  });
}

function collectorCli(args: string[]) {
  return runNode(COLLECTOR_CLI, [...args, '--config', join(dir, 'collector.yaml')]);
}

async function agentHome(tlsYaml: string): Promise<{ config: string }> {
  const home = tempDir('tls-agent');
  const config = join(home, 'agent.yaml');
  writeFileSync(config, `dataDir: data\n${tlsYaml}\n`);
  return { config };
}

beforeAll(async () => {
  dir = tempDir('tls');
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Tandem Test CA']);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext']);
  ca = readFileSync(join(dir, 'ca.pem'));
  const spki = new X509Certificate(readFileSync(join(dir, 'server.pem'))).publicKey.export({ type: 'spki', format: 'der' });
  goodPin = createHash('sha256').update(spki).digest('base64');

  const port = await freePort();
  url = `https://127.0.0.1:${port}`;
  writeFileSync(join(dir, 'collector.yaml'), `listen: { host: 127.0.0.1, port: ${port} }\ndataDir: data\nlogLevel: warn\ntls: { certFile: server.pem, keyFile: server.key }\n`);
  collector = Proc.start(COLLECTOR_CLI, ['serve', '--config', join(dir, 'collector.yaml')]);
  await waitUntil(async () => {
    if (collector.exited) throw new Error(`collector exited: ${collector.output}`);
    return (await httpsJson('/readyz')).status === 200;
  }, 15_000, 'collector ready over HTTPS');
  await collectorCli(['tenant', 'create', '--id', 'tls', '--name', 'TLS']);
  apiToken = (await collectorCli(['token', 'create', '--name', 'tls'])).stdout.trim();
});

afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop()));
  await collector?.stop();
});

async function enrollToken(): Promise<string> {
  return (await collectorCli(['enroll-token', 'create', '--tenant', 'tls', '--max-uses', '1'])).stdout.trim();
}

describe('TLS', () => {
  it('enrolls and reports over HTTPS/WSS with a private CA and the right pin', async () => {
    const home = await agentHome(`tls: { caFile: ${join(dir, 'ca.pem')}, pinSha256: "${goodPin}" }`);
    const enrolled = await runNode(AGENT_CLI, ['enroll', '--url', url, '--token', await enrollToken(), '--config', home.config]);
    expect(enrolled.stderr).toBe('');
    const credentials = JSON.parse(readFileSync(join(home.config, '..', 'data', 'credentials.json'), 'utf8')) as { deviceId: string; collectors: string[] };
    expect(credentials.collectors[0]).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/agent\/v1$/);
    const agent = Proc.start(AGENT_CLI, ['run', '--config', home.config]);
    agents.push(agent);
    const device = await waitUntil(async () => {
      const r = await httpsJson(`/api/v1/devices/${credentials.deviceId}`, apiToken);
      return r.status === 200 && r.body.status?.disk ? r.body : null;
    }, 30_000, 'a report over WSS');
    expect(device.connected).toBe(true);
  });

  it('refuses a collector whose key does not match the pin, naming both keys', async () => {
    const wrongPin = createHash('sha256').update('some other key').digest('base64');
    const home = await agentHome(`tls: { caFile: ${join(dir, 'ca.pem')}, pinSha256: "${wrongPin}" }`);
    const r = await runNode(AGENT_CLI, ['enroll', '--url', url, '--token', await enrollToken(), '--config', home.config]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`presented public key ${goodPin}, which does not match the configured pin ${wrongPin}`);
  });

  it('refuses a certificate from an unknown CA', async () => {
    const home = await agentHome('');
    const r = await runNode(AGENT_CLI, ['enroll', '--url', url, '--token', await enrollToken(), '--config', home.config]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot reach collector .*(self-signed|unable to verify|certificate)/i);
  });

  it('an enrolled agent whose pin stops matching does not connect', async () => {
    const home = await agentHome(`tls: { caFile: ${join(dir, 'ca.pem')} }`);
    await runNode(AGENT_CLI, ['enroll', '--url', url, '--token', await enrollToken(), '--config', home.config]);
    const wrongPin = createHash('sha256').update('rotated key').digest('base64');
    writeFileSync(home.config, `dataDir: data\ntls: { caFile: ${join(dir, 'ca.pem')}, pinSha256: "${wrongPin}" }\nbackoff: { baseMs: 100, capMs: 500 }\n`);
    const agent = Proc.start(AGENT_CLI, ['run', '--config', home.config]);
    agents.push(agent);
    await waitUntil(async () => agent.output.includes('AGT_ERR_TLS_PIN'), 15_000, 'pin refusal in the agent log');
    const credentials = JSON.parse(readFileSync(join(home.config, '..', 'data', 'credentials.json'), 'utf8')) as { deviceId: string };
    expect((await httpsJson(`/api/v1/devices/${credentials.deviceId}`, apiToken)).body.lastSeenAt).toBeNull();
  });
});
