// The service definition each OS needs, from one place: install writes it,
// a repeat install compares against it.
import type { InstallLayout } from './layout.js';
import { LAUNCHD_LABEL } from './layout.js';
import { credentialsPath } from '../credentials.js';
import { systemdUnit } from './systemd.js';
import { launchdPlist } from './launchd.js';
import { winswXml } from './windows.js';

/** The agent's command line as the service starts it. */
export function serviceCommandLine(program: string[], layout: InstallLayout): string[] {
  return [...program, 'run', '--config', layout.configFile];
}

export function serviceFileText(program: string[], layout: InstallLayout): string {
  const argv = serviceCommandLine(program, layout);
  switch (layout.os) {
    case 'linux':
      return systemdUnit({ execStart: argv, credentialsFile: credentialsPath(layout.dataDir), dataDir: layout.dataDir });
    case 'darwin':
      return launchdPlist({ label: LAUNCHD_LABEL, programArguments: argv, logDir: layout.logDir! });
    case 'win32':
      return winswXml({ executable: argv[0]!, arguments: argv.slice(1), logDir: layout.logDir! });
  }
}

/** The agent config install writes: where data lives and how to trust the collector. */
export function agentConfigText(layout: InstallLayout, tls: { caFile: boolean; pin: string | null }): string {
  const lines = [
    '# Written by `tandem-agent install`. Edit freely: a repeat install with the same',
    '# settings leaves this file alone. Keys: agent/README.md.',
    `dataDir: ${JSON.stringify(layout.dataDir)}`,
  ];
  if (tls.caFile || tls.pin) {
    lines.push('tls:');
    if (tls.caFile) lines.push(`  caFile: ${JSON.stringify(layout.caFile)}`);
    if (tls.pin) lines.push(`  pinSha256: ${JSON.stringify(tls.pin)}`);
  }
  return `${lines.join('\n')}\n`;
}
