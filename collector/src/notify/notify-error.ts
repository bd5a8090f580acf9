// A delivery failure, classified once by the notifier that saw it: retry
// decisions depend on `retryable`, never on parsing the message. Messages
// never carry a credential (see auth/redact.ts).
import { CollectorError } from '../errors.js';
import { redactSecrets } from '../auth/redact.js';

export class NotifyError extends CollectorError {
  readonly retryable: boolean;
  /** Short, secret-free reason: "HTTP 503", "connection refused", "SMTP 550". */
  readonly reason: string;
  constructor(channel: string, reason: string, retryable: boolean, options: { cause?: unknown; secrets?: string[] } = {}) {
    const clean = redactSecrets(reason, options.secrets ?? []);
    super('COL_ERR_NOTIFY', `channel ${channel}: ${clean}${retryable ? ' (will retry)' : ''}`, { statusCode: 502 });
    this.retryable = retryable;
    this.reason = clean;
    // The cause is kept for debugging, stripped of its message (it may quote a URL or credential).
    if (options.cause instanceof Error) Object.defineProperty(this, 'cause', { value: { name: options.cause.name, code: (options.cause as NodeJS.ErrnoException).code }, enumerable: false });
  }
}
