import { describe, expect, it } from 'vitest';
import { inhibitorOf } from '../../src/inhibition/inhibit.js';

const a = (id: string, ruleId: string, status = 'firing') => ({ id, ruleId, status, summary: `${ruleId} on d1` });

describe('inhibition on one device', () => {
  it('an offline device inhibits its other alerts', () => {
    expect(inhibitorOf(a('x', 'disk-full'), [a('off', 'agent-offline')])?.id).toBe('off');
    expect(inhibitorOf(a('x', 'disk-full'), [a('off', 'agent-stopped', 'acknowledged')])?.id).toBe('off');
  });

  it('offline alerts do not inhibit each other, and nothing inhibits itself', () => {
    expect(inhibitorOf(a('s', 'agent-stopped'), [a('off', 'agent-offline')])).toBeNull();
    expect(inhibitorOf(a('off', 'agent-offline'), [a('off', 'agent-offline')])).toBeNull();
  });

  it('a cause that is pending or resolved does not inhibit (cause resolves first: the effect notifies normally)', () => {
    expect(inhibitorOf(a('x', 'disk-full'), [a('off', 'agent-offline', 'pending')])).toBeNull();
    expect(inhibitorOf(a('x', 'disk-full'), [a('off', 'agent-offline', 'resolved')])).toBeNull();
  });

  it('a rule\'s declared inhibits apply to the rules it names only', () => {
    const declared = (r: string) => (r === 'backup-missing' ? ['backup-stale'] : []);
    expect(inhibitorOf(a('x', 'backup-stale'), [a('m', 'backup-missing')], declared)?.id).toBe('m');
    expect(inhibitorOf(a('x', 'disk-full'), [a('m', 'backup-missing')], declared)).toBeNull();
  });

  it('a flapping cause inhibits only while it is firing', () => {
    const states = ['firing', 'resolved', 'firing', 'resolved'];
    expect(states.map((s) => inhibitorOf(a('x', 'disk-full'), [a('off', 'agent-offline', s)]) !== null)).toEqual([true, false, true, false]);
  });
});
