// The collector's side of the wire with a hostile agent: an in-process
// collector, a real enrolled device, and a raw WebSocket that sends
// arbitrary frames (well-formed frames with arbitrary values, raw bytes,
// text). Whatever it sends, the collector answers with an Error frame and a
// close code or accepts the frame, never crashes, keeps what was stored,
// and keeps serving the next agent.
// Longer run: FUZZ_RUNS=20000 npx vitest run --project collector test/fuzz/agent-frames.test.ts
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeFrame, frameBody, PROTOCOL_VERSION, snapshotToReport } from '@tandem/proto';
import type { FrameInit } from '@tandem/proto';
import { RawAgent, sampleSnapshot, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { FuzzLog, fuzzTimeout } from '../../../tests/support/fuzz.js';

const log = new FuzzLog('collector-agent-frames');
let h: Harness;
let device: { deviceId: string; secret: string };

beforeAll(async () => {
  h = await startHarness('limits: { maxFrameBytes: 65536, maxInFlight: 8, authFailuresPerMinute: 1000 }');
  device = await h.enroll();
}, 60_000);
afterAll(async () => { await h.close(); }, 60_000);

const text = fc.string({ unit: 'binary', maxLength: 40 });
const seqValue = fc.oneof(fc.constantFrom(0, 1, 2, -1, 2 ** 53, Number.MAX_SAFE_INTEGER), fc.nat({ max: 20 }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String));
const timeMs = fc.oneof(fc.constantFrom(0, -1, 8.64e15, 8.64e15 + 1, Number.MAX_SAFE_INTEGER), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String), fc.nat());

/** A report with arbitrary values in the places a careless agent (or an attacker) fills. */
const reportArb = fc.record({
  collectedAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom('', 'yesterday', '9999-99-99T00:00:00Z', '+275760-09-13T00:00:00.001Z')),
  usedPercent: fc.oneof(fc.double(), fc.constantFrom(0, 100, -1, 1e308)),
  mount: text,
}).map(({ collectedAt, usedPercent, mount }) => {
  const snapshot = sampleSnapshot(device.deviceId, 10, collectedAt);
  snapshot.disk!.volumes[0]!.usedPercent = usedPercent;
  snapshot.disk!.volumes[0]!.mount = mount;
  try {
    return snapshotToReport(snapshot);
  } catch {
    return snapshotToReport(sampleSnapshot(device.deviceId));
  }
});

const frameArb: fc.Arbitrary<{ bytes: Uint8Array | string }> = fc.oneof(
  fc.record({ seq: seqValue, report: reportArb }, { requiredKeys: ['report'] }),
  fc.record({ seq: seqValue, gap: fc.record({ droppedCount: seqValue, firstDroppedSeq: seqValue, lastDroppedSeq: seqValue, firstDroppedAtMs: timeMs, lastDroppedAtMs: timeMs, reason: text }, { requiredKeys: [] }) }, { requiredKeys: ['gap'] }),
  fc.record({ hello: fc.record({ deviceId: fc.oneof(fc.constant('SELF'), text), agentVersion: text, protocolVersion: fc.oneof(fc.constant(PROTOCOL_VERSION), text), hostname: text, os: text, lastSeq: seqValue }, { requiredKeys: [] }) }),
  fc.record({ heartbeat: fc.record({ sentAtMs: timeMs }, { requiredKeys: [] }) }),
  fc.record({ goodbye: fc.record({ reason: text }, { requiredKeys: [] }) }),
  fc.record({ welcome: fc.record({ deviceId: text }, { requiredKeys: [] }) }),
  fc.record({ ack: fc.record({ seq: seqValue }, { requiredKeys: [] }) }),
  fc.record({ policy: fc.record({ schedules: fc.dictionary(text, text, { maxKeys: 3 }) }) }),
  fc.constant({}),
).map((f) => {
  const frame = f as FrameInit;
  if (frame.hello?.deviceId === 'SELF') frame.hello.deviceId = device.deviceId;
  return { bytes: encodeFrame(frame) };
});
const anyFrame = fc.oneof(
  { weight: 6, arbitrary: frameArb },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ bytes })) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 65_537, maxLength: 70_000 }).map((bytes) => ({ bytes })) },
  { weight: 1, arbitrary: text.map((s) => ({ bytes: s })) },
);

describe('collector ingest against a hostile agent', () => {
  it('answers every frame with an ack, an Error frame and a close, or nothing; and keeps serving', async () => {
    await log.check('agent frames over a real socket', fc.asyncProperty(fc.boolean(), fc.array(anyFrame, { minLength: 1, maxLength: 6 }), async (helloFirst, frames) => {
      const before = (await h.server.store.getDevice(device.deviceId, { all: true }))!.lastSeq;
      const agent = await RawAgent.connect(h.wsUrl, device.deviceId, device.secret);
      try {
        if (helloFirst) agent.hello(device.deviceId);
        for (const f of frames) {
          if (agent.closeCode !== null) break;
          if (typeof f.bytes === 'string') agent.sendRaw(f.bytes, false);
          else agent.sendRaw(Buffer.from(f.bytes));
        }
        // A goodbye-free close ends the run; every frame before it has been read by then.
        agent.send({ heartbeat: { sentAtMs: Date.now() } });
        await agent.waitFor((got) => agent.closeCode !== null || got.some((g) => frameBody(g) === 'heartbeat'), 15_000);
      } finally {
        agent.close();
      }
      for (const f of agent.frames) {
        const body = frameBody(f);
        expect(['welcome', 'ack', 'heartbeat', 'error', 'policy']).toContain(body);
        if (body === 'error') {
          expect(f.error!.code).toMatch(/^COL_ERR_[A-Z_]+$/);
          expect(f.error!.message!.length).toBeGreaterThan(0);
          expect(f.error!.code).not.toBe('COL_ERR_INTERNAL');
        }
      }
      // Protocol errors close with a 4xxx code (1000/1005/1006 when the run's own close won the race).
      if (agent.closeCode !== null) expect(agent.closeCode === 1000 || agent.closeCode === 1005 || agent.closeCode === 1006 || (agent.closeCode >= 4000 && agent.closeCode < 5000)).toBe(true);
      // Nothing stored goes backwards.
      const after = (await h.server.store.getDevice(device.deviceId, { all: true }))!.lastSeq;
      expect(after).toBeGreaterThanOrEqual(before);
    }), 80);

    // Still healthy: a well-behaved agent is welcomed, its report stored and acknowledged.
    const res = await fetch(`${h.url}/healthz`);
    expect(res.status).toBe(200);
    const other = await h.enroll();
    const good = await RawAgent.connect(h.wsUrl, other.deviceId, other.secret);
    good.hello(other.deviceId);
    await good.waitFor((f) => f.find((x) => x.welcome)?.welcome, 15_000);
    good.report(1, sampleSnapshot(other.deviceId, 55));
    await good.waitFor((f) => f.some((x) => x.ack && Number(x.ack.seq) === 1), 15_000);
    good.close();
  }, fuzzTimeout(80, 1000));
});
