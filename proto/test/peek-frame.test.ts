// peekFrame reads a frame's kind and seq without decoding its body; it must
// agree with a full decode on every body, and its field numbers with frame.proto.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, frameBody, FRAME_FIELDS, FrameDecodeError, peekFrame, snapshotToReport } from '../src/index.js';
import type { FrameInit } from '../src/index.js';

const frameProto = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'tandem', 'v1', 'frame.proto'), 'utf8');

describe('peekFrame', () => {
  it('holds the field numbers frame.proto declares', () => {
    const message = /message Frame \{([\s\S]*?)\n\}/.exec(frameProto)![1]!;
    const fields = Object.fromEntries([...message.matchAll(/^\s*\w+ (\w+) = (\d+);/gm)].map((m) => [m[1], Number(m[2])]));
    expect(fields).toEqual({ seq: FRAME_FIELDS.seq, ...FRAME_FIELDS.bodies });
  });

  it('agrees with a full decode for every body', () => {
    const snapshot = { deviceId: 'dev_1', collectedAt: new Date(0).toISOString(), agentVersion: '1', inventory: null, patch: null, disk: null, backup: null, security: null };
    const frames: FrameInit[] = [
      { hello: { deviceId: 'dev_1', agentVersion: '1', protocolVersion: '1.1' } },
      { seq: 7, report: snapshotToReport(snapshot) },
      { seq: 2 ** 40, gap: { droppedCount: 3 } },
      { heartbeat: { sentAtMs: 5 } },
      { ack: { seq: 9 } },
      { goodbye: {} },
      { seq: 3 },
    ];
    for (const init of frames) {
      const bytes = encodeFrame(init);
      const full = decodeFrame(bytes);
      expect(peekFrame(bytes)).toEqual({ body: frameBody(full), seq: Number(full.seq) });
    }
  });

  it('names a broken top level; a broken body shows only when decoded', () => {
    const bytes = encodeFrame({ seq: 4, report: snapshotToReport({ deviceId: 'd', collectedAt: new Date(0).toISOString(), agentVersion: '1', inventory: null, patch: null, disk: null, backup: null, security: null }) });
    expect(() => peekFrame(bytes.subarray(0, bytes.length - 3))).toThrow(FrameDecodeError);
    expect(() => peekFrame(Uint8Array.of(0x0f))).toThrow(/not a valid tandem.v1.Frame/);
    // A report field whose bytes are not a Report: the top level is fine, the body is not.
    const garbage = Uint8Array.of(0x08, 0x05, 0x62, 0x02, 0xff, 0xff);
    expect(peekFrame(garbage)).toEqual({ body: 'report', seq: 5 });
    expect(() => decodeFrame(garbage)).toThrow(FrameDecodeError);
  });
});
