import { describe, expect, it } from 'vitest';
import { compareEvr, splitNevra } from '../../../src/collectors/patch/parse-rpm-version.js';

describe('compareEvr', () => {
  it.each([
    ['5.14.0-362.18.1.el9_3', '5.14.0-362.13.1.el9_3', 1],
    ['1:1.0-1', '2.0-1', 1],
    ['1.0~rc1-1', '1.0-1', -1],
    ['1.0^git1-1', '1.0-1', 1],
    ['1.0a-1', '1.0-1', 1],
    ['1.010-1', '1.9-1', 1],
    ['2.34-83.el9_3.7', '2.34-83.el9_3.7', 0],
  ])('%s vs %s', (a, b, expected) => {
    expect(Math.sign(compareEvr(a, b))).toBe(expected);
    expect(Math.sign(compareEvr(b, a))).toBe(-expected || 0);
  });
});

describe('splitNevra', () => {
  it('splits names that contain dashes and versions with an epoch', () => {
    expect(splitNevra('NetworkManager-libnm-1:1.44.0-4.el9_3.x86_64')).toEqual({ name: 'NetworkManager-libnm', evr: '1:1.44.0-4.el9_3', arch: 'x86_64' });
  });

  it('rejects a NEVRA cut in the middle', () => {
    expect(splitNevra('kernel-core-5.14.0-36')).toBeNull();
  });
});
