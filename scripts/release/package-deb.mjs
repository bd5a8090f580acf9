// A .deb of the Linux executable (dpkg-deb): /usr/bin/tandem-agent plus the
// maintainer scripts from deploy/packages/linux.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './targets.mjs';

const SRC = join(ROOT, 'deploy', 'packages');
const DEB_ARCH = { x64: 'amd64', arm64: 'arm64' };

export function debFileName(version, arch) {
  return `tandem-agent_${version}_${DEB_ARCH[arch]}.deb`;
}

export function buildDeb({ executable, arch, version, workDir, outDir }) {
  const stage = join(workDir, `deb-${arch}`);
  rmSync(stage, { recursive: true, force: true });
  const dir = (...p) => { const d = join(stage, ...p); mkdirSync(d, { recursive: true, mode: 0o755 }); return d; };
  copyFileSync(executable, join(dir('usr', 'bin'), 'tandem-agent'));
  chmodSync(join(stage, 'usr', 'bin', 'tandem-agent'), 0o755);
  const doc = dir('usr', 'share', 'doc', 'tandem-agent');
  copyFileSync(join(SRC, 'deb', 'copyright'), join(doc, 'copyright'));
  const changelog = `tandem-agent (${version}) stable; urgency=medium\n\n  * Release ${version}.\n\n -- Tandem maintainers <maintainers@tandem.invalid>  ${rfc2822(new Date())}\n`;
  writeFileSync(join(doc, 'changelog.gz'), gzipSync(changelog, { level: 9 }));
  copyFileSync(join(SRC, 'deb', 'lintian-overrides'), join(dir('usr', 'share', 'lintian', 'overrides'), 'tandem-agent'));

  const control = dir('DEBIAN');
  const sizeKb = Math.ceil(statSync(executable).size / 1024) + 8;
  writeFileSync(join(control, 'control'), readFileSync(join(SRC, 'deb', 'control.in'), 'utf8')
    .replace('@VERSION@', version).replace('@ARCH@', DEB_ARCH[arch]).replace('@SIZE_KB@', String(sizeKb)));
  for (const [script, from] of [['postinst', 'after-install.sh'], ['prerm', 'before-remove.sh'], ['postrm', 'after-purge.sh']]) {
    copyFileSync(join(SRC, 'linux', from), join(control, script));
    chmodSync(join(control, script), 0o755);
  }
  for (const f of [join(doc, 'copyright'), join(doc, 'changelog.gz'), join(stage, 'usr', 'share', 'lintian', 'overrides', 'tandem-agent'), join(control, 'control')]) chmodSync(f, 0o644);

  const out = join(outDir, debFileName(version, arch));
  // --root-owner-group: files owned by root whoever builds; gzip: every dpkg reads it, and fast to build.
  execFileSync('dpkg-deb', ['--root-owner-group', '-Zgzip', '--build', stage, out], { stdio: ['ignore', 'ignore', 'inherit'] });
  return out;
}

function rfc2822(d) {
  return d.toUTCString().replace('GMT', '+0000');
}
