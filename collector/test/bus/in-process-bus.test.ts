import { describe, expect, it } from 'vitest';
import { createInProcessBus } from '../../src/bus/index.js';
import type { EventOrigin } from '../../src/bus/index.js';

describe('in-process bus', () => {
  it('hands each event to its subscribers at once, in subscription order, from this node', () => {
    const bus = createInProcessBus({ node: 'n1' });
    const seen: Array<[string, string, EventOrigin]> = [];
    bus.subscribe('config.changed', (e, origin) => seen.push(['first', e.kind, origin]));
    bus.subscribe('config.changed', (e, origin) => seen.push(['second', e.kind, origin]));
    bus.subscribe('frame.rejected', () => seen.push(['other type', '', { node: '', local: false }]));
    bus.publish('config.changed', { kind: 'rules' });
    expect(seen).toEqual([['first', 'rules', { node: 'n1', local: true }], ['second', 'rules', { node: 'n1', local: true }]]);
  });

  it('keeps delivering when a subscriber throws, and stops after unsubscribe', () => {
    const errors: string[] = [];
    const bus = createInProcessBus({ log: { warn: () => {}, error: (obj) => errors.push((obj as { err: string }).err) } });
    const got: number[] = [];
    bus.subscribe('frame.duplicate', () => {
      throw new Error('subscriber broke');
    });
    const off = bus.subscribe('frame.duplicate', (e) => got.push(e.seq));
    bus.publish('frame.duplicate', { deviceId: 'd', seq: 1 });
    off();
    bus.publish('frame.duplicate', { deviceId: 'd', seq: 2 });
    expect(got).toEqual([1]);
    expect(errors).toEqual(['subscriber broke', 'subscriber broke']);
  });

  it('a subscriber added during delivery gets the next event, not the one under way', () => {
    const bus = createInProcessBus();
    const got: string[] = [];
    bus.subscribe('config.changed', () => {
      got.push('outer');
      bus.subscribe('config.changed', () => got.push('inner'));
    });
    bus.publish('config.changed', { kind: 'rules' });
    expect(got).toEqual(['outer']);
  });
});
