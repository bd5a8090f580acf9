import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AGENT_ERROR_CODES } from '../src/errors.js';

describe('agent error codes', () => {
  it('are all documented in agent/README.md, and only those', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const documented = [...readme.matchAll(/^\| `(AGT_ERR_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(AGENT_ERROR_CODES).sort());
  });
});
