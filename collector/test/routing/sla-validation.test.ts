import { describe, expect, it } from 'vitest';
import { parseOwnership } from '../../src/routing/load-ownership.js';

describe('response times', () => {
  it('refuses a response time under a minute, which would silently round to zero', () => {
    const r = parseOwnership('teams: { internal: {}, provider: {} }\nlines: [{ match: { category: disk }, owner: internal, sla: { warning: 10s, critical: 0 } }]\n', 'ownership.yaml');
    expect(r).toEqual({ ok: false, problems: ['ownership.yaml: lines[0].sla.warning: expected at least 1m (response times are whole minutes; 0 means at once)'] });
  });

  it('accepts minutes and longer', () => {
    expect(parseOwnership('teams: { internal: {}, provider: {} }\nlines: [{ match: { category: disk }, owner: internal, sla: { warning: 1m, critical: 2h } }]\n', 'ownership.yaml').ok).toBe(true);
  });
});
