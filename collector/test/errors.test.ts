import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COLLECTOR_ERROR_CODES } from '../src/errors.js';

describe('collector error codes', () => {
  it('are all documented in collector/README.md, and only those', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const documented = [...readme.matchAll(/^\| `(COL_ERR_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(COLLECTOR_ERROR_CODES).sort());
  });
});
