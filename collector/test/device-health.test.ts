// The one function that says how a device reads, for the device list, the
// device page and the API alike.
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '@tandem/proto';
import { deviceHealth } from '../src/api/device-health.js';
import { healthySnapshot } from './rules/support.js';

const alert = (category: string, severity: string, state = 'firing', summary = `${category} ${severity}`) => ({ category, severity, state, summary });

describe('deviceHealth', () => {
  it('colours a topic by its worst fired alert and counts them', () => {
    const h = deviceHealth(healthySnapshot('d', Date.now()), [alert('disk', 'warning'), alert('disk', 'critical', 'acknowledged', 'C: full')]);
    expect(h.topics.disk).toEqual({ status: 'critical', alerts: 2, summaries: ['C: full', 'disk warning'], reason: null });
    expect(h.status).toBe('critical');
    expect(h.topics.patch.status).toBe('ok');
  });

  it('ignores pending and resolved alerts: they have not fired, or no longer matter', () => {
    const h = deviceHealth(healthySnapshot('d', Date.now()), [alert('disk', 'critical', 'pending'), alert('backup', 'warning', 'resolved')]);
    expect(h).toMatchObject({ status: 'ok', alerts: 0 });
    expect(h.topics.disk.status).toBe('ok');
  });

  it('reads an unknown topic as unknown with the agent reason, never as ok', () => {
    const s: Snapshot = { ...healthySnapshot('d', Date.now()), patch: { state: 'unknown', reason: 'apt is locked', source: null, pendingCount: null, securityCount: null, rebootRequired: null, updates: [], lastInstalledAt: null } };
    const h = deviceHealth(s, []);
    expect(h.topics.patch).toEqual({ status: 'unknown', alerts: 0, summaries: [], reason: 'apt is locked' });
    expect(h.status).toBe('unknown');
    // An alert outranks unknown, and the reason stays.
    expect(deviceHealth(s, [alert('patch', 'warning')]).topics.patch).toMatchObject({ status: 'warning', reason: 'apt is locked' });
  });

  it('counts alerts outside the four topics (agent, availability) in the overall status', () => {
    const h = deviceHealth(healthySnapshot('d', Date.now()), [alert('availability', 'critical')]);
    expect(h.status).toBe('critical');
    expect(Object.values(h.topics).every((t) => t.status === 'ok')).toBe(true);
  });

  it('says not reported before the first report, and for a topic never collected', () => {
    expect(deviceHealth(null, []).status).toBe('not-reported');
    const h = deviceHealth({ ...healthySnapshot('d', Date.now()), backup: null }, []);
    expect(h.topics.backup.status).toBe('not-reported');
    expect(h.status).toBe('ok');
  });
});
