// `tandem-agent upgrade <file>`: replace the installed executable with a
// checksum-verified one and restart. If the new version has not delivered a
// report (the collector acknowledged a sequence number the old version never
// wrote) within the bound, the old executable goes back and runs again.
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AgentError } from '../errors.js';
import { readIfExists } from './file-transaction.js';
import { readInstallRecord } from './install-record.js';
import { serviceCommands } from './service-commands.js';
import { requireAdmin, runSteps } from './service-context.js';
import type { ServiceContext } from './service-context.js';
import { readDeliveryProgress } from './status.js';

export interface UpgradeOptions {
  file: string;
  /** Expected hex SHA-256; else the line for the file in SHA256SUMS beside it. */
  sha256?: string | undefined;
  /** How long the new version has to deliver a report. */
  timeoutMs: number;
  pollMs?: number;
}

/** The checksum for `name` in a SHA256SUMS text (`<hex>  <name>` or `<hex> *<name>`). */
export function checksumFor(sums: string, name: string): string | null {
  for (const line of sums.split(/\r?\n/)) {
    const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line.trim());
    if (m && m[2] === name) return m[1]!.toLowerCase();
  }
  return null;
}

function expectedChecksum(o: UpgradeOptions): string {
  if (o.sha256) {
    if (!/^[0-9a-fA-F]{64}$/.test(o.sha256)) throw new AgentError('AGT_ERR_USAGE', `--sha256 must be 64 hex digits, got "${o.sha256}"`);
    return o.sha256.toLowerCase();
  }
  const sumsFile = join(dirname(o.file), 'SHA256SUMS');
  const sums = readIfExists(sumsFile);
  if (sums === null) throw new AgentError('AGT_ERR_USAGE', `upgrade needs --sha256 <hex> or a SHA256SUMS file beside ${o.file} (looked for ${sumsFile})`);
  const sum = checksumFor(sums, basename(o.file));
  if (!sum) throw new AgentError('AGT_ERR_CHECKSUM', `${sumsFile} has no line for ${basename(o.file)}; nothing was replaced`);
  return sum;
}

export async function upgrade(ctx: ServiceContext, o: UpgradeOptions): Promise<void> {
  const { layout } = ctx;
  await requireAdmin(ctx, 'upgrade');
  const record = readInstallRecord(layout.recordFile);
  if (!record || record.uninstalledAt) throw new AgentError('AGT_ERR_NOT_INSTALLED', `the agent service is not installed (${record ? 'it was uninstalled' : `no ${layout.recordFile}`}); install it before upgrading`);
  if (record.settings.program.length !== 1) {
    throw new AgentError('AGT_ERR_USAGE', `the service runs ${record.settings.program.join(' ')} (a checkout, not a single executable); upgrade replaces a single executable`);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(o.file);
  } catch (err) {
    throw new AgentError('AGT_ERR_USAGE', `cannot read upgrade file ${o.file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
  }
  const expected = expectedChecksum(o);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== expected) throw new AgentError('AGT_ERR_CHECKSUM', `${o.file} has SHA-256 ${actual}, expected ${expected}; nothing was replaced`);

  const target = record.settings.program[0]!;
  const staged = `${target}.new`;
  const previous = `${target}.previous`;
  // Stage beside the target so the final rename is atomic on the same file system.
  copyFileSync(o.file, staged);
  chmodSync(staged, 0o755);
  // Windows cannot replace a running executable, but it can rename it: move
  // it aside first. Elsewhere the rename over it is atomic and a copy is kept.
  const windows = ctx.os === 'win32';
  if (windows) renameSync(target, previous);
  else copyFileSync(target, previous);
  const before = readDeliveryProgress(layout.dataDir).lastSeq;
  renameSync(staged, target);
  const { restart } = serviceCommands(layout);
  try {
    await runSteps(ctx, restart);
    await waitForDelivery(ctx, before, o);
  } catch (err) {
    if (windows) renameSync(target, `${target}.failed`);
    renameSync(previous, target);
    await runSteps(ctx, restart, true);
    if (windows) {
      try {
        rmSync(`${target}.failed`, { force: true });
      } catch {
        // Still locked while its process ends; the next upgrade replaces it.
      }
    }
    const why = err instanceof AgentError && err.code === 'AGT_ERR_UPGRADE_ROLLED_BACK' ? err.message : `the restart failed (${(err as Error).message})`;
    throw new AgentError('AGT_ERR_UPGRADE_ROLLED_BACK', `${why}; the previous executable is back in ${target} and was restarted`, { cause: err });
  }
  rmSync(previous, { force: true });
  ctx.out(`upgraded ${target} (SHA-256 ${actual}); the new version delivered report #${readDeliveryProgress(layout.dataDir).ackedSeq}`);
}

async function waitForDelivery(ctx: ServiceContext, afterSeq: number, o: UpgradeOptions): Promise<void> {
  const deadline = Date.now() + o.timeoutMs;
  for (;;) {
    if (readDeliveryProgress(ctx.layout.dataDir).ackedSeq > afterSeq) return;
    if (Date.now() >= deadline) {
      throw new AgentError('AGT_ERR_UPGRADE_ROLLED_BACK', `the new version delivered no report to the collector within ${Math.round(o.timeoutMs / 1000)} s`);
    }
    await new Promise((r) => setTimeout(r, o.pollMs ?? 500));
  }
}
