// The HTTP edge every web notifier shares: a JSON POST with a timeout, and
// one classification of failures. Network trouble, 408, 429 and 5xx are worth
// another try; any other 4xx means the request itself is wrong.
import { NotifyError } from '../notify-error.js';

export interface PostOptions {
  channel: string;
  url: string;
  body: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  /** Values that must never appear in an error: the URL, tokens, keys. */
  secrets: string[];
}

const RETRYABLE_STATUS = new Set([408, 425, 429]);

/**
 * The parts of a URL that may carry a credential, since a receiver may echo
 * its path back: the path, each longer path segment, the query and its
 * values, and any user info.
 */
export function urlSecrets(url: string): string[] {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return [url];
  }
  const parts = [url, u.username, u.password, u.search.slice(1)];
  if (u.pathname.length > 1) parts.push(u.pathname, ...u.pathname.split('/').filter((s) => s.length >= 8));
  for (const v of u.searchParams.values()) if (v.length >= 6) parts.push(v);
  return parts.filter(Boolean).sort((a, b) => b.length - a.length);
}

export async function postJson(input: PostOptions): Promise<{ status: number; text: string }> {
  const o = { ...input, secrets: [...input.secrets.flatMap((s) => (/^https?:\/\//.test(s) ? urlSecrets(s) : [s])), ...urlSecrets(input.url)] };
  let res: Response;
  try {
    res = await fetch(o.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'tandem-collector', ...o.headers },
      body: o.body,
      signal: AbortSignal.timeout(o.timeoutMs),
      redirect: 'error',
    });
  } catch (err) {
    const e = err as Error & { cause?: NodeJS.ErrnoException };
    const why = e.name === 'TimeoutError' ? `no answer within ${o.timeoutMs} ms` : `connection failed (${e.cause?.code ?? e.name})`;
    throw new NotifyError(o.channel, why, true, { cause: err, secrets: o.secrets });
  }
  const text = await res.text().catch(() => '');
  if (res.ok) return { status: res.status, text };
  const snippet = text.replace(/\s+/g, ' ').slice(0, 120);
  const why = `HTTP ${res.status}${snippet ? `: ${snippet}` : ''}`;
  throw new NotifyError(o.channel, why, res.status >= 500 || RETRYABLE_STATUS.has(res.status), { secrets: o.secrets });
}
