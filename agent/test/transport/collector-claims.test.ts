import { describe, expect, it } from 'vitest';
import { checkAck, checkWelcome, HEARTBEAT_SECONDS, MAX_IN_FLIGHT, seqProblem } from '../../src/transport/collector-claims.js';
import { MAX_SEQ } from '@tandem/proto';

const own = { lastSeq: 100, sentSeq: 100, seqConfirmed: true, heartbeatSeconds: 30 };

describe('Welcome from a collector', () => {
  it('is taken when it claims no more than this agent has sent', () => {
    expect(checkWelcome({ lastCommittedSeq: 90, heartbeatIntervalSeconds: 20, maxInFlight: 8 }, own)).toEqual({
      ok: true, notes: [], value: { committedSeq: 90, adoptSeq: false, heartbeatSeconds: 20, maxInFlight: 8 },
    });
    expect(checkWelcome({ lastCommittedSeq: 100 }, own)).toMatchObject({ ok: true, value: { committedSeq: 100, heartbeatSeconds: 30, maxInFlight: MAX_IN_FLIGHT.default } });
  });

  it.each([
    ['2^60, which once silenced an agent for good (2^60 + 1 === 2^60)', 2 ** 60, 'above the largest plausible seq'],
    ['2^53', 2 ** 53, 'above the largest plausible seq'],
    ['just above MAX_SEQ', MAX_SEQ + 1, 'above the largest plausible seq'],
    ['negative', -1, 'is negative'],
    ['not an integer', 1.5, 'is not an integer'],
    ['NaN', Number.NaN, 'is not an integer'],
  ])('is refused when lastCommittedSeq is %s', (_what, seq, reason) => {
    const claim = checkWelcome({ lastCommittedSeq: seq }, { ...own, seqConfirmed: false });
    expect(claim.ok).toBe(false);
    expect(!claim.ok && claim.reason).toContain(reason);
  });

  it('is refused when it claims more than this agent has ever sent', () => {
    expect(checkWelcome({ lastCommittedSeq: 101 }, own)).toEqual({
      ok: false, reason: 'Welcome.lastCommittedSeq 101 is beyond the highest seq this agent has sent (100)',
    });
  });

  it('is refused when it claims reports the agent wrote but never sent (it would delete an offline backlog)', () => {
    expect(checkWelcome({ lastCommittedSeq: 100 }, { ...own, sentSeq: 40 })).toEqual({
      ok: false, reason: 'Welcome.lastCommittedSeq 100 is beyond the highest seq this agent has sent (40; it has written up to 100 but not sent those)',
    });
    expect(checkWelcome({ lastCommittedSeq: 40 }, { ...own, sentSeq: 40 }).ok).toBe(true);
  });

  it('may set the floor when the agent has no confirmed seq record (new, or lost), within MAX_SEQ', () => {
    const lost = { lastSeq: 3, sentSeq: 0, seqConfirmed: false, heartbeatSeconds: 30 };
    expect(checkWelcome({ lastCommittedSeq: 500 }, lost)).toMatchObject({ ok: true, value: { committedSeq: 500, adoptSeq: true } });
    // Below what it wrote, too: none of its three was ever sent, so they go above 2.
    expect(checkWelcome({ lastCommittedSeq: 2 }, lost)).toMatchObject({ ok: true, value: { adoptSeq: true } });
    expect(checkWelcome({ lastCommittedSeq: 0 }, lost)).toMatchObject({ ok: true, value: { adoptSeq: false } });
    expect(checkWelcome({ lastCommittedSeq: MAX_SEQ }, lost).ok).toBe(true);
  });

  it('has its heartbeat interval and in-flight window clamped, with a note', () => {
    const huge = checkWelcome({ lastCommittedSeq: 0, heartbeatIntervalSeconds: 4_294_967_295, maxInFlight: 4_294_967_295 }, own);
    expect(huge).toMatchObject({ ok: true, value: { heartbeatSeconds: HEARTBEAT_SECONDS.max, maxInFlight: MAX_IN_FLIGHT.max } });
    expect(huge.ok && huge.notes).toEqual([
      'Welcome.heartbeatIntervalSeconds 4294967295 is outside 5..3600; using 3600',
      'Welcome.maxInFlight 4294967295 is outside 1..1024; using 1024',
    ]);
    expect(checkWelcome({ lastCommittedSeq: 0, heartbeatIntervalSeconds: 1 }, own)).toMatchObject({ value: { heartbeatSeconds: 5 } });
    // Zero means "not set": the agent's own config applies, no note.
    expect(checkWelcome({ lastCommittedSeq: 0, heartbeatIntervalSeconds: 0, maxInFlight: 0 }, own)).toEqual({
      ok: true, notes: [], value: { committedSeq: 0, adoptSeq: false, heartbeatSeconds: 30, maxInFlight: MAX_IN_FLIGHT.default },
    });
  });
});

describe('Ack from a collector', () => {
  it('is taken up to the highest seq sent on the connection', () => {
    expect(checkAck({ seq: 7 }, 7)).toEqual({ ok: true, value: 7, notes: [] });
    expect(checkAck({ seq: 0 }, 7)).toEqual({ ok: true, value: 0, notes: [] });
  });

  it('is refused beyond it (an ack for a never-sent seq would drop unsent reports)', () => {
    expect(checkAck({ seq: 8 }, 7)).toEqual({ ok: false, reason: 'Ack.seq 8 is beyond the highest seq sent on this connection (7)' });
    expect(checkAck({ seq: 2 ** 60 }, 7).ok).toBe(false);
  });
});

describe('seqProblem', () => {
  it('names the field and the value', () => {
    expect(seqProblem(2 ** 60, 'Ack.seq')).toBe(`Ack.seq ${2 ** 60} is above the largest plausible seq (${MAX_SEQ}, 2^48)`);
    expect(seqProblem(12, 'Ack.seq')).toBeNull();
  });
});
