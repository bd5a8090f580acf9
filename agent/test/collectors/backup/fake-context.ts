// A fake command runner and context for collector tests: answers by
// "command args" prefix; anything else is "not installed".
import { mkdirSync, mkdtempSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CollectContext } from '../../../src/collectors/collector.js';
import type { RunCommand, RunOutcome } from '../../../src/exec/run-command.js';
import { defaultAgentConfig } from '../../../src/config.js';

export interface FakeReply {
  stdout?: string;
  stderr?: string;
  exitCode?: number | null;
}

export interface RunCall {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv | undefined;
}

export function fakeRun(replies: Record<string, FakeReply>, calls: RunCall[] = []): RunCommand {
  return async (command, args, options): Promise<RunOutcome> => {
    calls.push({ command, args, env: options?.env });
    const line = [command, ...args].join(' ');
    const key = Object.keys(replies).filter((k) => line === k || line.startsWith(`${k} `)).sort((a, b) => b.length - a.length)[0];
    if (key === undefined) return { command, args, notFound: true, message: `${command} not found on PATH` };
    const r = replies[key] as FakeReply;
    return {
      command: `/usr/bin/${command}`, args, stdout: r.stdout ?? '', stderr: r.stderr ?? '',
      exitCode: r.exitCode === undefined ? 0 : r.exitCode, timedOut: false, truncated: false, durationMs: 1,
    };
  };
}

/** A recorded OS file tree: path -> content (and optional mtime). */
export function fsRoot(files: Record<string, string | { content: string; mtime: Date }>): string {
  const root = mkdtempSync(join(tmpdir(), 'tandem-fsroot-'));
  for (const [path, value] of Object.entries(files)) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    if (typeof value === 'string') {
      writeFileSync(file, value);
    } else {
      writeFileSync(file, value.content);
      utimesSync(file, value.mtime, value.mtime);
    }
  }
  return root;
}

export function fakeContext(run: RunCommand, root: string, now = new Date('2026-11-28T12:00:00Z'), platform: CollectContext['platform'] = 'linux'): CollectContext {
  return {
    platform,
    run,
    now: () => now,
    config: defaultAgentConfig(join(root, 'data')),
    env: { PATH: '/usr/bin:/bin' },
    timeZone: 'UTC',
    osPath: (p) => join(root, p),
  };
}
