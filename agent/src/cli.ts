#!/usr/bin/env node
// tandem-agent: run the agent, collect once, enroll, or parse a tool's output.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TOPICS } from '@tandem/proto';
import type { Topic } from '@tandem/proto';
import { AgentError } from './errors.js';
import { defaultAgentConfig, loadAgentConfig } from './config.js';
import type { AgentConfig } from './config.js';
import { createCollectContext } from './collect-context.js';
import { collectSnapshot } from './snapshot/collect-snapshot.js';
import { loadCredentials } from './credentials.js';
import { enroll } from './enroll.js';
import { startAgent } from './agent.js';
import { createLogger } from './log.js';
import { currentPlatform } from './platform.js';
import { decodeToolFile, runParse } from './parse/run-parse.js';
import { SOURCES } from './parse/registry.js';
import { describeCommand } from './collectors/source.js';
import { AGENT_VERSION } from './version.js';
import { EXIT_CODES, SERVICE_COMMANDS, SERVICE_USAGE, runServiceCommand } from './service/index.js';

const USAGE = `usage: tandem-agent <command> [options]

commands:
  run        [--config <file>]                      run as a service: collect on schedule and report
  collect    --once [--json] [--only t1,t2] [--config <file>]
                                                    collect now and print the snapshot JSON
  enroll     --url <collector> --token <token> [--config <file>]
                                                    exchange an enrollment token for a device credential
  parse      <source> [file] [--exit-code N] [--tz <zone>] [--stderr <file>] [--code-page N]
             --list                                 show what the agent makes of a tool's output
  version                                           print the agent version
${SERVICE_USAGE}

topics: ${TOPICS.join(', ')}
The config file defaults to $TANDEM_AGENT_CONFIG; without one, the data folder is
$TANDEM_AGENT_DATA or the OS default.`;

function defaultDataDir(): string {
  if (process.env.TANDEM_AGENT_DATA) return process.env.TANDEM_AGENT_DATA;
  const platform = currentPlatform();
  if (platform === 'win32') return join(process.env.ProgramData ?? 'C:\\ProgramData', 'Tandem', 'Agent');
  if (platform === 'darwin') return '/Library/Application Support/Tandem Agent';
  return process.getuid?.() === 0 ? '/var/lib/tandem-agent' : join(homedir(), '.local', 'share', 'tandem-agent');
}

function configFrom(path: string | undefined): AgentConfig {
  const file = path ?? process.env.TANDEM_AGENT_CONFIG;
  return file ? loadAgentConfig(file) : defaultAgentConfig(defaultDataDir());
}

function parseTopics(only: string | undefined): Topic[] {
  if (!only) return [...TOPICS];
  const topics = only.split(',').map((t) => t.trim()).filter(Boolean);
  const bad = topics.filter((t) => !(TOPICS as readonly string[]).includes(t));
  if (bad.length > 0) throw new AgentError('AGT_ERR_USAGE', `--only: unknown topic ${bad.map((b) => `"${b}"`).join(', ')}; expected some of ${TOPICS.join(', ')}`);
  return topics as Topic[];
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // --help anywhere, before options are checked: asking for help never fails.
  if (argv.includes('--help') || argv.includes('-h') || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (command && SERVICE_COMMANDS.has(command) && !rest.includes('--help') && !rest.includes('-h')) return runServiceCommand(command, rest);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      once: { type: 'boolean' },
      json: { type: 'boolean' },
      only: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      list: { type: 'boolean' },
      'exit-code': { type: 'string' },
      tz: { type: 'string' },
      stderr: { type: 'string' },
      'code-page': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (!command) {
    console.error(USAGE);
    return 2;
  }
  switch (command) {
    case 'version':
      console.log(AGENT_VERSION);
      return 0;
    case 'collect': {
      if (!values.once) throw new AgentError('AGT_ERR_USAGE', 'collect needs --once (use `run` for scheduled collection)');
      const config = configFrom(values.config);
      const creds = safeCredentials(config);
      const snapshot = await collectSnapshot(creds?.deviceId ?? 'unenrolled', parseTopics(values.only), createCollectContext(config));
      console.log(JSON.stringify(snapshot, null, values.json ? 2 : 0));
      if (process.env.TANDEM_REPORT_USAGE) reportUsage();
      return 0;
    }
    case 'enroll': {
      if (!values.url || !values.token) throw new AgentError('AGT_ERR_USAGE', 'enroll needs --url <collector> and --token <token>');
      const config = configFrom(values.config);
      const creds = await enroll({ url: values.url, token: values.token, dataDir: config.dataDir, platform: currentPlatform(), tls: config.tls });
      console.log(`enrolled as device ${creds.deviceId} (tenant ${creds.tenantId}); credential stored in ${config.dataDir}`);
      return 0;
    }
    case 'run': {
      const config = configFrom(values.config);
      const log = createLogger();
      const agent = await startAgent(config, log);
      log.info('agent running', { version: AGENT_VERSION, dataDir: config.dataDir });
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          log.info('stopping', { signal });
          void agent.stop(`agent stopped by ${signal}`).then(resolve);
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
      return 0;
    }
    case 'parse': {
      if (values.list) {
        for (const s of SOURCES) console.log(`${s.name.padEnd(28)} ${s.os.padEnd(7)} ${s.topic.padEnd(9)} ${describeCommand(s.command)}`);
        return 0;
      }
      const [source, file] = positionals;
      if (!source) throw new AgentError('AGT_ERR_USAGE', 'parse needs a source name (see `tandem-agent parse --list`)');
      const exitCode = values['exit-code'] === undefined ? 0 : Number(values['exit-code']);
      if (!Number.isInteger(exitCode)) throw new AgentError('AGT_ERR_USAGE', `--exit-code must be an integer, got "${values['exit-code']}"`);
      const codePage = values['code-page'] === undefined ? null : Number(values['code-page']);
      if (codePage !== null && !Number.isInteger(codePage)) throw new AgentError('AGT_ERR_USAGE', `--code-page must be a number such as 850, got "${values['code-page']}"`);
      const stdout = decodeToolFile(readFileSync(file ?? 0), source, codePage);
      const stderr = values.stderr ? decodeToolFile(readFileSync(values.stderr), source, codePage) : '';
      const timeZone = values.tz ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
      validTimeZone(timeZone);
      console.log(JSON.stringify(runParse(source, { stdout, stderr, exitCode }, { timeZone, now: new Date() }), null, 2));
      return 0;
    }
    default:
      throw new AgentError('AGT_ERR_USAGE', `unknown command "${command}"\n${USAGE}`);
  }
}

/** For the collection benchmark: this process's CPU and peak memory, and its child tools' CPU. */
function reportUsage(): void {
  const self = process.resourceUsage();
  const children = readChildrenCpuMs();
  console.error(JSON.stringify({ usage: { selfCpuMs: (self.userCPUTime + self.systemCPUTime) / 1000, childrenCpuMs: children, maxRssMb: self.maxRSS / 1024 } }));
}

/** Linux only: utime+stime of waited-for children from /proc/self/stat (clock ticks of 10 ms). */
function readChildrenCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

function validTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new AgentError('AGT_ERR_USAGE', `--tz: "${zone}" is not an IANA time zone`);
  }
}

/** `collect` works before enrollment; an unreadable credential file is still reported. */
function safeCredentials(config: AgentConfig) {
  try {
    return loadCredentials(config.dataDir);
  } catch (err) {
    console.error(`warning: ${(err as Error).message}`);
    return null;
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    if (err instanceof AgentError) {
      console.error(`tandem-agent: ${err.message}`);
      // A service without a credential exits so that systemd does not restart it (RestartPreventExitStatus=).
      process.exitCode = err.code === 'AGT_ERR_USAGE' ? 2 : err.code === 'AGT_ERR_NOT_ENROLLED' ? EXIT_CODES.notEnrolled.code : 1;
    } else if (err instanceof TypeError && (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`tandem-agent: ${err.message}\n${USAGE}`);
      process.exitCode = 2;
    } else {
      console.error(`tandem-agent: unexpected error: ${(err as Error).stack ?? String(err)}`);
      process.exitCode = 1;
    }
  },
);
