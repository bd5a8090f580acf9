// An MSI of the Windows executable (wixl from msitools), with the WinSW
// service host beside it that `tandem-agent.exe install` registers.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT, requireFromRelease } from './targets.mjs';

const SRC = join(ROOT, 'deploy', 'packages', 'msi');

export function msiFileName(version) {
  return `tandem-agent-${version}-x64.msi`;
}

/** WinSW as node-windows ships it (with its .NET binding config). */
export function winswPath() {
  return join(dirname(requireFromRelease.resolve('node-windows/package.json')), 'bin', 'winsw', 'winsw.exe');
}

export function buildMsi({ executable, version, workDir, outDir }) {
  // wixl takes Source paths relative to its working folder only.
  const stage = join(workDir, 'msi');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  copyFileSync(executable, join(stage, 'tandem-agent.exe'));
  copyFileSync(winswPath(), join(stage, 'winsw.exe'));
  copyFileSync(`${winswPath()}.config`, join(stage, 'winsw.exe.config'));
  const wxs = readFileSync(join(SRC, 'tandem-agent.wxs.in'), 'utf8')
    .replaceAll('@VERSION@', version)
    .replace('@EXECUTABLE@', 'tandem-agent.exe')
    .replace('@SERVICE_HOST_COMPONENT@', readFileSync(join(SRC, 'service-host.wxs.part'), 'utf8').replaceAll('@WINSW@', 'winsw.exe').trimEnd())
    .replace('@SERVICE_HOST_REF@', '      <ComponentRef Id="ServiceHost" />');
  writeFileSync(join(stage, 'tandem-agent.wxs'), wxs);
  const out = join(outDir, msiFileName(version));
  execFileSync('wixl', ['-a', 'x64', '-o', out, 'tandem-agent.wxs'], { cwd: stage, stdio: ['ignore', 'ignore', 'pipe'] });
  return out;
}
