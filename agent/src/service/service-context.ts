// What every service command needs from the outside world, injected: the
// layout (under a root), the command runner (a fake systemctl in tests), the
// admin check, and where to print.
import { createRequire } from 'node:module';
import { realpathSync } from 'node:fs';
import type { OsFamily } from '@tandem/proto';
import { AgentError } from '../errors.js';
import { failureReason, isNotFound, runCommand } from '../exec/run-command.js';
import type { RunCommand, RunOutcome } from '../exec/run-command.js';
import { currentPlatform } from '../platform.js';
import { installLayout, installRoot } from './layout.js';
import type { InstallLayout } from './layout.js';
import type { CommandLine } from './service-commands.js';

export interface ServiceContext {
  os: OsFamily;
  layout: InstallLayout;
  run: RunCommand;
  isAdmin: () => Promise<boolean>;
  out: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

export function createServiceContext(root: string | undefined, env: NodeJS.ProcessEnv = process.env): ServiceContext {
  const os = currentPlatform(env);
  const run: RunCommand = (command, args, options) => runCommand(command, args, { timeoutMs: 120_000, env, ...options });
  return {
    os,
    layout: installLayout(os, installRoot(root, os, env), env),
    run,
    isAdmin: async () => {
      if (process.platform !== 'win32') return process.getuid?.() === 0;
      // `net session` succeeds only in an elevated prompt.
      const outcome = await run('net', ['session']);
      return !isNotFound(outcome) && outcome.exitCode === 0;
    },
    out: (line) => console.log(line),
    env,
  };
}

export async function requireAdmin(ctx: ServiceContext, command: string): Promise<void> {
  if (await ctx.isAdmin()) return;
  throw new AgentError('AGT_ERR_NOT_ADMIN', `${command} needs ${ctx.os === 'win32' ? 'an elevated (Administrator) prompt' : 'root; run it with sudo'}`);
}

/** Runs service manager steps in order; the first failure stops them unless `tolerate`. */
export async function runSteps(ctx: ServiceContext, lines: CommandLine[], tolerate = false): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = [];
  for (const [command, args] of lines) {
    const outcome = await ctx.run(command, args);
    outcomes.push(outcome);
    const problem = failureReason(outcome) ?? (!isNotFound(outcome) && outcome.exitCode !== 0 ? `exit code ${outcome.exitCode}` : null);
    if (problem && !tolerate) {
      const detail = isNotFound(outcome) ? '' : `${outcome.stderr.trim() || outcome.stdout.trim()}`.slice(0, 500);
      throw new AgentError('AGT_ERR_SERVICE_MANAGER', `\`${command} ${args.join(' ')}\` failed: ${problem}${detail ? `: ${detail}` : ''}`);
    }
  }
  return outcomes;
}

/**
 * The program the service starts: the single executable when running as one
 * (it carries its runtime), else this Node binary with this cli.js (a checkout).
 */
export function currentProgram(): string[] {
  const require = createRequire(import.meta.url);
  let sea = false;
  try {
    sea = (require('node:sea') as { isSea(): boolean }).isSea();
  } catch {
    // Older Node without node:sea: not a single executable.
  }
  return sea ? [process.execPath] : [process.execPath, realpathSync(process.argv[1]!)];
}
