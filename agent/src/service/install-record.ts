// What install did, kept beside the credential: the settings it was given
// (the token only as a hash), the program the service runs and the folders it
// created. A repeat install compares against it; uninstall, status and
// upgrade read it.
import { AgentError } from '../errors.js';
import { readIfExists } from './file-transaction.js';

export interface InstallSettings {
  url: string;
  tokenSha256: string;
  site: string | null;
  tags: string[];
  caSha256: string | null;
  pin: string | null;
  /** Program and leading arguments the service starts (the single executable, or node + cli.js). */
  program: string[];
}

export interface InstallRecord {
  settings: InstallSettings;
  agentVersion: string;
  installedAt: string;
  createdDirs: string[];
  /** Set by `uninstall` without --purge: the service is gone, credential and config stay for a reinstall. */
  uninstalledAt?: string;
}

export function readInstallRecord(file: string): InstallRecord | null {
  let text: string | null;
  try {
    text = readIfExists(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new AgentError('AGT_ERR_NOT_ADMIN', `cannot read ${file} (${code}): the agent's data folder is readable by root (Administrators) only; run this as root`, { cause: err });
    throw err;
  }
  if (text === null) return null;
  try {
    const r = JSON.parse(text) as InstallRecord;
    if (!r.settings || !Array.isArray(r.settings.program)) throw new Error('missing settings.program');
    return r;
  } catch (err) {
    throw new AgentError('AGT_ERR_CONFIG', `${file} is not a valid install record: ${(err as Error).message}`, { cause: err });
  }
}

/** Names of the settings that differ, for "already installed with other …". */
export function changedSettings(before: InstallSettings, after: InstallSettings): string[] {
  const names: Record<keyof InstallSettings, string> = {
    url: '--url', tokenSha256: '--token', site: '--site', tags: '--tags', caSha256: '--ca-file', pin: '--pin', program: 'the executable',
  };
  return (Object.keys(names) as Array<keyof InstallSettings>)
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => names[k]);
}
