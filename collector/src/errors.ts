// Every error the collector raises on purpose, with a stable code. Codes are
// listed in collector/README.md; a test checks they are unique and documented.

export const COLLECTOR_ERROR_CODES = {
  COL_ERR_CONFIG: 'the collector config file is missing, unreadable or invalid',
  COL_ERR_USAGE: 'the command line is wrong',
  COL_ERR_STORE: 'the store could not be opened or migrated',
  COL_ERR_FRAME_DECODE: 'an agent frame is not a valid tandem.v1.Frame',
  COL_ERR_FRAME_TOO_LARGE: 'an agent frame is larger than the configured limit',
  COL_ERR_FRAME_BODY: 'an agent frame has no body, or one an agent may not send',
  COL_ERR_PROTOCOL_ORDER: 'an agent sent a frame before Hello, or Hello twice',
  COL_ERR_PROTOCOL_VERSION: "the agent speaks a wire schema major version this collector does not",
  COL_ERR_DEVICE_MISMATCH: 'an agent claimed a device id other than its credential',
  COL_ERR_SEQ: 'an agent sent a data frame without a sequence number',
  COL_ERR_BACKLOG: 'an agent sent more unacknowledged frames or bytes than one connection may queue, or left its acks unread',
  COL_ERR_HELLO_TIMEOUT: 'an agent connected but sent no Hello in time',
  COL_ERR_UNAUTHORIZED: 'missing, unknown, expired or revoked credentials',
  COL_ERR_RATE_LIMITED: 'too many failed authentication attempts from this address',
  COL_ERR_FORBIDDEN: 'the credentials are valid but do not allow this',
  COL_ERR_NOT_FOUND: 'no such resource (or not visible to these credentials)',
  COL_ERR_BAD_REQUEST: 'the request body or parameters are invalid',
  COL_ERR_ENROLL: 'the enrollment token is unknown, expired, revoked or used up',
  COL_ERR_CONFLICT: 'the resource is not in a state that allows this (e.g. acknowledging a resolved alert)',
  COL_ERR_RULES_INVALID: 'a rule pack failed validation',
  COL_ERR_OWNERSHIP_INVALID: 'an ownership config failed validation',
  COL_ERR_GUARDRAIL: 'the change is outside what the contract lets this team change',
  COL_ERR_NOTIFY: 'a notification could not be delivered',
  COL_ERR_CSRF: 'a browser request without a valid CSRF token',
  COL_ERR_UNAVAILABLE: 'a part this request needs is not installed on the collector (e.g. Chromium for PDF export)',
  COL_ERR_INTERNAL: 'an unexpected server error',
} as const;

export type CollectorErrorCode = keyof typeof COLLECTOR_ERROR_CODES;

export class CollectorError extends Error {
  override readonly name = 'CollectorError';
  readonly code: CollectorErrorCode;
  /** HTTP status when the error reaches an API client. */
  readonly statusCode: number;
  constructor(code: CollectorErrorCode, message: string, options?: { cause?: unknown; statusCode?: number }) {
    super(message, options);
    this.code = code;
    this.statusCode = options?.statusCode ?? 500;
  }
}

/** WebSocket close codes the collector uses for protocol errors (4000-4999 are application codes). */
export const CLOSE_CODES = {
  badFrame: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  helloTimeout: 4408,
  protocolOrder: 4409,
  tooLarge: 4413,
  backlog: 4429,
  protocolVersion: 4426,
} as const;
