/**
 * A line of tool output quoted in a reason, cut to a length people read and
 * with credentials masked. Reasons travel in every report and show in
 * alerts; a tool that prints a megabyte on one line must not put that
 * megabyte into each of them, and a repository URL with a password in it
 * (`rest:https://user:secret@host/`) must not put the password there.
 */
export function shortLine(line: string, max = 200): string {
  const masked = maskCredentials(line);
  return masked.length > max ? `${masked.slice(0, max - 1)}…` : masked;
}

/** Masks the password of `scheme://user:password@` and the value of `password=…`-style pairs. */
export function maskCredentials(text: string): string {
  return text
    .replace(/([a-z][\w+.-]*:\/\/[^\s:@/]*):[^\s@/]+@/gi, '$1:***@')
    .replace(/\b(password|passwd|passphrase|secret|token|access[_-]?key|secret[_-]?key)(\s*[=:]\s*)("[^"]*"|'[^']*'|\S+)/gi, '$1$2***');
}
