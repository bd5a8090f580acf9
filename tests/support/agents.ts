// Enrolled agents for fault tests: real agent processes, or many real
// transports in this process when hundreds are needed.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGENT_CLI, Proc, runNode, tempDir } from './processes.js';
import type { RunningCollector } from './processes.js';
import { createFakeBin, fakePath } from './fake-programs.mjs';
import type { FakePrograms } from './fake-programs.mjs';

export interface AgentHome {
  dir: string;
  config: string;
  dataDir: string;
  deviceId: string;
}

/** Creates an agent folder with a config and enrolls it with the real CLI. */
export async function enrollAgent(collector: RunningCollector, tenantId: string, configYaml: string): Promise<AgentHome> {
  const dir = tempDir('agent');
  const config = join(dir, 'agent.yaml');
  writeFileSync(config, `dataDir: data\n${configYaml}`);
  const token = (await collector.cli(['enroll-token', 'create', '--tenant', tenantId, '--max-uses', '1'])).stdout.trim();
  const r = await runNode(AGENT_CLI, ['enroll', '--url', collector.url, '--token', token, '--config', config]);
  if (r.code !== 0) throw new Error(`enroll failed: ${r.stderr}`);
  const dataDir = join(dir, 'data');
  const { deviceId } = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { deviceId: string };
  mkdirSync(join(dataDir, 'spool'), { recursive: true });
  return { dir, config, dataDir, deviceId };
}

/**
 * An enrolled agent acting as Windows, with the recorded programs as its whole
 * PATH (plus `cat`, which systeminformation shells out to).
 */
export function startWindowsAgent(home: AgentHome, programs: FakePrograms): Proc {
  const bin = createFakeBin(programs);
  symlinkSync('/bin/cat', join(bin, 'cat'));
  return Proc.start(AGENT_CLI, ['run', '--config', home.config], { TANDEM_PLATFORM: 'win32', PATH: fakePath(bin), TANDEM_LOG_LEVEL: 'warn' });
}

export function startAgentProcess(home: AgentHome): Proc {
  return Proc.start(AGENT_CLI, ['run', '--config', home.config], { TANDEM_LOG_LEVEL: 'warn' });
}

/** The agent's own record of the highest seq it has assigned. */
export function agentLastSeq(home: AgentHome): number {
  try {
    return (JSON.parse(readFileSync(join(home.dataDir, 'spool', 'spool-state.json'), 'utf8')) as { lastSeq: number }).lastSeq;
  } catch {
    return 0;
  }
}

export interface StoredReportJson {
  seq: number;
  kind: 'report' | 'gap';
  collectedAt: string;
  body: Record<string, unknown>;
}

export async function storedReports(collector: RunningCollector, apiToken: string, deviceId: string): Promise<StoredReportJson[]> {
  const all: StoredReportJson[] = [];
  for (let after = 0; ;) {
    const res = await fetch(`${collector.url}/api/v1/devices/${deviceId}/reports?afterSeq=${after}&limit=1000`, { headers: { authorization: `Bearer ${apiToken}` } });
    if (!res.ok) throw new Error(`reports: HTTP ${res.status}`);
    const page = ((await res.json()) as { reports: StoredReportJson[] }).reports;
    all.push(...page);
    if (page.length < 1000) return all;
    after = page.at(-1)!.seq;
  }
}

/** Asserts seqs are exactly 1..n, each once. */
export function contiguous(reports: StoredReportJson[]): boolean {
  return reports.every((r, i) => r.seq === i + 1);
}
