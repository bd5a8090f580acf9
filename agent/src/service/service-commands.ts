// The service manager's command lines for each step, per OS: pure, so tests
// compare them as recorded lines and the e2e test runs them against a fake
// `systemctl` on PATH (systemd cannot be started in a test).
import { dirname } from 'node:path';
import type { InstallLayout } from './layout.js';
import { LAUNCHD_LABEL, SERVICE_NAME } from './layout.js';
import { icaclsCommands } from './windows.js';

export type CommandLine = [command: string, args: string[]];

export interface ServiceCommands {
  /** After the service file is written: register, enable at boot, start. */
  start: CommandLine[];
  /** Before the service file is removed (failures are tolerated: it may not be registered). */
  remove: CommandLine[];
  restart: CommandLine[];
  /** Prints the service state. */
  state: CommandLine;
  /** Keeps the credential readable by its owner alone, beyond file modes (Windows ACLs). */
  protectData: CommandLine[];
}

const UNIT = `${SERVICE_NAME}.service`;

export function serviceCommands(layout: InstallLayout): ServiceCommands {
  switch (layout.os) {
    case 'linux':
      return {
        start: [['systemctl', ['daemon-reload']], ['systemctl', ['enable', '--now', UNIT]]],
        remove: [['systemctl', ['disable', '--now', UNIT]]],
        restart: [['systemctl', ['restart', UNIT]]],
        state: ['systemctl', ['is-active', UNIT]],
        protectData: [],
      };
    case 'darwin':
      return {
        start: [['launchctl', ['enable', `system/${LAUNCHD_LABEL}`]], ['launchctl', ['bootstrap', 'system', layout.serviceFile]]],
        remove: [['launchctl', ['bootout', `system/${LAUNCHD_LABEL}`]]],
        restart: [['launchctl', ['kickstart', '-k', `system/${LAUNCHD_LABEL}`]]],
        state: ['launchctl', ['print', `system/${LAUNCHD_LABEL}`]],
        protectData: [],
      };
    case 'win32': {
      const winsw = layout.serviceHost!;
      return {
        start: [[winsw, ['install']], [winsw, ['start']]],
        remove: [[winsw, ['stop']], [winsw, ['uninstall']]],
        restart: [[winsw, ['restart']]],
        state: [winsw, ['status']],
        protectData: icaclsCommands(dirname(layout.dataDir)),
      };
    }
  }
}

/** The state word from the state command's output. */
export function parseServiceState(os: InstallLayout['os'], stdout: string, exitCode: number | null): string {
  if (os === 'linux') return stdout.trim().split('\n')[0] || (exitCode === 0 ? 'active' : 'inactive');
  if (os === 'darwin') return /^\s*state = (\S+)/m.exec(stdout)?.[1] ?? (exitCode === 0 ? 'loaded' : 'not loaded');
  return stdout.trim().split('\n').at(-1)?.trim().toLowerCase() || 'unknown';
}
