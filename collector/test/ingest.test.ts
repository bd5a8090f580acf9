import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tandem } from '@tandem/proto';
import { RawAgent, sampleSnapshot, startHarness } from './support/harness.js';
import type { Harness } from './support/harness.js';
import { ALL_TENANTS } from '../src/store/store.js';

let h: Harness;
beforeAll(async () => { h = await startHarness('limits: { maxFrameBytes: 4096, maxInFlight: 8, authFailuresPerMinute: 5 }'); });
afterAll(async () => { await h.close(); });

async function connected() {
  const d = await h.enroll();
  const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.secret);
  return { d, agent };
}

function errorOf(agent: RawAgent) {
  return agent.waitFor((fs) => fs.find((f) => f.body === 'error')?.error ?? undefined);
}

describe('agent socket: the happy path', () => {
  it('welcomes, stores a report and acks it after the commit', async () => {
    const { d, agent } = await connected();
    agent.hello(d.deviceId);
    const welcome = await agent.waitFor((fs) => fs.find((f) => f.body === 'welcome')?.welcome);
    expect(Number(welcome!.lastCommittedSeq)).toBe(0);
    agent.report(1, sampleSnapshot(d.deviceId, 55));
    const ack = await agent.waitFor((fs) => fs.find((f) => f.body === 'ack')?.ack);
    expect(Number(ack!.seq)).toBe(1);
    const device = await h.server.store.getDevice(d.deviceId, ALL_TENANTS);
    expect(device!.status!.disk!.volumes[0]!.usedPercent).toBe(55);
    expect(device!.lastSeq).toBe(1);
    agent.close();
  });

  it('stores a resent report once and still acks it', async () => {
    const { d, agent } = await connected();
    agent.hello(d.deviceId);
    agent.report(1, sampleSnapshot(d.deviceId, 10));
    agent.report(2, sampleSnapshot(d.deviceId, 20));
    agent.report(1, sampleSnapshot(d.deviceId, 99));
    await agent.waitFor((fs) => fs.filter((f) => f.body === 'ack').length === 3);
    const acks = agent.frames.filter((f) => f.body === 'ack').map((f) => Number(f.ack!.seq));
    expect(acks).toEqual([1, 2, 2]);
    const reports = await h.server.store.listReports(d.deviceId, ALL_TENANTS);
    expect(reports!.map((r) => r.seq)).toEqual([1, 2]);
    expect((await h.server.store.getDevice(d.deviceId, ALL_TENANTS))!.status!.disk!.volumes[0]!.usedPercent).toBe(20);
    agent.close();
  });

  it('tells a reconnecting agent what it has committed', async () => {
    const { d, agent } = await connected();
    agent.hello(d.deviceId);
    agent.report(7, sampleSnapshot(d.deviceId));
    await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
    agent.close();
    await agent.waitClosed();
    const again = await RawAgent.connect(h.wsUrl, d.deviceId, d.secret);
    again.hello(d.deviceId);
    const welcome = await again.waitFor((fs) => fs.find((f) => f.body === 'welcome')?.welcome);
    expect(Number(welcome!.lastCommittedSeq)).toBe(7);
    again.close();
  });

  it('stores a gap record', async () => {
    const { d, agent } = await connected();
    agent.hello(d.deviceId);
    agent.send({ seq: 3, gap: { droppedCount: 12, firstDroppedSeq: 1, lastDroppedSeq: 12, firstDroppedAtMs: Date.parse('2026-11-20T00:00:00Z'), lastDroppedAtMs: Date.parse('2026-11-21T00:00:00Z'), reason: 'spool full' } });
    await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
    const reports = await h.server.store.listReports(d.deviceId, ALL_TENANTS);
    expect(reports).toEqual([expect.objectContaining({ seq: 3, kind: 'gap', body: expect.objectContaining({ droppedCount: 12, firstDroppedAt: '2026-11-20T00:00:00.000Z', reason: 'spool full' }) })]);
    agent.close();
  });
});

describe('agent socket: bad input gets an Error frame and a 4xxx close', () => {
  const cases: Array<{ name: string; code: string; close: number; act: (a: RawAgent, deviceId: string) => void }> = [
    { name: 'bytes that are not protobuf', code: 'COL_ERR_FRAME_DECODE', close: 4400, act: (a) => a.sendRaw(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f])) },
    { name: 'a text frame', code: 'COL_ERR_FRAME_DECODE', close: 4400, act: (a) => a.sendRaw('{"hello": true}', false) },
    { name: 'a frame without a body', code: 'COL_ERR_FRAME_BODY', close: 4400, act: (a) => a.send({ seq: 1 }) },
    { name: 'a Report before Hello', code: 'COL_ERR_PROTOCOL_ORDER', close: 4409, act: (a, id) => a.report(1, sampleSnapshot(id)) },
    { name: 'a frame over the size limit', code: 'COL_ERR_FRAME_TOO_LARGE', close: 4413, act: (a, id) => { a.hello(id); a.sendRaw(Buffer.alloc(5000, 1)); } },
    { name: 'a Hello for another device', code: 'COL_ERR_DEVICE_MISMATCH', close: 4403, act: (a) => a.hello('dev_somebody_else') },
    { name: 'a Report without seq', code: 'COL_ERR_SEQ', close: 4400, act: (a, id) => { a.hello(id); a.send({ report: { collectedAtMs: Date.now() } }); } },
    // Stored, 2^53 - 1 would leave the device no higher seq: it could never report again.
    { name: 'a Report with a seq past 2^48', code: 'COL_ERR_SEQ', close: 4400, act: (a, id) => { a.hello(id); a.send({ seq: 2 ** 53 - 1, report: { collectedAtMs: Date.now() } }); } },
    // The top level reads (seq 1, a report), the report inside does not: found when the report is stored, and named.
    { name: 'a Report whose body is not a Report', code: 'COL_ERR_FRAME_DECODE', close: 4400, act: (a, id) => { a.hello(id); a.sendRaw(Buffer.from([0x08, 0x01, 0x62, 0x02, 0xff, 0xff])); } },
    { name: 'a Welcome (a collector frame)', code: 'COL_ERR_FRAME_BODY', close: 4400, act: (a, id) => { a.hello(id); a.send({ welcome: {} }); } },
    { name: 'an unknown major protocol version', code: 'COL_ERR_PROTOCOL_VERSION', close: 4426, act: (a, id) => a.send({ hello: { deviceId: id, protocolVersion: '2.0' } }) },
  ];

  for (const c of cases) {
    it(`${c.name} → ${c.code}`, async () => {
      const { d, agent } = await connected();
      c.act(agent, d.deviceId);
      const err = await errorOf(agent);
      expect(err!.code).toBe(c.code);
      expect(err!.message.length).toBeGreaterThan(10);
      expect(await agent.waitClosed()).toBe(c.close);
    });
  }

  it('keeps serving other agents and leaves stored data untouched', async () => {
    const good = await connected();
    good.agent.hello(good.d.deviceId);
    good.agent.report(1, sampleSnapshot(good.d.deviceId, 33));
    await good.agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
    const before = await h.server.store.getDevice(good.d.deviceId, ALL_TENANTS);

    // The same device misbehaving on a second connection, and another device sending garbage.
    const bad = await connected();
    bad.agent.sendRaw(Buffer.from('garbage'));
    await bad.agent.waitClosed();
    const impostor = await RawAgent.connect(h.wsUrl, good.d.deviceId, good.d.secret);
    impostor.hello(good.d.deviceId);
    await impostor.waitFor((fs) => fs.some((f) => f.body === 'welcome'));
    impostor.sendRaw(Buffer.from([0xff, 0xff, 0xff]));
    await impostor.waitClosed();

    const fresh = await connected();
    fresh.agent.hello(fresh.d.deviceId);
    fresh.agent.report(1, sampleSnapshot(fresh.d.deviceId, 44));
    await fresh.agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
    const after = await h.server.store.getDevice(good.d.deviceId, ALL_TENANTS);
    expect(after!.status).toEqual(before!.status);
    expect(after!.lastSeq).toBe(1);
    expect((await h.server.store.listReports(good.d.deviceId, ALL_TENANTS))!.length).toBe(1);
    fresh.agent.close();
  });

  it('reads a report whose enum values come from a newer schema as unknown', async () => {
    const { d, agent } = await connected();
    agent.hello(d.deviceId);
    agent.send({ seq: 1, report: { collectedAtMs: Date.now(), agentVersion: '9.9.9', disk: { state: 42 as tandem.v1.TopicState, volumes: [] } } });
    await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
    const device = await h.server.store.getDevice(d.deviceId, ALL_TENANTS);
    expect(device!.status!.disk!.state).toBe('unknown');
    agent.close();
  });
});

describe('agent socket: authentication before any frame', () => {
  it('refuses a wrong secret with 401, and a revoked device', async () => {
    const d = await h.enroll();
    await expect(RawAgent.connect(h.wsUrl, d.deviceId, 'tdd_wrong')).rejects.toThrow('HTTP 401');
    await h.server.store.revokeDevice(d.deviceId, ALL_TENANTS);
    await expect(RawAgent.connect(h.wsUrl, d.deviceId, d.secret)).rejects.toThrow('HTTP 401');
  });

  it('rate-limits repeated failures from one address with 429', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 8; i++) {
      codes.push(await RawAgent.connect(h.wsUrl, 'dev_x', 'nope').then(() => 'open', (e: Error) => e.message));
    }
    expect(codes).toContain('HTTP 429');
  });
});
