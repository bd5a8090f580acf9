// Node single executable applications: one SEA blob (built by a runtime of
// the same Node version as every target) injected into each target's node.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOST_TARGET, TARGETS, requireFromRelease, runtimeOf } from './targets.mjs';

// Node's documented fuse: a SEA binary carries this string with ":1" flipped on.
const SENTINEL_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
export const SEA_RESOURCE = 'NODE_SEA_BLOB';
export const MACHO_SEGMENT = 'NODE_SEA';
/**
 * Node options every run of the executable gets (see agent/BENCHMARKS.md for
 * each one's effect). The agent spends nearly all its life idle and its hot
 * paths are tool output parsing, so it runs on V8's interpreter alone: no
 * baseline (Sparkplug) or optimizing (Maglev, TurboFan) compiler, whose code
 * and output it would otherwise page in. This saves ~9 MB of steady RSS at
 * no measurable CPU cost for a full collection. A small young generation and
 * one GC thread keep the heap's own overhead down. Not --lite-mode, which
 * does the same for JavaScript but also turns WebAssembly off, and with it
 * fetch() (undici's HTTP parser is WebAssembly), which enroll uses.
 */
export const EXEC_ARGV = ['--max-semi-space-size=1', '--no-sparkplug', '--no-maglev', '--no-opt', '--single-threaded-gc'];

/** Builds the blob with the host's runtime of the pinned version; every target must share it. */
export function buildSeaBlob({ bundle, workDir, targets }) {
  const host = runtimeOf(TARGETS.find((t) => t.name === HOST_TARGET));
  for (const t of targets) {
    const { version } = runtimeOf(t);
    if (version !== host.version) {
      throw new Error(`${t.name}: runtime ${t.runtime} is Node ${version} but the blob is built by Node ${host.version}; pin both to one version in release/package.json`);
    }
  }
  const blob = join(workDir, 'agent.blob');
  const config = join(workDir, 'sea-config.json');
  // No code cache or snapshot: both are specific to the OS and CPU that made them.
  writeFileSync(config, JSON.stringify({
    main: bundle, output: blob, disableExperimentalSEAWarning: true, useCodeCache: false, useSnapshot: false, execArgv: EXEC_ARGV,
  }, null, 2));
  execFileSync(host.path, ['--experimental-sea-config', config], { stdio: ['ignore', 'ignore', 'inherit'] });
  return { blob, nodeVersion: host.version };
}

/** Copies the target's node and injects the blob (postject, as Node's docs describe). */
export async function injectBlob({ target, blob, outFile }) {
  const { inject } = requireFromRelease('postject');
  copyFileSync(runtimeOf(target).path, outFile);
  chmodSync(outFile, 0o755);
  await inject(outFile, SEA_RESOURCE, readFileSync(blob), {
    sentinelFuse: SENTINEL_FUSE,
    machoSegmentName: target.os === 'darwin' ? MACHO_SEGMENT : undefined,
    overwrite: true,
  });
}
