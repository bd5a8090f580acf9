// What a collector says is a claim, not a fact: a Welcome or an Ack decides
// which spooled reports the agent deletes and which seq it uses next, so a
// rogue collector (or anyone on a plain ws:// path) must not be able to make
// the agent drop its spool or stop reporting. Pure checks, one per frame.
import type { tandem } from '@tandem/proto';
import { MAX_SEQ } from '@tandem/proto';
import { plausibleSeq } from '../spool/seq.js';

/** A collector's heartbeat interval is clamped to these (the agent config's own bounds). */
export const HEARTBEAT_SECONDS = { min: 5, max: 3600 } as const;

/** A collector's in-flight window is clamped to these. */
export const MAX_IN_FLIGHT = { min: 1, max: 1024, default: 32 } as const;

export type Claim<T> = { ok: true; value: T; notes: string[] } | { ok: false; reason: string };

/** A seq read from the wire as a number: a safe, non-negative integer no larger than MAX_SEQ. */
export function seqProblem(value: unknown, what: string): string | null {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n)) return `${what} ${String(value)} is not an integer`;
  if (n < 0) return `${what} ${n} is negative`;
  if (!plausibleSeq(n)) return `${what} ${n} is above the largest plausible seq (${MAX_SEQ}, 2^48)`;
  return null;
}

export interface AcceptedWelcome {
  committedSeq: number;
  /** The agent has no confirmed seq record (new, or lost) and takes the collector's as the floor. */
  adoptSeq: boolean;
  heartbeatSeconds: number;
  maxInFlight: number;
}

export interface OwnSeqRecord {
  /** Highest seq this agent has ever assigned. */
  lastSeq: number;
  /** Highest seq this agent has ever handed to a collector. */
  sentSeq: number;
  /** False while the agent has no seq record of its own confirmed by a collector (new, or lost). */
  seqConfirmed: boolean;
  /** The agent config's heartbeat, used when the collector names none. */
  heartbeatSeconds: number;
}

export function checkWelcome(welcome: tandem.v1.IWelcome, own: OwnSeqRecord): Claim<AcceptedWelcome> {
  const committed = Number(welcome.lastCommittedSeq ?? 0);
  const problem = seqProblem(welcome.lastCommittedSeq ?? 0, 'Welcome.lastCommittedSeq');
  if (problem) return { ok: false, reason: problem };
  // An unconfirmed spool has sent nothing yet: whatever it holds is new to the collector.
  const adoptSeq = committed > own.sentSeq && !own.seqConfirmed;
  if (committed > own.sentSeq && !adoptSeq) {
    const written = own.lastSeq > own.sentSeq ? `; it has written up to ${own.lastSeq} but not sent those` : '';
    return { ok: false, reason: `Welcome.lastCommittedSeq ${committed} is beyond the highest seq this agent has sent (${own.sentSeq}${written})` };
  }
  const notes: string[] = [];
  const heartbeatSeconds = clamp(Number(welcome.heartbeatIntervalSeconds ?? 0), own.heartbeatSeconds, HEARTBEAT_SECONDS, 'Welcome.heartbeatIntervalSeconds', notes);
  const maxInFlight = clamp(Number(welcome.maxInFlight ?? 0), MAX_IN_FLIGHT.default, MAX_IN_FLIGHT, 'Welcome.maxInFlight', notes);
  return { ok: true, value: { committedSeq: committed, adoptSeq, heartbeatSeconds, maxInFlight }, notes };
}

/** An Ack may only cover what was actually sent on this connection (or confirmed by its Welcome). */
export function checkAck(ack: tandem.v1.IAck, sentUpTo: number): Claim<number> {
  const seq = Number(ack.seq ?? 0);
  const problem = seqProblem(ack.seq ?? 0, 'Ack.seq');
  if (problem) return { ok: false, reason: problem };
  if (seq > sentUpTo) return { ok: false, reason: `Ack.seq ${seq} is beyond the highest seq sent on this connection (${sentUpTo})` };
  return { ok: true, value: seq, notes: [] };
}

/** 0 (unset) means "the agent's own value"; anything else is kept within bounds, with a note when it was not. */
function clamp(value: number, fallback: number, bounds: { min: number; max: number }, what: string, notes: string[]): number {
  if (!Number.isFinite(value) || value === 0) return fallback;
  if (value < bounds.min || value > bounds.max || !Number.isInteger(value)) {
    const clamped = Math.min(bounds.max, Math.max(bounds.min, Math.round(value)));
    notes.push(`${what} ${value} is outside ${bounds.min}..${bounds.max}; using ${clamped}`);
    return clamped;
  }
  return value;
}
