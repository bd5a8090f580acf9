// The service commands of the CLI: install, uninstall, status, upgrade. Each
// parses its own options, runs, and turns errors into the documented exit
// codes (exit-codes.ts).
import { parseArgs } from 'node:util';
import { AgentError } from '../errors.js';
import { parseTagList } from '../enroll.js';
import { EXIT_CODES, exitCodeFor } from './exit-codes.js';
import { install } from './install.js';
import { uninstall } from './uninstall.js';
import { formatStatus, status } from './status.js';
import { upgrade } from './upgrade.js';
import { createServiceContext, currentProgram } from './service-context.js';
import type { ServiceContext } from './service-context.js';

export const SERVICE_USAGE = `  install    --url <collector> --token <enroll token> [--site <s>] [--tags a,b=c]
             [--ca-file <pem>] [--pin <sha256>] [--force] [--root <dir>]
                                                    enroll, write the config, install and start the service
  uninstall  [--purge] [--root <dir>]               stop and remove the service (--purge: and all its data)
  status     [--json] [--root <dir>]                service state, collector, last acknowledged report, spool
  upgrade    <file> [--sha256 <hex>] [--timeout <s>] [--root <dir>]
                                                    replace the executable, restart, roll back if it does not report`;

export const SERVICE_COMMANDS = new Set(['install', 'uninstall', 'status', 'upgrade']);

const OPTIONS = {
  url: { type: 'string' },
  token: { type: 'string' },
  site: { type: 'string' },
  tags: { type: 'string' },
  'ca-file': { type: 'string' },
  pin: { type: 'string' },
  force: { type: 'boolean' },
  root: { type: 'string' },
  executable: { type: 'string' },
  'service-host': { type: 'string' },
  purge: { type: 'boolean' },
  json: { type: 'boolean' },
  sha256: { type: 'string' },
  timeout: { type: 'string' },
} as const;

/** Runs one service command; returns its exit code. `ctx` is injected by tests. */
export async function runServiceCommand(command: string, argv: string[], ctx?: ServiceContext): Promise<number> {
  try {
    return await dispatch(command, argv, ctx);
  } catch (err) {
    if (err instanceof TypeError && (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`tandem-agent ${command}: ${err.message}\n${SERVICE_USAGE}`);
      return EXIT_CODES.usage.code;
    }
    if (!(err instanceof AgentError)) throw err;
    console.error(`tandem-agent ${command}: ${err.message}`);
    return exitCodeFor(err);
  }
}

async function dispatch(command: string, argv: string[], given?: ServiceContext): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: command === 'upgrade', options: OPTIONS });
  const ctx = given ?? createServiceContext(values.root);
  switch (command) {
    case 'install': {
      // $TANDEM_ENROLL_TOKEN keeps the token out of the process list (RMM and MSI custom actions).
      const token = values.token ?? ctx.env.TANDEM_ENROLL_TOKEN;
      if (!values.url || !token) throw new AgentError('AGT_ERR_USAGE', 'install needs --url <collector> and --token <enroll token> (or $TANDEM_ENROLL_TOKEN)');
      await install(ctx, {
        url: values.url,
        token,
        site: values.site,
        tags: parseTagList(values.tags),
        caFile: values['ca-file'],
        pin: values.pin,
        force: values.force,
        // --executable: the program the service starts when it is not this one (a package's copy, a test's).
        program: values.executable ? [values.executable] : currentProgram(),
        serviceHost: values['service-host'],
      });
      return EXIT_CODES.ok.code;
    }
    case 'uninstall':
      await uninstall(ctx, { purge: values.purge ?? false });
      return EXIT_CODES.ok.code;
    case 'status': {
      const s = await status(ctx);
      ctx.out(values.json ? JSON.stringify(s, null, 2) : formatStatus(s));
      return EXIT_CODES.ok.code;
    }
    case 'upgrade': {
      const [file] = positionals;
      if (!file) throw new AgentError('AGT_ERR_USAGE', 'upgrade needs the new executable: tandem-agent upgrade <file> [--sha256 <hex>]');
      const timeout = values.timeout === undefined ? 120 : Number(values.timeout);
      if (!Number.isFinite(timeout) || timeout <= 0) throw new AgentError('AGT_ERR_USAGE', `--timeout must be a positive number of seconds, got "${values.timeout}"`);
      await upgrade(ctx, { file, sha256: values.sha256, timeoutMs: timeout * 1000 });
      return EXIT_CODES.ok.code;
    }
    default:
      throw new AgentError('AGT_ERR_USAGE', `unknown service command "${command}"`);
  }
}
