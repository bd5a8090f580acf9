import { describe, expect, it } from 'vitest';
import { deliveryVerdict } from '../../src/transport/delivery-health.js';

const T = Date.parse('2026-12-01T10:00:00Z');
const MIN = 60_000;
const base = { nowMs: T, pendingCount: 3, oldestPendingAtMs: T - 20 * MIN, lastAckAtMs: T - 30 * MIN, connectedTo: null, lastProblem: null };

describe('delivery stuck', () => {
  it('is not raised when nothing waits', () => {
    expect(deliveryVerdict({ ...base, pendingCount: 0, oldestPendingAtMs: null }, 10 * MIN)).toEqual({ stuck: false });
  });

  it('is raised when reports waited unacknowledged longer than the bound, with no collector reachable', () => {
    expect(deliveryVerdict({ ...base, lastProblem: 'connection to ws://c failed: ECONNREFUSED' }, 10 * MIN)).toEqual({
      stuck: true, sinceMs: T - 20 * MIN,
      reason: 'no collector has acknowledged any of the 3 waiting reports since 2026-12-01T09:40:00.000Z; last problem: connection to ws://c failed: ECONNREFUSED',
    });
  });

  it('is raised while connected to a collector that never acknowledges (the device looks connected)', () => {
    const v = deliveryVerdict({ ...base, connectedTo: 'ws://rogue/agent' }, 10 * MIN);
    expect(v).toMatchObject({ stuck: true, reason: 'connected to ws://rogue/agent, but none of the 3 waiting reports has been acknowledged since 2026-12-01T09:40:00.000Z' });
  });

  it('is not raised for a long backlog that is draining (recent acks)', () => {
    expect(deliveryVerdict({ ...base, oldestPendingAtMs: T - 48 * 60 * MIN, lastAckAtMs: T - MIN }, 10 * MIN)).toEqual({ stuck: false });
  });

  it('is not raised for a report that only just started waiting', () => {
    expect(deliveryVerdict({ ...base, oldestPendingAtMs: T - 5 * MIN, lastAckAtMs: null }, 10 * MIN)).toEqual({ stuck: false });
  });
});
