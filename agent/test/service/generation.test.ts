// The service definitions and command lines install generates, per OS, as
// text and as recorded command lines. The plist goes through Python's
// plistlib (the parser macOS tools agree with); the unit through the real
// systemd-analyze in tests/e2e/agent-install.test.ts.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { installLayout } from '../../src/service/layout.js';
import { serviceCommands, parseServiceState } from '../../src/service/service-commands.js';
import { serviceFileText } from '../../src/service/service-files.js';
import { systemdWord } from '../../src/service/systemd.js';
import { windowsArgument } from '../../src/service/windows.js';
import { checksumFor } from '../../src/service/upgrade.js';
import { EXIT_CODES } from '../../src/service/exit-codes.js';

describe('systemd unit', () => {
  const layout = installLayout('linux', '/');
  const unit = serviceFileText(['/usr/local/bin/tandem-agent'], layout);

  it('starts the installed executable with the installed config', () => {
    expect(unit).toMatch(/^ExecStart=\/usr\/local\/bin\/tandem-agent run --config \/etc\/tandem\/agent\.yaml$/m);
  });

  it('does not start, or restart, without a credential', () => {
    expect(unit).toMatch(/^ConditionPathExists=\/var\/lib\/tandem-agent\/credentials\.json$/m);
    expect(unit).toMatch(new RegExp(`^RestartPreventExitStatus=${EXIT_CODES.notEnrolled.code}$`, 'm'));
    expect(unit).toMatch(/^Restart=on-failure$/m);
  });

  it('uses the StateDirectory for the standard data folder, ReadWritePaths for any other', () => {
    expect(unit).not.toMatch(/^ReadWritePaths=/m);
    expect(serviceFileText(['/x'], installLayout('linux', '/tmp/r'))).toMatch(/^ReadWritePaths=\/tmp\/r\/var\/lib\/tandem-agent$/m);
  });

  it('quotes words with spaces and keeps % and $ literal', () => {
    expect(systemdWord('/opt/My Agent/tandem-agent')).toBe('"/opt/My Agent/tandem-agent"');
    expect(systemdWord('100%')).toBe('100%%');
    expect(systemdWord('a$b')).toBe('"a$$b"');
    expect(systemdWord('say "hi"')).toBe('"say \\"hi\\""');
  });
});

describe('launchd plist', () => {
  const layout = installLayout('darwin', '/');
  const plist = serviceFileText(['/usr/local/bin/tandem-agent'], layout);

  it('parses with plistlib into the LaunchDaemon launchd expects', () => {
    const parsed = JSON.parse(execFileSync('python3', ['-c', 'import json,plistlib,sys; print(json.dumps(plistlib.loads(sys.stdin.buffer.read())))'], { input: plist }).toString()) as Record<string, unknown>;
    expect(parsed).toEqual({
      Label: 'net.tandem.agent',
      ProgramArguments: ['/usr/local/bin/tandem-agent', 'run', '--config', '/Library/Application Support/Tandem Agent/agent.yaml'],
      RunAtLoad: true,
      KeepAlive: { SuccessfulExit: false, Crashed: true },
      ThrottleInterval: 10,
      ProcessType: 'Background',
      LowPriorityIO: true,
      Umask: 63,
      StandardOutPath: '/Library/Logs/Tandem Agent/agent.log',
      StandardErrorPath: '/Library/Logs/Tandem Agent/agent.log',
    });
    expect(layout.serviceFile).toBe('/Library/LaunchDaemons/net.tandem.agent.plist');
  });

  it('escapes XML in paths', () => {
    const odd = serviceFileText(['/Applications/A&B <x>/tandem-agent'], layout);
    expect(odd).toContain('<string>/Applications/A&amp;B &lt;x&gt;/tandem-agent</string>');
  });

  it('bootstraps into the system domain and restarts with kickstart', () => {
    const c = serviceCommands(layout);
    expect(c.start).toEqual([['launchctl', ['enable', 'system/net.tandem.agent']], ['launchctl', ['bootstrap', 'system', '/Library/LaunchDaemons/net.tandem.agent.plist']]]);
    expect(c.restart).toEqual([['launchctl', ['kickstart', '-k', 'system/net.tandem.agent']]]);
    expect(c.remove).toEqual([['launchctl', ['bootout', 'system/net.tandem.agent']]]);
    expect(parseServiceState('darwin', 'system/net.tandem.agent = {\n\tactive count = 1\n\tstate = running\n', 0)).toBe('running');
  });
});

describe('Windows service (WinSW)', () => {
  const layout = installLayout('win32', 'C:\\', { ProgramData: 'C:\\ProgramData', SystemDrive: 'C:' });

  it('keeps data under %ProgramData%\\Tandem\\Agent', () => {
    expect(layout.dataDir.replace(/\//g, '\\')).toBe('C:\\ProgramData\\Tandem\\Agent\\data');
  });

  it('writes the WinSW XML: id, executable, arguments, restart actions, log rotation', () => {
    const xml = serviceFileText(['C:\\Program Files\\Tandem\\tandem-agent.exe'], layout);
    const parsed = JSON.parse(execFileSync('python3', ['-c', `
import json, sys, xml.etree.ElementTree as ET
s = ET.fromstring(sys.stdin.read())
print(json.dumps({
  "id": s.findtext("id"), "executable": s.findtext("executable"), "arguments": s.findtext("arguments"),
  "onfailure": [(f.get("action"), f.get("delay")) for f in s.findall("onfailure")],
  "resetfailure": s.findtext("resetfailure"), "log": s.find("log").get("mode"), "keepFiles": s.findtext("log/keepFiles"),
}))`], { input: xml }).toString()) as Record<string, unknown>;
    expect(parsed).toEqual({
      id: 'tandem-agent',
      executable: 'C:\\Program Files\\Tandem\\tandem-agent.exe',
      arguments: `run --config ${windowsArgument(layout.configFile)}`,
      onfailure: [['restart', '10 sec'], ['restart', '1 min'], ['restart', '5 min']],
      resetfailure: '1 hour',
      log: 'roll-by-size',
      keepFiles: '8',
    });
  });

  it('locks the data folder to SYSTEM and Administrators with icacls, by SID', () => {
    const c = serviceCommands(layout);
    expect(c.protectData).toEqual([['icacls', [layout.dataDir.replace(/[\\/]data$/, ''), '/inheritance:r', '/grant:r', '*S-1-5-18:(OI)(CI)F', '*S-1-5-32-544:(OI)(CI)F']]]);
    expect(c.start).toEqual([[layout.serviceHost, ['install']], [layout.serviceHost, ['start']]]);
  });

  it('quotes arguments the way CreateProcess splits them', () => {
    expect(windowsArgument('plain')).toBe('plain');
    expect(windowsArgument('C:\\Program Data\\a.yaml')).toBe('"C:\\Program Data\\a.yaml"');
    expect(windowsArgument('C:\\dir with space\\')).toBe('"C:\\dir with space\\\\"');
    expect(windowsArgument('say "hi"')).toBe('"say \\"hi\\""');
  });
});

describe('upgrade checksums', () => {
  const sum = 'a'.repeat(64);
  it('finds the file in SHA256SUMS, text or binary mode', () => {
    expect(checksumFor(`${sum}  tandem-agent-linux-x64\n`, 'tandem-agent-linux-x64')).toBe(sum);
    expect(checksumFor(`${'b'.repeat(64)} *tandem-agent-win-x64.exe\n${sum} *tandem-agent-linux-x64\n`, 'tandem-agent-linux-x64')).toBe(sum);
    expect(checksumFor(`${sum}  tandem-agent-linux-arm64\n`, 'tandem-agent-linux-x64')).toBeNull();
  });
});

describe('exit codes', () => {
  it('are unique and the table in agent/README.md lists each with its code', () => {
    const codes = Object.values(EXIT_CODES).map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const documented = [...readme.matchAll(/^\| (\d+) \| `([a-zA-Z]+)` \|/gm)].map((m) => [m[2], Number(m[1])]);
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(Object.entries(EXIT_CODES).map(([name, e]) => [name, e.code])));
  });
});
