// `tandem-agent install`: enroll, write the config and the service
// definition, start the service. Unattended and idempotent: the same
// settings again change nothing; other settings are refused unless --force.
// Any failure rolls back what this run wrote.
import { createHash } from 'node:crypto';
import { accessSync, constants, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AgentError } from '../errors.js';
import { enroll } from '../enroll.js';
import { credentialsPath, loadCredentials } from '../credentials.js';
import { AGENT_VERSION } from '../version.js';
import { FileTransaction, readIfExists } from './file-transaction.js';
import { changedSettings, readInstallRecord } from './install-record.js';
import type { InstallRecord, InstallSettings } from './install-record.js';
import { serviceCommands } from './service-commands.js';
import { agentConfigText, serviceFileText } from './service-files.js';
import { requireAdmin, runSteps } from './service-context.js';
import type { ServiceContext } from './service-context.js';
import { WINSW_EXE } from './layout.js';

export interface InstallOptions {
  url: string;
  token: string;
  site?: string | undefined;
  tags?: string[] | undefined;
  caFile?: string | undefined;
  pin?: string | undefined;
  force?: boolean | undefined;
  program: string[];
  /** Windows: WinSW to copy; default tandem-agent-service.exe beside the executable. */
  serviceHost?: string | undefined;
}

const PIN = /^[A-Za-z0-9+/]{43}=$/;

export type InstallOutcome = 'installed' | 'unchanged' | 'updated' | 'replaced';

export async function install(ctx: ServiceContext, o: InstallOptions): Promise<InstallOutcome> {
  const { layout } = ctx;
  if (!/^https?:\/\/\S+$/.test(o.url)) throw new AgentError('AGT_ERR_USAGE', `--url must be the collector's http:// or https:// address, got "${o.url}"`);
  if (!o.token) throw new AgentError('AGT_ERR_USAGE', 'install needs --token <enroll token>');
  if (o.pin && !PIN.test(o.pin)) throw new AgentError('AGT_ERR_USAGE', `--pin must be a base64 SHA-256 of the collector's public key (44 characters ending in =), got "${o.pin}"`);
  const ca = o.caFile ? readGiven(o.caFile, '--ca-file') : null;
  const serviceHost = ctx.os === 'win32' ? o.serviceHost ?? join(dirname(o.program[0]!), WINSW_EXE) : null;
  if (serviceHost) readGiven(serviceHost, 'the service host (WinSW, --service-host)');
  for (const file of o.program) ensureReadable(file);
  await requireAdmin(ctx, 'install');

  const settings: InstallSettings = {
    url: o.url.replace(/\/+$/, ''),
    tokenSha256: createHash('sha256').update(o.token).digest('hex'),
    site: o.site ?? null,
    tags: [...new Set(o.tags ?? [])].sort(),
    caSha256: ca ? createHash('sha256').update(ca).digest('hex') : null,
    pin: o.pin ?? null,
    program: o.program,
  };
  const serviceText = serviceFileText(o.program, layout);
  const previous = readInstallRecord(layout.recordFile);

  if (previous && !o.force) {
    const changed = changedSettings(previous.settings, settings);
    if (changed.length > 0) {
      throw new AgentError('AGT_ERR_ALREADY_INSTALLED', `already installed (${layout.recordFile}) with a different ${changed.join(', ')}; nothing changed. Run again with --force to re-enroll and replace the installation, or \`tandem-agent uninstall\` first`);
    }
    if (!previous.uninstalledAt && readIfExists(layout.serviceFile) === serviceText && loadCredentials(layout.dataDir)) {
      ctx.out(`already installed with these settings (${layout.serviceFile}); nothing changed`);
      return 'unchanged';
    }
    if (!loadCredentials(layout.dataDir)) {
      throw new AgentError('AGT_ERR_NOT_ENROLLED', `${layout.recordFile} exists but the credential in ${layout.dataDir} is gone; run again with --force and a new token`);
    }
    // Same settings after an uninstall, or a missing or older service file: write it, keep the credential.
    const tx = new FileTransaction();
    try {
      tx.write(layout.serviceFile, serviceText);
      const { uninstalledAt: _gone, ...current } = previous;
      tx.write(layout.recordFile, `${JSON.stringify(current, null, 2)}\n`, 0o600);
      await runSteps(ctx, serviceCommands(layout).start);
      await runSteps(ctx, serviceCommands(layout).restart);
    } catch (err) {
      await tx.rollback();
      throw err;
    }
    ctx.out(`service definition ${layout.serviceFile} written and the service (re)started with the kept credential; settings unchanged`);
    return 'updated';
  }

  const commands = serviceCommands(layout);
  const tx = new FileTransaction();
  try {
    tx.mkdir(layout.dataDir, 0o700);
    await runSteps(ctx, commands.protectData);
    if (previous) {
      // --force: take the running service down first, bring it back if this fails.
      await runSteps(ctx, commands.remove, true);
      tx.onRollback(async () => { await runSteps(ctx, commands.start, true); });
    }
    if (ca) tx.write(layout.caFile, ca, 0o644);
    tx.remember(credentialsPath(layout.dataDir));
    const creds = await enroll({
      url: settings.url, token: o.token, dataDir: layout.dataDir, platform: ctx.os,
      tls: { caFile: ca ? layout.caFile : undefined, pinSha256: o.pin }, site: settings.site ?? undefined, tags: settings.tags,
    });
    tx.write(layout.configFile, agentConfigText(layout, { caFile: ca !== null, pin: settings.pin }), 0o644);
    if (serviceHost) tx.copy(serviceHost, layout.serviceHost!, 0o755);
    if (layout.logDir) tx.mkdir(layout.logDir, 0o750);
    tx.write(layout.serviceFile, serviceText, 0o644);
    tx.onRollback(async () => { await runSteps(ctx, commands.remove, true); });
    await runSteps(ctx, commands.start);
    if (previous) await runSteps(ctx, commands.restart);
    const record: InstallRecord = {
      settings,
      agentVersion: AGENT_VERSION,
      installedAt: new Date().toISOString(),
      createdDirs: [...new Set([...(previous?.createdDirs ?? []), ...tx.createdDirs])],
    };
    tx.write(layout.recordFile, `${JSON.stringify(record, null, 2)}\n`, 0o600);
    ctx.out(`${previous ? 'replaced the installation' : 'installed'}: device ${creds.deviceId} (tenant ${creds.tenantId}) reports to ${settings.url}; service ${layout.serviceFile} started`);
    return previous ? 'replaced' : 'installed';
  } catch (err) {
    await tx.rollback();
    throw err;
  }
}

function readGiven(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new AgentError('AGT_ERR_USAGE', `cannot read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
  }
}

function ensureReadable(file: string): void {
  try {
    accessSync(file, constants.R_OK);
  } catch {
    throw new AgentError('AGT_ERR_USAGE', `the executable the service would run, ${file}, does not exist or is unreadable`);
  }
}
