// Encoding and decoding of wire frames, with decode failures classified so
// the collector can answer with a precise protocol error.
import './configure.js';
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

/** Which oneof body a frame carries, or null when it has none we know. */
export function frameBody(frame: Frame): FrameBodyKind | null {
  return (frame.body as FrameBodyKind | undefined) ?? null;
}

/** Protocol major version; agents and collectors of the same major interoperate. */
export function protocolMajor(version: string): number | null {
  const m = /^(\d+)\.(\d+)$/.exec(version);
  return m ? Number(m[1]) : null;
}
