// `pnpm release`: the agent as one executable per OS and architecture, the
// .deb/.rpm/.msi packages around them, the install scripts, and SHA256SUMS,
// all in dist/release/. Options:
//   --only linux-x64,windows-x64   build only these executables (and the packages they feed)
//   --no-packages                  executables only
//   --out <dir>                    another output folder
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_OUT, ROOT, agentVersion, runtimeOf, selectTargets } from './targets.mjs';
import { bundleAgent } from './bundle.mjs';
import { buildSeaBlob, injectBlob } from './sea.mjs';
import { buildDeb } from './package-deb.mjs';
import { buildRpm } from './package-rpm.mjs';
import { buildMsi, winswPath } from './package-msi.mjs';

const { values } = parseArgs({ options: { only: { type: 'string' }, 'no-packages': { type: 'boolean' }, out: { type: 'string' } } });
const outDir = resolve(values.out ?? DEFAULT_OUT);
const targets = selectTargets(values.only);
const version = agentVersion();
const workDir = mkdtempSync(join(tmpdir(), 'tandem-release-'));
const log = (msg) => console.log(`release: ${msg}`);

try {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const bundle = join(workDir, 'tandem-agent.cjs');
  await bundleAgent(bundle);
  log(`bundle ${(statSync(bundle).size / 1e6).toFixed(1)} MB`);
  const { blob, nodeVersion } = buildSeaBlob({ bundle, workDir, targets });

  const built = {};
  for (const target of targets) {
    const outFile = join(outDir, target.file);
    await injectBlob({ target, blob, outFile });
    built[target.name] = outFile;
    log(`${target.file}: Node ${runtimeOf(target).version}, ${(statSync(outFile).size / 1e6).toFixed(0)} MB`);
  }

  if (!values['no-packages']) {
    for (const arch of ['x64', 'arm64']) {
      const executable = built[`linux-${arch}`];
      if (!executable) continue;
      log(`wrote ${buildDeb({ executable, arch, version, workDir, outDir })}`);
      log(`wrote ${buildRpm({ executable, arch, version, workDir, outDir })}`);
    }
    if (built['windows-x64']) log(`wrote ${buildMsi({ executable: built['windows-x64'], version, workDir, outDir })}`);
  }
  if (built['windows-x64']) {
    // install.ps1 puts the service host that `install` registers beside the executable.
    copyFileSync(winswPath(), join(outDir, 'tandem-agent-service.exe'));
    copyFileSync(`${winswPath()}.config`, join(outDir, 'tandem-agent-service.exe.config'));
  }
  for (const script of ['install.sh', 'install.ps1']) copyFileSync(join(ROOT, 'deploy', 'packages', script), join(outDir, script));

  writeFileSync(join(outDir, 'SHA256SUMS'), sha256Sums(outDir));
  writeFileSync(join(outDir, 'release.json'), `${JSON.stringify({ version, node: nodeVersion, targets: targets.map((t) => t.name) }, null, 2)}\n`);
  log(`done: ${outDir}`);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

/** `sha256sum` format (two spaces, binary names), so `sha256sum -c` checks it. */
function sha256Sums(dir) {
  return readdirSync(dir).filter((f) => f !== 'SHA256SUMS').sort()
    .map((f) => `${createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')}  ${f}\n`).join('');
}
