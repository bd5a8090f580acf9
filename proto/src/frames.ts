// Encoding and decoding of wire frames, with decode failures classified so
// the collector can answer with a precise protocol error.
import './configure.js';
import protobuf from 'protobufjs/minimal.js';
import { tandem } from '../generated/tandem.js';

/** Wire schema version spoken by this build: major.minor of tandem.v1. */
export const PROTOCOL_VERSION = '1.1';

/**
 * Highest seq either side accepts, 2^48: at one report a second, nine
 * million years. Far from 2^53, where n + 1 === n in floating point and a
 * device would silently stop reporting.
 */
export const MAX_SEQ = 2 ** 48;

export type FrameBodyKind = 'hello' | 'welcome' | 'report' | 'ack' | 'heartbeat' | 'error' | 'gap' | 'policy' | 'goodbye';

export type Frame = tandem.v1.Frame;
export type FrameInit = tandem.v1.IFrame;

export class FrameDecodeError extends Error {
  override readonly name = 'FrameDecodeError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export function encodeFrame(frame: FrameInit): Uint8Array {
  return tandem.v1.Frame.encode(frame).finish();
}

/** Decodes one frame; throws FrameDecodeError naming what is wrong. */
export function decodeFrame(bytes: Uint8Array): Frame {
  let frame: Frame;
  try {
    frame = tandem.v1.Frame.decode(bytes);
  } catch (err) {
    throw new FrameDecodeError(`frame is not a valid tandem.v1.Frame: ${(err as Error).message}`, { cause: err });
  }
  return frame;
}

/** Field numbers of Frame's `seq` and of each body of its oneof (frame.proto; a test holds them to it). */
export const FRAME_FIELDS = {
  seq: 1,
  bodies: { hello: 10, welcome: 11, report: 12, ack: 13, heartbeat: 14, error: 15, gap: 16, policy: 17, goodbye: 18 } satisfies Record<FrameBodyKind, number>,
} as const;

const BODY_BY_FIELD = new Map<number, FrameBodyKind>(Object.entries(FRAME_FIELDS.bodies).map(([k, n]) => [n, k as FrameBodyKind]));

/** A frame's kind and seq, read from its top-level fields without decoding its body. */
export interface FramePeek {
  body: FrameBodyKind | null;
  seq: number;
}

/**
 * Reads which body a frame carries and its seq, skipping over the body
 * itself. A receiver that queues reports can keep their bytes (outside the
 * JavaScript heap) and decode each only when it is stored, instead of
 * holding every queued report as decoded objects. Throws FrameDecodeError
 * when the top level is not well-formed; a malformed body shows only when
 * it is decoded. As in a full decode, the last body present wins.
 */
export function peekFrame(bytes: Uint8Array): FramePeek {
  const reader = protobuf.Reader.create(bytes);
  let body: FrameBodyKind | null = null;
  let seq = 0;
  try {
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      const field = tag >>> 3;
      const wireType = tag & 7;
      if (field === FRAME_FIELDS.seq && wireType === 0) {
        seq = Number(reader.uint64());
        continue;
      }
      const kind = BODY_BY_FIELD.get(field);
      if (kind && wireType === 2) body = kind;
      reader.skipType(wireType);
    }
  } catch (err) {
    throw new FrameDecodeError(`frame is not a valid tandem.v1.Frame: ${(err as Error).message}`, { cause: err });
  }
  return { body, seq };
}

/** Which oneof body a frame carries, or null when it has none we know. */
export function frameBody(frame: Frame): FrameBodyKind | null {
  return (frame.body as FrameBodyKind | undefined) ?? null;
}

/** Protocol major version; agents and collectors of the same major interoperate. */
export function protocolMajor(version: string): number | null {
  const m = /^(\d+)\.(\d+)$/.exec(version);
  return m ? Number(m[1]) : null;
}
