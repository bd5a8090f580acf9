// What the figures were measured on, so a table never stands without it.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';

function git(args) {
  try {
    return execFileSync('git', args, { encoding: 'utf8', cwd: new URL('../..', import.meta.url).pathname }).trim();
  } catch {
    return null;
  }
}

export function describeMachine() {
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    kernel: release(),
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

export function describeSource() {
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const dirty = git(['status', '--porcelain', '--', 'collector/src', 'collector/rules', 'proto/src', 'proto/tandem']);
  return { commit, collectorChanged: dirty === null ? null : dirty.length > 0 };
}
