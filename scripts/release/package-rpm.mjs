// An .rpm of the Linux executable (rpmbuild, binary only): the same
// executable and maintainer scripts as the .deb.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './targets.mjs';

const SRC = join(ROOT, 'deploy', 'packages');
const RPM_ARCH = { x64: 'x86_64', arm64: 'aarch64' };

export function rpmFileName(version, arch) {
  return `tandem-agent-${version}-1.${RPM_ARCH[arch]}.rpm`;
}

const scriptBody = (file) => readFileSync(join(SRC, 'linux', file), 'utf8').replace(/^#!.*\n/, '');

export function buildRpm({ executable, arch, version, workDir, outDir }) {
  const top = join(workDir, `rpm-${arch}`);
  rmSync(top, { recursive: true, force: true });
  for (const d of ['BUILD', 'RPMS', 'SOURCES', 'SPECS', 'SRPMS', 'BUILDROOT']) mkdirSync(join(top, d), { recursive: true });
  const spec = join(top, 'SPECS', 'tandem-agent.spec');
  writeFileSync(spec, readFileSync(join(SRC, 'rpm', 'tandem-agent.spec.in'), 'utf8')
    .replace('@VERSION@', version).replace('@EXECUTABLE@', executable)
    .replace('@AFTER_INSTALL@', () => scriptBody('after-install.sh'))
    .replace('@BEFORE_REMOVE@', () => scriptBody('before-remove.sh')));
  execFileSync('rpmbuild', [
    '-bb', '--quiet', '--define', `_topdir ${top}`, '--define', '_binary_payload w9.gzdio', '--target', `${RPM_ARCH[arch]}-linux`, spec,
  ], { stdio: ['ignore', 'ignore', 'inherit'] });
  const built = join(top, 'RPMS', RPM_ARCH[arch]);
  const [file] = readdirSync(built);
  const out = join(outDir, rpmFileName(version, arch));
  renameSync(join(built, file), out);
  return out;
}
