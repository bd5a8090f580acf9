// The command a source declares is the command its collector runs: every
// command the patch, security and backup collectors start, on every OS and
// whatever the tools answer (missing, empty, failing, a stray answer), is a
// declared source's command (or one of the few helpers named below), and
// every declared source is run by some collector.
import { describe, expect, it } from 'vitest';
import type { CollectContext } from '../../src/collectors/collector.js';
import type { RunCommand, RunOutcome } from '../../src/exec/run-command.js';
import { SOURCES } from '../../src/parse/registry.js';
import { patchCollector } from '../../src/collectors/patch/index.js';
import { securityCollector } from '../../src/collectors/security/index.js';
import { backupCollector } from '../../src/collectors/backup/index.js';
import { fakeContext } from './backup/fake-context.js';

/** Commands that are not sources: their answer is an exit code or one value, read where they are run. */
const HELPERS: RegExp[] = [
  /^rpm -qa --qf /, // newest install time (patch, rpm hosts)
  /^zypper --non-interactive needs-rebooting$/, // exit code 102 = reboot needed
  /^uname -r$/, // running kernel, for pacman's reboot check
  /^systemctl is-active /, // ClamAV service state
  /^reg\.exe query HKLM\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage \/v OEMCP$/, // the OEM code page
];

/** Programs that stand in for a declared one with the same arguments. */
const SAME_ARGUMENTS: Record<string, string[]> = {
  dnf: ['yum'], '/usr/libexec/ApplicationFirewall/socketfilterfw': ['socketfilterfw'],
  // Endpoint protection tools at their fixed paths, from PATH when that path is absent.
  '/opt/CrowdStrike/falconctl': ['falconctl'], '/Applications/Falcon.app/Contents/Resources/falconctl': ['falconctl'],
  '/opt/sentinelone/bin/sentinelctl': ['sentinelctl'],
};

type Answer = (command: string, args: string[]) => RunOutcome;
const ok = (stdout: string, exitCode: number | null = 0): Answer => (command, args) => ({ command, args, stdout, stderr: '', exitCode, timedOut: false, truncated: false, durationMs: 1 });
const ANSWERS: Record<string, Answer> = {
  missing: (command, args) => ({ command, args, notFound: true, message: `${command} not found on PATH` }),
  empty: ok(''),
  failing: (command, args) => ({ command, args, stdout: '', stderr: 'Error: something went wrong\n', exitCode: 1, timedOut: false, truncated: false, durationMs: 1 }),
  'exit 100': ok('bash.x86_64  4.2.46-35.el7_9  updates\n', 100),
  'command not found in PowerShell': (command, args) => ({
    command, args, stdout: '', exitCode: 1, timedOut: false, truncated: false, durationMs: 1,
    stderr: "The term 'X' is not recognized as the name of a cmdlet, function, script file, or operable program.\r\n    + CategoryInfo          : ObjectNotFound: (X:String) [], CommandNotFoundException\r\n    + FullyQualifiedErrorId : CommandNotFoundException\r\n",
  }),
};
// Each Linux package manager alone, so the collector goes past the ones it tries first.
for (const manager of ['dnf', 'yum', 'zypper', 'pacman']) {
  ANSWERS[`missing but ${manager}`] = (command, args) => ([manager, 'needs-restarting'].includes(command) ? ANSWERS['exit 100']! : ANSWERS.missing!)(command, args);
}

/** The sources whose declared command this is (several when OSes declare the same one, as mdatp on Linux and macOS). */
function matchesDeclared(line: string[]): string[] {
  const names: string[] = [];
  for (const source of SOURCES) {
    if (!('argv' in source.command)) continue;
    const [program, ...args] = source.command.argv;
    const same = (actual: string[]) => actual.length >= args.length
      && args.every((a, i) => /^<[\w-]+>$/.test(a) || a === actual[i])
      // Arguments after the declared ones are configured filters (restic --host/--tag); none here.
      && actual.length === args.length;
    const [run, ...runArgs] = line;
    if ((run === program || SAME_ARGUMENTS[program]?.includes(run ?? '')) && same(runArgs)) names.push(source.name);
    // `via`: the declared command as another program's subcommand.
    else if (runArgs[0] === program && same(runArgs.slice(1))) names.push(source.name);
  }
  return names;
}

async function commandsRun(platform: CollectContext['platform'], answer: Answer): Promise<string[][]> {
  const calls: string[][] = [];
  const run: RunCommand = async (command, args) => {
    calls.push([command, ...args]);
    return answer(command, args);
  };
  const ctx = fakeContext(run, '/nonexistent-tandem-root', new Date('2026-11-28T12:00:00Z'), platform);
  ctx.config.backup.providers = [
    { type: 'restic', repository: '/srv/restic' }, { type: 'borg', repository: '/srv/borg' }, { type: 'veeam' },
    { type: 'time-machine' }, { type: 'windows-server-backup' },
  ];
  await patchCollector.collect(ctx);
  await securityCollector.collect(ctx);
  await backupCollector.collect(ctx);
  return calls;
}

describe('collectors run the declared commands', () => {
  const used = new Set<string>();
  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    for (const [what, answer] of Object.entries(ANSWERS)) {
      it(`${platform}, every tool ${what}`, async () => {
        const undeclared: string[] = [];
        for (const line of await commandsRun(platform, answer)) {
          const names = matchesDeclared(line);
          for (const name of names) used.add(name);
          if (names.length > 0) continue;
          if (!HELPERS.some((h) => h.test(line.join(' ')))) undeclared.push(line.join(' ').slice(0, 160));
        }
        expect(undeclared).toEqual([]);
      });
    }
  }

  it('and every declared command is run by some collector', () => {
    const files = SOURCES.filter((s) => 'file' in s.command).map((s) => s.name); // read through osPath, not run
    expect(SOURCES.map((s) => s.name).filter((n) => !used.has(n) && !files.includes(n))).toEqual([]);
  });
});
