// Where an installed agent keeps each file, per OS. Every path hangs off one
// root ("/" or C:\ on a real machine, a temporary folder in tests), so an
// install can be tried, inspected and removed without touching the system.
import { join } from 'node:path';
import type { OsFamily } from '@tandem/proto';

export const SERVICE_NAME = 'tandem-agent';
export const LAUNCHD_LABEL = 'net.tandem.agent';
/** WinSW renamed: it reads the XML of the same base name beside it. */
export const WINSW_EXE = 'tandem-agent-service.exe';

export interface InstallLayout {
  os: OsFamily;
  root: string;
  configFile: string;
  /** The collector CA given with --ca-file is copied here, so the agent never depends on where the admin kept it. */
  caFile: string;
  dataDir: string;
  /** What install did (settings, executable, files), so a repeat, uninstall, status and upgrade know. */
  recordFile: string;
  /** The unit, plist or WinSW XML. */
  serviceFile: string;
  /** launchd and WinSW write the agent's output here; systemd uses the journal. */
  logDir: string | null;
  /** Windows only: where WinSW is copied to. */
  serviceHost: string | null;
}

/** The root given on the command line, else $TANDEM_INSTALL_ROOT, else the system's. */
export function installRoot(given: string | undefined, os: OsFamily, env: NodeJS.ProcessEnv): string {
  return given ?? env.TANDEM_INSTALL_ROOT ?? (os === 'win32' ? (env.SystemDrive ?? 'C:') + '\\' : '/');
}

export function installLayout(os: OsFamily, root: string, env: NodeJS.ProcessEnv = {}): InstallLayout {
  const at = (...parts: string[]) => join(root, ...parts);
  const record = (dataDir: string) => join(dataDir, 'install.json');
  if (os === 'linux') {
    const dataDir = at('var', 'lib', 'tandem-agent');
    return {
      os, root, dataDir,
      configFile: at('etc', 'tandem', 'agent.yaml'),
      caFile: at('etc', 'tandem', 'collector-ca.pem'),
      recordFile: record(dataDir),
      serviceFile: at('etc', 'systemd', 'system', `${SERVICE_NAME}.service`),
      logDir: null,
      serviceHost: null,
    };
  }
  if (os === 'darwin') {
    const base = at('Library', 'Application Support', 'Tandem Agent');
    const dataDir = join(base, 'data');
    return {
      os, root, dataDir,
      configFile: join(base, 'agent.yaml'),
      caFile: join(base, 'collector-ca.pem'),
      recordFile: record(dataDir),
      serviceFile: at('Library', 'LaunchDaemons', `${LAUNCHD_LABEL}.plist`),
      logDir: at('Library', 'Logs', 'Tandem Agent'),
      serviceHost: null,
    };
  }
  // %ProgramData% on the real system root; the same relative place under a test root.
  const programData = root === installRoot(undefined, 'win32', env) && env.ProgramData ? env.ProgramData : at('ProgramData');
  const base = join(programData, 'Tandem', 'Agent');
  const dataDir = join(base, 'data');
  return {
    os, root, dataDir,
    configFile: join(base, 'agent.yaml'),
    caFile: join(base, 'collector-ca.pem'),
    recordFile: record(dataDir),
    serviceFile: join(base, 'service', `${WINSW_EXE.replace(/\.exe$/, '')}.xml`),
    logDir: join(base, 'logs'),
    serviceHost: join(base, 'service', WINSW_EXE),
  };
}
