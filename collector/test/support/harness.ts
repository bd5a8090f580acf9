// An in-process collector on a free loopback port with a throwaway data
// folder, plus raw WebSocket clients that speak the wire protocol.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import WebSocket from 'ws';
import { decodeFrame, encodeFrame, PROTOCOL_VERSION, snapshotToReport } from '@tandem/proto';
import type { Frame, FrameInit, Snapshot } from '@tandem/proto';
import { createCollectorServer } from '../../src/server.js';
import type { CollectorServer } from '../../src/server.js';
import { parseCollectorConfig } from '../../src/config.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test PostgreSQL server (tests/services/global-setup-postgres.mjs). */
    pgAdminUrl: string;
  }
}

export interface Harness {
  server: CollectorServer;
  url: string;
  wsUrl: string;
  dataDir: string;
  adminToken: string;
  tenantId: string;
  enroll(tenantId?: string): Promise<{ deviceId: string; secret: string; tenantId: string }>;
  /** Stops the collector and starts it again on the same store and folder (new port: url and wsUrl change). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * With TANDEM_TEST_STORE=postgres (the collector-pg test project) every
 * harness gets its own database on the test PostgreSQL server.
 */
async function storeYaml(): Promise<{ yaml: string; drop: () => Promise<void> }> {
  if (process.env.TANDEM_TEST_STORE !== 'postgres') return { yaml: '', drop: async () => {} };
  const adminUrl = inject('pgAdminUrl');
  const name = `tandem_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    yaml: `store: { kind: postgres, url: "${url.toString()}" }\n`,
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function startHarness(extraYaml = ''): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-collector-'));
  const db = extraYaml.includes('store:') ? { yaml: '', drop: async () => {} } : await storeYaml();
  const config = parseCollectorConfig(`listen: { host: 127.0.0.1, port: 0 }\ndataDir: ${dataDir}\nlogLevel: silent\n${db.yaml}${extraYaml}`, join(dataDir, 'collector.yaml'));
  let server = await createCollectorServer(config);
  const url = await server.listen();
  const tenant = await server.store.createTenant({ id: 'acme', name: 'Acme' });
  const { token: adminToken } = await server.store.createApiToken({ tenantId: null, name: 'test admin', role: 'provider-admin' });
  return {
    server,
    url,
    wsUrl: `${url.replace(/^http/, 'ws')}/agent/v1`,
    async restart() {
      await server.close();
      server = await createCollectorServer(config);
      this.server = server;
      this.url = await server.listen();
      this.wsUrl = `${this.url.replace(/^http/, 'ws')}/agent/v1`;
    },
    dataDir,
    adminToken,
    tenantId: tenant.id,
    async enroll(tenantId = tenant.id) {
      const { token } = await server.store.createEnrollToken({ tenantId });
      const d = await server.store.enrollDevice(token, { hostname: 'host-under-test', os: 'linux', agentVersion: '0.1.0' });
      return { deviceId: d.deviceId, secret: d.deviceSecret, tenantId };
    },
    async close() {
      // Each step runs even when an earlier one failed, so a broken test leaves no database or folder behind.
      try {
        await server.close();
      } finally {
        try {
          await db.drop();
        } finally {
          rmSync(dataDir, { recursive: true, force: true });
        }
      }
    },
  };
}

/** A raw agent connection that records every frame and the close code. */
export class RawAgent {
  readonly frames: Frame[] = [];
  closeCode: number | null = null;
  private waiters: Array<() => void> = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.frames.push(decodeFrame(data));
      this.wake();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      this.wake();
    });
  }

  static connect(wsUrl: string, deviceId: string, secret: string): Promise<RawAgent> {
    const ws = new WebSocket(wsUrl, { headers: { authorization: `Bearer ${deviceId}.${secret}` } });
    const agent = new RawAgent(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(agent));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  send(frame: FrameInit): void {
    this.ws.send(encodeFrame(frame));
  }

  /**
   * Writes many frames to the socket in one write, as a client that ignores
   * flow control would: they reach the collector in one read, before pausing
   * the socket can take effect.
   */
  burst(frames: FrameInit[]): void {
    const socket = (this.ws as unknown as { _socket: import('node:net').Socket })._socket;
    socket.write(Buffer.concat(frames.map((f) => maskedBinaryFrame(encodeFrame(f)))));
  }

  sendRaw(data: Buffer | string, binary = true): void {
    this.ws.send(data, { binary });
  }

  hello(deviceId: string): void {
    this.send({ hello: { deviceId, agentVersion: '0.1.0', protocolVersion: PROTOCOL_VERSION, hostname: 'host-under-test', os: 'linux' } });
  }

  report(seq: number, snapshot: Snapshot): void {
    this.send({ seq, report: snapshotToReport(snapshot) });
  }

  /** Waits until `predicate` holds over the frames received so far. */
  async waitFor<T>(predicate: (frames: Frame[]) => T | undefined | false, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = predicate(this.frames);
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out; frames so far: ${JSON.stringify(this.frames.map((f) => f.body))}, close=${this.closeCode}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 100);
      });
    }
  }

  waitClosed(timeoutMs = 5000): Promise<number> {
    return this.waitFor(() => (this.closeCode !== null ? this.closeCode : undefined), timeoutMs);
  }

  close(): void {
    this.ws.close();
  }
}

/** One client-to-server WebSocket binary frame (RFC 6455 §5.2; a zero mask key leaves the payload as it is). */
export function maskedBinaryFrame(payload: Uint8Array): Buffer {
  const n = payload.length;
  const header = n < 126 ? Buffer.from([0x82, 0x80 | n]) : n < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (n >= 126 && n < 65536) {
    header[0] = 0x82; header[1] = 0x80 | 126; header.writeUInt16BE(n, 2);
  } else if (n >= 65536) {
    header[0] = 0x82; header[1] = 0x80 | 127; header.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([header, Buffer.alloc(4), payload]);
}

export function sampleSnapshot(deviceId: string, usedPercent = 42, collectedAt = new Date().toISOString()): Snapshot {
  return {
    deviceId,
    collectedAt,
    agentVersion: '0.1.0',
    inventory: null,
    patch: null,
    backup: null,
    security: null,
    disk: {
      state: 'ok', reason: null,
      volumes: [{ mount: '/', fsType: 'ext4', sizeBytes: 1000, usedBytes: usedPercent * 10, freeBytes: 1000 - usedPercent * 10, usedPercent, inodesTotal: null, inodesUsed: null, inodesUsedPercent: null, device: '/dev/sda1', smartHealth: null }],
    },
  };
}
