import { describe, expect, it } from 'vitest';
import { siteOutageOf, siteOutageText } from '../../src/inhibition/site-outage.js';

const MIN = 60_000;
const off = (deviceId: string, minute: number) => ({ deviceId, since: minute * MIN });

describe('a site outage', () => {
  it('three of four devices offline within ten minutes is one outage', () => {
    const o = siteOutageOf(off('c', 7), 'hq', [off('a', 0), off('b', 3), off('c', 7)], 4);
    expect(o).toEqual({ site: 'hq', devices: ['a', 'b', 'c'], siteDevices: 4, since: 0 });
    expect(siteOutageText(o!)).toBe('site outage at hq: 3 of 4 devices offline since 1970-01-01T00:00:00.000Z');
  });

  it.each([
    ['two devices are not enough', [off('a', 0), off('b', 1)], 2],
    ['three of ten is under half the site', [off('a', 0), off('b', 1), off('c', 2)], 10],
    ['one went offline long before the others', [off('a', 0), off('b', 30), off('c', 31)], 4],
  ])('%s', (_what, offline, siteDevices) => {
    expect(siteOutageOf(offline[offline.length - 1]!, 'hq', offline, siteDevices)).toBeNull();
  });

  it('the device asked about counts even before its own alert is listed, and settings change the thresholds', () => {
    expect(siteOutageOf(off('c', 2), 'hq', [off('a', 0), off('b', 1)], 4)?.devices).toEqual(['a', 'b', 'c']);
    expect(siteOutageOf(off('b', 1), 'hq', [off('a', 0)], 2, { minDevices: 2, minShare: 1, withinMinutes: 5 })?.devices).toEqual(['a', 'b']);
  });
});
