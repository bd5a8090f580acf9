// The whole test suite, as CI and a new developer run it: build, install the
// real programs the tests drive, lint, then every vitest project.
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const step = (title, cmd, args) => {
  console.log(`\n── ${title}`);
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
};

try {
  step('build (tsc -b)', bin('tsc'), ['-b']);
  step('test services', process.execPath, [join(root, 'tests', 'services', 'ensure-packages.mjs')]);
  step('lint (eslint)', bin('eslint'), ['.']);
  step('dependency audit', process.execPath, [join(root, 'scripts', 'audit.mjs')]);
  step('tests (vitest)', bin('vitest'), ['run', ...process.argv.slice(2)]);
} catch (err) {
  process.exit(typeof err.status === 'number' && err.status !== 0 ? err.status : 1);
}
