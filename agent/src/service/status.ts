// `tandem-agent status [--json]`: is the service running, which collector,
// how far delivery got (last acknowledged report, reports still spooled).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { AgentError } from '../errors.js';
import { loadCredentials } from '../credentials.js';
import { isNotFound } from '../exec/run-command.js';
import { readIfExists } from './file-transaction.js';
import { readInstallRecord } from './install-record.js';
import { parseServiceState, serviceCommands } from './service-commands.js';
import type { ServiceContext } from './service-context.js';

export interface DeliveryProgress {
  /** Highest report sequence number the agent has spooled. */
  lastSeq: number;
  /** Highest one the collector acknowledged as stored. */
  ackedSeq: number;
  /**
   * When the last report was acknowledged: the state file's time, known only
   * while nothing waits (the file is also written when a report is spooled).
   */
  ackedAt: string | null;
}

export interface AgentStatus {
  service: string;
  collectorUrl: string;
  agentUrls: string[];
  deviceId: string | null;
  tenantId: string | null;
  installedAt: string;
  program: string[];
  delivery: DeliveryProgress & { spooled: number };
}

/** The spool's state file: what the agent writes after every acknowledgement. */
export function spoolStateFile(dataDir: string): string {
  return join(dataDir, 'spool', 'spool-state.json');
}

export function readDeliveryProgress(dataDir: string): DeliveryProgress {
  const file = spoolStateFile(dataDir);
  const text = readIfExists(file);
  if (text === null) return { lastSeq: 0, ackedSeq: 0, ackedAt: null };
  let state: { lastSeq?: unknown; ackedSeq?: unknown };
  try {
    state = JSON.parse(text) as typeof state;
  } catch (err) {
    throw new AgentError('AGT_ERR_SPOOL', `spool state ${file} is unreadable: ${(err as Error).message}`, { cause: err });
  }
  const ackedSeq = Number(state.ackedSeq) || 0;
  const lastSeq = Number(state.lastSeq) || 0;
  return { lastSeq, ackedSeq, ackedAt: ackedSeq > 0 && ackedSeq === lastSeq ? statSync(file).mtime.toISOString() : null };
}

export async function status(ctx: ServiceContext): Promise<AgentStatus> {
  const { layout } = ctx;
  const record = readInstallRecord(layout.recordFile);
  if (!record) throw new AgentError('AGT_ERR_NOT_INSTALLED', `the agent service is not installed (no ${layout.recordFile}); run \`tandem-agent install --url <collector> --token <token>\``);
  if (record.uninstalledAt) throw new AgentError('AGT_ERR_NOT_INSTALLED', `the agent service was uninstalled at ${record.uninstalledAt}; its credential and config are kept in ${layout.dataDir}, and \`tandem-agent install\` with the same arguments resumes`);
  const [command, args] = serviceCommands(layout).state;
  const outcome = await ctx.run(command, args);
  const service = isNotFound(outcome) ? `unknown (${outcome.message})` : parseServiceState(layout.os, outcome.stdout, outcome.exitCode);
  const creds = loadCredentials(layout.dataDir);
  const delivery = readDeliveryProgress(layout.dataDir);
  return {
    service,
    collectorUrl: record.settings.url,
    agentUrls: creds?.collectors ?? [],
    deviceId: creds?.deviceId ?? null,
    tenantId: creds?.tenantId ?? null,
    installedAt: record.installedAt,
    program: record.settings.program,
    delivery: { ...delivery, spooled: Math.max(0, delivery.lastSeq - delivery.ackedSeq) },
  };
}

export function formatStatus(s: AgentStatus): string {
  const acked = s.delivery.ackedSeq === 0 ? 'none yet' : `report #${s.delivery.ackedSeq}${s.delivery.ackedAt ? ` at ${s.delivery.ackedAt}` : ''}`;
  return [
    `service:        ${s.service}`,
    `collector:      ${s.collectorUrl} (agent socket ${s.agentUrls.join(', ') || 'unknown'})`,
    `device:         ${s.deviceId ?? 'not enrolled'}${s.tenantId ? ` (tenant ${s.tenantId})` : ''}`,
    `last acked:     ${acked}`,
    `spooled:        ${s.delivery.spooled} report(s) waiting for the collector`,
    `installed:      ${s.installedAt}`,
  ].join('\n');
}
