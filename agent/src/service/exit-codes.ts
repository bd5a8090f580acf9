// Exit codes of the service commands (install, uninstall, status, upgrade),
// listed once. Packages and deployment scripts branch on them; agent/README.md
// has the same table and a test keeps the two equal. The other commands exit
// 1 on an error and 2 on a usage error, and `run` exits 78 when not enrolled.
import { AgentError } from '../errors.js';
import type { AgentErrorCode } from '../errors.js';

export const EXIT_CODES = {
  ok: { code: 0, meaning: 'done (for install: also when it was already installed exactly so, and nothing changed)' },
  failed: { code: 1, meaning: 'an unexpected or unclassified error' },
  usage: { code: 2, meaning: 'the command line is wrong' },
  notAdmin: { code: 3, meaning: 'needs root (Administrator on Windows)' },
  enrollRefused: { code: 4, meaning: 'the collector refused the enroll token (wrong, expired or used up), or the site or tags asked for are outside what it allows' },
  unreachable: { code: 5, meaning: 'the collector could not be reached (address, network, TLS trust)' },
  pinMismatch: { code: 6, meaning: "the collector's public key does not match --pin" },
  alreadyInstalled: { code: 7, meaning: 'already installed with other settings; nothing changed (add --force to replace)' },
  notInstalled: { code: 8, meaning: 'the agent service is not installed' },
  serviceManager: { code: 9, meaning: 'systemctl, launchctl or WinSW failed a step; what install wrote was rolled back' },
  checksum: { code: 10, meaning: 'the upgrade file does not match its SHA-256; nothing was replaced' },
  rolledBack: { code: 11, meaning: 'the upgraded agent did not reconnect in time; the previous executable was put back and restarted' },
  config: { code: 12, meaning: 'a config, credential or spool file is unreadable or invalid' },
  // 78 is EX_CONFIG from sysexits.h; the systemd unit lists it in
  // RestartPreventExitStatus= so an agent without a credential stops instead of restarting forever.
  notEnrolled: { code: 78, meaning: 'no device credential: `run` stops (the service is not restarted for this); `install` found its record but not the credential (use --force with a new token)' },
} as const;

export type ExitName = keyof typeof EXIT_CODES;

const BY_ERROR: Record<AgentErrorCode, ExitName> = {
  AGT_ERR_CONFIG: 'config',
  AGT_ERR_USAGE: 'usage',
  AGT_ERR_NOT_ENROLLED: 'notEnrolled',
  AGT_ERR_ENROLL: 'enrollRefused',
  AGT_ERR_CREDENTIALS: 'config',
  AGT_ERR_SPOOL: 'config',
  AGT_ERR_SPOOL_FULL: 'config',
  AGT_ERR_COLLECTOR_CLAIM: 'failed',
  AGT_ERR_TLS_PIN: 'pinMismatch',
  AGT_ERR_PARSE_SOURCE: 'usage',
  AGT_ERR_COLLECTOR_UNREACHABLE: 'unreachable',
  AGT_ERR_NOT_ADMIN: 'notAdmin',
  AGT_ERR_ALREADY_INSTALLED: 'alreadyInstalled',
  AGT_ERR_NOT_INSTALLED: 'notInstalled',
  AGT_ERR_SERVICE_MANAGER: 'serviceManager',
  AGT_ERR_CHECKSUM: 'checksum',
  AGT_ERR_UPGRADE_ROLLED_BACK: 'rolledBack',
};

export function exitCodeFor(err: unknown): number {
  return err instanceof AgentError ? EXIT_CODES[BY_ERROR[err.code]].code : EXIT_CODES.failed.code;
}
