// The HTTP edge every connector shares: JSON in and out with a timeout,
// credentials kept out of every error, and one classification of failures.
// A 429 is waited out here when its Retry-After is short (bounded in count
// and length), since the system said exactly when to come back; anything
// longer, network trouble and 5xx are retryable NotifyErrors for the notify
// retry stage (exponential backoff, then a dead letter); other 4xx are the
// request's own fault and permanent.
import { NotifyError } from '../notify/notify-error.js';
import { redactSecrets } from '../auth/redact.js';

export interface TicketRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  /** Path and query below the system's base URL. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** A form body (OAuth token requests) instead of JSON. */
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Statuses answered as a result instead of an error (404 for a lookup). */
  accept?: number[];
}

export interface TicketResponse {
  status: number;
  body: unknown;
}

export interface TicketHttpOptions {
  channel: string;
  baseUrl: string;
  timeoutMs: number;
  /** Resolved credential values, never to appear in an error. */
  secrets: () => string[];
  /** Longest Retry-After waited out in place; a longer one is left to the retry stage. Default 30 s. */
  maxRetryAfterMs?: number;
  /** How many 429s one request waits out. Default 3. */
  maxRateLimitWaits?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export type TicketHttp = (r: TicketRequest) => Promise<TicketResponse>;

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/** Retry-After as seconds or an HTTP date, in ms from now; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function createTicketHttp(o: TicketHttpOptions): TicketHttp {
  const sleep = o.sleep ?? realSleep;
  const now = o.now ?? Date.now;
  const maxWait = o.maxRetryAfterMs ?? 30_000;
  const maxWaits = o.maxRateLimitWaits ?? 3;
  const base = o.baseUrl.replace(/\/+$/, '');
  const fail = (reason: string, retryable: boolean, cause?: unknown) => new NotifyError(o.channel, reason, retryable, { cause, secrets: o.secrets() });

  return async (r) => {
    const url = new URL(base + r.path);
    for (const [k, v] of Object.entries(r.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'tandem-collector', ...r.headers };
    let body: string | undefined;
    if (r.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(r.form).toString();
    } else if (r.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(r.body);
    }
    for (let waits = 0; ; waits++) {
      let res: Response;
      try {
        res = await fetch(url, { method: r.method, headers, body, signal: AbortSignal.timeout(o.timeoutMs), redirect: 'error' });
      } catch (err) {
        const e = err as Error & { cause?: NodeJS.ErrnoException };
        throw fail(e.name === 'TimeoutError' ? `${r.method} ${url.pathname}: no answer within ${o.timeoutMs} ms` : `${r.method} ${url.pathname}: connection failed (${e.cause?.code ?? e.name})`, true, err);
      }
      const text = await res.text().catch(() => '');
      if (res.ok || r.accept?.includes(res.status)) {
        let parsed: unknown = null;
        if (text.trim() !== '') {
          try {
            parsed = JSON.parse(text);
          } catch {
            throw fail(`${r.method} ${url.pathname}: HTTP ${res.status} with a body that is not JSON`, false);
          }
        }
        return { status: res.status, body: parsed };
      }
      if (res.status === 429) {
        const wait = retryAfterMs(res.headers.get('retry-after'), now());
        if (wait !== null && wait <= maxWait && waits < maxWaits) {
          await sleep(wait);
          continue;
        }
      }
      // Redacted before it is cut, so a credential echoed at the cut is not left half-visible.
      const snippet = redactSecrets(text, o.secrets()).replace(/\s+/g, ' ').slice(0, 160);
      const retryable = res.status >= 500 || res.status === 408 || res.status === 425 || res.status === 429;
      throw fail(`${r.method} ${url.pathname}: HTTP ${res.status}${snippet ? `: ${snippet}` : ''}`, retryable);
    }
  };
}

/** `Basic base64(user:password)`. */
export const basicAuth = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
