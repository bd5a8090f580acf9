// The one way secrets are kept out of text the collector writes: log lines,
// error messages sent to API clients, delivery errors stored in dead letters.
// Two kinds of secret are recognized:
// - values the process has handled (channel keys, webhook headers, SMTP and
//   OIDC secrets) are remembered when they are resolved and replaced wherever
//   they appear, also URL- and JSON-encoded;
// - secrets the collector generates (API tokens, sessions, device secrets,
//   enrollment tokens) have one recognizable shape and are replaced by shape,
//   since only their hashes are kept and the value itself is never known.
export const REDACTED = '[redacted]';

/** `newSecret()` output: a short prefix and 32 random bytes in base64url. */
const GENERATED = /\b(?:tds|tdm|tde|tdd|csrf|oidc)_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;
/** Shorter values are too likely to be ordinary words (a header value like `tandem`) to be replaced everywhere. */
const MIN_LENGTH = 8;
const MAX_REMEMBERED = 10_000;

const remembered = new Set<string>();
let pattern: RegExp | null = null;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function forms(value: string): string[] {
  return [...new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)])];
}

/** Remembers a secret value so that it is redacted from every later log line and error. */
export function rememberSecret(value: string | null | undefined): void {
  if (!value || value.length < MIN_LENGTH || remembered.has(value)) return;
  // Bounded: a collector handles tens of channel secrets, not thousands; the oldest go first.
  if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.values().next().value!);
  remembered.add(value);
  pattern = null;
}

function rememberedPattern(): RegExp | null {
  if (remembered.size === 0) return null;
  // Longest first, so a secret inside a longer one (a token inside its URL) is not left half-hidden.
  pattern ??= new RegExp([...remembered].flatMap(forms).sort((a, b) => b.length - a.length).map(escapeRegex).join('|'), 'g');
  return pattern;
}

/**
 * Text with every remembered secret, every generated secret, and each of
 * `extra` (secrets of this one message, e.g. the parts of a webhook URL)
 * replaced by `[redacted]`.
 */
export function redactSecrets(text: string, extra: Array<string | null | undefined> = []): string {
  let out = text;
  // Longest first, so a secret inside a longer one (a token inside its URL) is not left half-hidden.
  const local = [...new Set(extra.filter((s): s is string => !!s && s.length >= 4).flatMap(forms))].sort((a, b) => b.length - a.length);
  for (const s of local) out = out.split(s).join(REDACTED);
  const known = rememberedPattern();
  if (known) out = out.replace(known, REDACTED);
  return out.replace(GENERATED, REDACTED);
}

/** Forgets every remembered secret (tests). */
export function forgetSecrets(): void {
  remembered.clear();
  pattern = null;
}

/** A log destination that redacts each line before passing it on (the last step of every log line). */
export function redactingStream(dest: { write(line: string): unknown }): { write(line: string): void } {
  return { write: (line: string) => void dest.write(redactSecrets(line)) };
}

/** Query parameters whose values are credentials (tokens, OIDC codes); the names stay readable. */
const SECRET_QUERY = /^(?:token|access_token|id_token|refresh_token|code|state|key|api_key|apikey|secret|password|signature|sig|auth|session)$/i;

/** A request URL fit for a log line: credential-like query values are replaced. */
export function loggableUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url.slice(q + 1).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    let decoded = name;
    try { decoded = decodeURIComponent(name); } catch { /* keep as written */ }
    return eq >= 0 && SECRET_QUERY.test(decoded) ? `${name}=${REDACTED}` : pair;
  });
  return `${url.slice(0, q)}?${params.join('&')}`;
}
