// The agent's side of the wire with a hostile collector: a real WsTransport
// and a real spool on disk, connected over loopback to a server that answers
// Hello with arbitrary frames (well-formed frames with arbitrary values, and
// raw bytes). Whatever it sends, the agent does not crash, keeps its spool
// readable, and reconnects when the connection ends.
// Longer run: FUZZ_RUNS=20000 npx vitest run --project agent test/fuzz/collector-frames.test.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { decodeFrame, encodeFrame } from '@tandem/proto';
import type { FrameInit } from '@tandem/proto';
import { WsTransport, FileSpool, RECORD_KIND, createLogger } from '../../src/index.js';
import { policySchedules } from '../../src/schedule/policy.js';
import { FuzzLog, fuzzTimeout } from '../../../tests/support/fuzz.js';

const log = new FuzzLog('agent-collector-frames');

const seqValue = fc.oneof(
  fc.constantFrom(0, 1, 2, 3, -1, 2 ** 31, 2 ** 53 - 1, Number.MAX_SAFE_INTEGER),
  fc.nat({ max: 10 }),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((b) => b.toString()),
);
const text = fc.string({ unit: 'binary', maxLength: 60 });
const frameArb: fc.Arbitrary<FrameInit | Uint8Array> = fc.oneof(
  fc.record({
    welcome: fc.record({
      collectorVersion: text, protocolVersion: fc.oneof(fc.constant('1.0'), text), lastCommittedSeq: seqValue,
      heartbeatIntervalSeconds: fc.oneof(fc.constantFrom(0, 1, 5, 30, 4294967295), fc.nat()), maxFrameBytes: fc.nat(),
      maxInFlight: fc.oneof(fc.constantFrom(0, 1, 4294967295), fc.nat({ max: 100 })), deviceId: text, tenantId: text,
    }, { requiredKeys: [] }),
  }),
  fc.record({ ack: fc.record({ seq: seqValue }, { requiredKeys: [] }) }),
  fc.record({ heartbeat: fc.record({ sentAtMs: seqValue }, { requiredKeys: [] }) }),
  fc.record({ policy: fc.record({ schedules: fc.dictionary(fc.oneof(fc.constantFrom('disk', 'patch', 'security', 'backup', 'inventory', '__proto__', 'constructor'), text), fc.oneof(fc.constantFrom('* * * * *', '*/5 * * * *', '61 * * * *', ''), text), { maxKeys: 6 }) }, { requiredKeys: [] }) }),
  fc.record({ error: fc.record({ code: text, message: text }, { requiredKeys: [] }) }),
  fc.record({ seq: seqValue, hello: fc.record({ deviceId: text, protocolVersion: text }, { requiredKeys: [] }) }),
  fc.record({ goodbye: fc.record({ reason: text }, { requiredKeys: [] }) }),
  fc.record({ seq: seqValue, gap: fc.record({ droppedCount: seqValue, reason: text }, { requiredKeys: [] }) }),
  fc.constant({}),
  fc.uint8Array({ maxLength: 200 }),
);

interface Connection { ws: WebSocket; hello: boolean }

describe('agent transport against a hostile collector', () => {
  let server: WebSocketServer;
  let url: string;
  const connections: Connection[] = [];
  const waiters: Array<() => void> = [];
  const wake = () => { for (const w of waiters.splice(0)) w(); };
  const waitUntil = async (cond: () => boolean, what: string, ms = 30_000) => {
    const deadline = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((r) => { waiters.push(r); setTimeout(r, 50); });
    }
  };

  beforeAll(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => server.once('listening', () => r()));
    url = `ws://127.0.0.1:${(server.address() as { port: number }).port}/agent/v1`;
    server.on('connection', (ws) => {
      const c: Connection = { ws, hello: false };
      connections.push(c);
      ws.on('message', (data: Buffer) => {
        try {
          if (decodeFrame(data).hello) c.hello = true;
        } catch {
          // An agent frame that does not decode is itself a finding; the assertion below catches it.
          c.hello = false;
        }
        wake();
      });
      ws.on('close', wake);
    });
  });

  afterAll(async () => {
    for (const c of connections) c.ws.terminate();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('survives arbitrary frames, keeps its spool readable and reconnects', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      await log.check('collector frames to a real transport', fc.asyncProperty(fc.array(frameArb, { minLength: 1, maxLength: 8 }), fc.nat({ max: 5 }), async (frames, pending) => {
        const dir = mkdtempSync(join(tmpdir(), 'tandem-fuzz-transport-'));
        const spool = FileSpool.open({ dir, maxBytes: 1024 * 1024 });
        for (let i = 0; i < pending; i++) spool.append(RECORD_KIND.report, new Uint8Array(0), Date.now());
        const policies: unknown[] = [];
        const transport = new WsTransport({
          urls: [url], credentials: { deviceId: 'dev-fuzz', secret: 's', collectors: [url] } as never, spool,
          hello: { hostname: 'fuzz', os: 'linux' }, heartbeatSeconds: 30, backoff: { baseMs: 10, capMs: 50 }, tls: {},
          log: createLogger('error', () => {}),
          // The agent validates pushed schedules this way before it saves them.
          onPolicy: (p) => policies.push(policySchedules(p)),
        });
        const before = connections.length;
        try {
          transport.start();
          await waitUntil(() => connections.length > before && connections[before]!.hello, 'the first Hello');
          const first = connections[before]!;
          for (const f of frames) first.ws.send(f instanceof Uint8Array ? f : encodeFrame(f));
          first.ws.close(1000, 'fuzz run over');
          // Still alive: it dials again and says Hello.
          await waitUntil(() => connections.slice(before + 1).some((c) => c.hello), 'a reconnect after the hostile connection');
          expect(uncaught).toEqual([]);
          for (const p of policies) expect(p).toHaveProperty('ok');
        } finally {
          await transport.stop('fuzz run over');
          spool.close();
        }
        // What the spool wrote is readable again (as after an agent restart).
        const reopened = FileSpool.open({ dir, maxBytes: 1024 * 1024 });
        expect(reopened.openReport.truncatedBytes).toBe(0);
        reopened.close();
        rmSync(dir, { recursive: true, force: true });
      }), 60);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  }, fuzzTimeout(60, 500));
});
