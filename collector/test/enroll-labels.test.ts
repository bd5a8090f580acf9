import { describe, expect, it } from 'vitest';
import { enrollLabels } from '../src/store/enroll-labels.js';

describe('enrollLabels: what the installer asks for, within what the token allows', () => {
  const cases: Array<[string, { site: string | null; tags: string[] }, { site?: string; tags?: string[] }, ReturnType<typeof enrollLabels>]> = [
    ['nothing asked: the token decides', { site: 'hq', tags: ['a'] }, {}, { ok: true, labels: { site: 'hq', tags: ['a'] } }],
    ['site asked, token has none', { site: null, tags: [] }, { site: 'branch' }, { ok: true, labels: { site: 'branch', tags: [] } }],
    ['same site as the token', { site: 'hq', tags: [] }, { site: 'hq' }, { ok: true, labels: { site: 'hq', tags: [] } }],
    ['tags are merged, token first, no duplicates', { site: null, tags: ['b', 'role=db'] }, { tags: ['a', 'b', 'role=db'] }, { ok: true, labels: { site: null, tags: ['b', 'role=db', 'a'] } }],
    ['a new key=value tag is added', { site: null, tags: ['role=db'] }, { tags: ['floor=2'] }, { ok: true, labels: { site: null, tags: ['role=db', 'floor=2'] } }],
  ];
  it.each(cases)('%s', (_name, token, asked, expected) => {
    expect(enrollLabels(token, asked)).toEqual(expected);
  });

  it('refuses another site than the token\'s, naming both', () => {
    const d = enrollLabels({ site: 'hq', tags: [] }, { site: 'lab' });
    expect(d).toEqual({ ok: false, reason: expect.stringMatching(/token is for site "hq".*site "lab"/) });
  });

  it('refuses a tag whose key the token sets to another value, naming each', () => {
    const d = enrollLabels({ site: null, tags: ['role=server', 'env=prod'] }, { tags: ['role=kiosk', 'env=prod', 'env=dev', 'x'] });
    expect(d.ok).toBe(false);
    expect(!d.ok && d.reason).toBe('the enrollment token fixes these tags; refused "role=kiosk" (the token sets "role=server"), "env=dev" (the token sets "env=prod")');
  });
});
