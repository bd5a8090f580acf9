// What a rendered value must not do in each channel's text format: inject
// markup into a mail, or mentions and links into a chat message. A template
// writes the format; the values it inserts are always escaped for it.
export type EscapeKind = 'none' | 'html' | 'slack' | 'markdown';

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const ESCAPERS: Record<EscapeKind, (s: string) => string> = {
  /** Plain text and JSON string values (JSON.stringify quotes them). */
  none: (s) => s,
  html: (s) => s.replace(/[&<>"']/g, (c) => HTML[c]!),
  // Slack mrkdwn: &, < and > are the control characters (<@U123>, <!channel>, <url|text>); formatting marks in values are left as they are.
  slack: (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
  // Teams (Adaptive Card TextBlock markdown): a backslash before the marks that start emphasis or code, and
  // none of a value's brackets can close into a link.
  markdown: (s) => s.replace(/[\\`*_~]/g, (c) => `\\${c}`).replace(/\]\(/g, ']\\('),
};
