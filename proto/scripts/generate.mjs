// Regenerates proto/generated/ from tandem/v1/*.proto with protobufjs-cli.
// `--check` compares instead of writing, so a test can fail on stale code.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const cliDir = dirname(require.resolve('protobufjs-cli/package.json'));
const pbjs = join(cliDir, 'bin', 'pbjs');
const pbts = join(cliDir, 'bin', 'pbts');
const protoFiles = readdirSync(join(root, 'tandem', 'v1'))
  .filter((f) => f.endsWith('.proto'))
  .sort()
  .map((f) => join(root, 'tandem', 'v1', f));

const check = process.argv.includes('--check');
const work = mkdtempSync(join(tmpdir(), 'tandem-proto-'));
try {
  const js = join(work, 'tandem.js');
  execFileSync(process.execPath, [pbjs, '-t', 'static-module', '-w', 'es6', '--force-number', '--no-verify', '--no-convert', '--no-delimited', '-p', root, '-o', js, ...protoFiles], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [pbts, '-o', join(work, 'tandem.d.ts'), js], { cwd: root, stdio: 'inherit' });
  const stale = [];
  for (const name of ['tandem.js', 'tandem.d.ts']) {
    const fresh = readFileSync(join(work, name), 'utf8');
    const target = join(root, 'generated', name);
    if (check) {
      let current = '';
      try { current = readFileSync(target, 'utf8'); } catch { /* missing counts as stale */ }
      if (current !== fresh) stale.push(`generated/${name}`);
    } else {
      writeFileSync(target, fresh);
    }
  }
  if (stale.length > 0) {
    console.error(`proto: generated code is stale (${stale.join(', ')}); run \`pnpm --filter @tandem/proto generate\``);
    process.exit(1);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
