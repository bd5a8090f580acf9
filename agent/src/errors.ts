// Every error the agent raises on purpose, with a stable code. Codes are
// listed in agent/README.md; a test checks they are unique and documented.

export const AGENT_ERROR_CODES = {
  AGT_ERR_CONFIG: 'the agent config file is missing, unreadable or invalid',
  AGT_ERR_USAGE: 'the command line is wrong',
  AGT_ERR_NOT_ENROLLED: 'the agent has no device credential yet',
  AGT_ERR_ENROLL: 'the collector refused or failed the enrollment',
  AGT_ERR_CREDENTIALS: 'the stored device credential is unreadable',
  AGT_ERR_SPOOL: 'the spool file could not be read or written',
  AGT_ERR_SPOOL_FULL: 'the disk holding the spool is full or over quota; the report is kept in memory and retried',
  AGT_ERR_COLLECTOR_CLAIM: 'the collector sent a Welcome, Ack or Policy the agent refuses as implausible; the connection is dropped and retried',
  AGT_ERR_TLS_PIN: "the collector's public key does not match the configured pin",
  AGT_ERR_PARSE_SOURCE: 'no parser is known by that source name',
  AGT_ERR_COLLECTOR_UNREACHABLE: 'the collector could not be reached (address, network or TLS trust)',
  AGT_ERR_NOT_ADMIN: 'install, uninstall and upgrade need root (Administrator on Windows)',
  AGT_ERR_ALREADY_INSTALLED: 'the agent is already installed with other settings (use --force to replace them)',
  AGT_ERR_NOT_INSTALLED: 'the agent service is not installed',
  AGT_ERR_SERVICE_MANAGER: 'the service manager (systemctl, launchctl, WinSW) refused a step',
  AGT_ERR_CHECKSUM: 'an upgrade file does not match its SHA-256 checksum',
  AGT_ERR_UPGRADE_ROLLED_BACK: 'the new version did not reconnect in time; the previous executable runs again',
} as const;

export type AgentErrorCode = keyof typeof AGENT_ERROR_CODES;

export class AgentError extends Error {
  override readonly name = 'AgentError';
  readonly code: AgentErrorCode;
  constructor(code: AgentErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
