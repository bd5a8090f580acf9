// `tandem-agent uninstall [--purge]`: stop and unregister the service and
// remove its definition. The credential, config and spool stay (a reinstall
// resumes where the agent was) unless --purge, which removes every file and
// folder install created.
import { existsSync, readdirSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { readInstallRecord } from './install-record.js';
import { serviceCommands } from './service-commands.js';
import { requireAdmin, runSteps } from './service-context.js';
import type { ServiceContext } from './service-context.js';

export async function uninstall(ctx: ServiceContext, o: { purge: boolean }): Promise<'removed' | 'absent'> {
  const { layout } = ctx;
  await requireAdmin(ctx, 'uninstall');
  const record = readInstallRecord(layout.recordFile);
  if ((!record || record.uninstalledAt) && !existsSync(layout.serviceFile) && !(o.purge && existsSync(layout.dataDir))) {
    ctx.out(`not installed (no ${layout.recordFile}); nothing to remove`);
    return 'absent';
  }
  const commands = serviceCommands(layout);
  await runSteps(ctx, commands.remove, true);
  rmSync(layout.serviceFile, { force: true });
  if (layout.serviceHost) rmSync(layout.serviceHost, { force: true });
  if (layout.os === 'linux') await runSteps(ctx, [['systemctl', ['daemon-reload']]], true);
  if (!o.purge && record) {
    // Kept so a reinstall resumes with this credential and a later --purge knows what install created.
    writeFileSync(layout.recordFile, `${JSON.stringify({ ...record, uninstalledAt: new Date().toISOString() }, null, 2)}\n`, { mode: 0o600 });
  }
  if (o.purge) {
    rmSync(layout.recordFile, { force: true });
    for (const path of [layout.configFile, layout.caFile, layout.dataDir, layout.logDir]) {
      if (path) rmSync(path, { recursive: true, force: true });
    }
    const created = record?.createdDirs ?? [];
    for (const path of [layout.serviceFile, layout.configFile, layout.caFile, layout.dataDir, layout.logDir, layout.serviceHost]) {
      if (path) removeEmptyUpTo(dirname(path), created);
    }
  }
  ctx.out(o.purge
    ? 'service removed; credential, config, spool and logs deleted'
    : `service removed; credential, config and unsent reports kept in ${layout.dataDir} (uninstall --purge deletes them)`);
  return 'removed';
}

/** Removes `dir` and its parents while they are empty, but only folders install created. */
function removeEmptyUpTo(dir: string, created: string[]): void {
  for (let d = dir; created.some((c) => d === c || d.startsWith(`${c}/`) || d.startsWith(`${c}\\`)); d = dirname(d)) {
    if (!existsSync(d)) continue;
    if (readdirSync(d).length > 0) return;
    rmdirSync(d);
  }
}
