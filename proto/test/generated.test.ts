import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const protoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('generated code', () => {
  it('matches the .proto files (regenerate with `pnpm --filter @tandem/proto generate`)', () => {
    // Throws with the stale file names when the check fails.
    expect(() =>
      execFileSync(process.execPath, [join(protoRoot, 'scripts', 'generate.mjs'), '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });
});
