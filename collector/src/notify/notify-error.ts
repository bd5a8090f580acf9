// A delivery failure, classified once by the notifier that saw it: retry
// decisions depend on `retryable`, never on parsing the message. Messages
// never carry a credential (see redact()).
import { CollectorError } from '../errors.js';

export class NotifyError extends CollectorError {
  readonly retryable: boolean;
  /** Short, secret-free reason: "HTTP 503", "connection refused", "SMTP 550". */
  readonly reason: string;
  constructor(channel: string, reason: string, retryable: boolean, options: { cause?: unknown; secrets?: string[] } = {}) {
    const clean = redact(reason, options.secrets ?? []);
    super('COL_ERR_NOTIFY', `channel ${channel}: ${clean}${retryable ? ' (will retry)' : ''}`, { statusCode: 502 });
    this.retryable = retryable;
    this.reason = clean;
    // The cause is kept for debugging, stripped of its message (it may quote a URL or credential).
    if (options.cause instanceof Error) Object.defineProperty(this, 'cause', { value: { name: options.cause.name, code: (options.cause as NodeJS.ErrnoException).code }, enumerable: false });
  }
}

/** Removes every occurrence of each secret (and its URL-encoded form) from text. */
export function redact(text: string, secrets: string[]): string {
  let out = text;
  // Longest first, so a secret inside a longer one (a token inside its URL) is not left half-hidden.
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    if (!s || s.length < 4) continue;
    for (const form of new Set([s, encodeURIComponent(s)])) out = out.split(form).join('[redacted]');
  }
  return out;
}
