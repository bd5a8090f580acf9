// Notification channels as an ownership config declares them. Fields that
// carry a credential (webhook URLs with tokens, routing keys, SMTP passwords,
// signing secrets, webhook header values) may be written as `env:NAME` or
// `file:/absolute/path` so the stored config holds a reference, not the
// secret itself. Which fields those are is declared once, in
// channel-secrets.ts.
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { NotifyError } from './notify-error.js';
import { rememberSecret } from '../auth/redact.js';
import { z } from 'zod';
import { checkParts, templatePartsSchema } from './templates/channel-templates.js';
import { checkTicketChannel, ticketFields } from '../tickets/ticket-config.js';
import { CONNECTORS } from '../tickets/connectors/index.js';

const REFERENCE = /^(env:[A-Za-z_][A-Za-z0-9_]*|file:\/\S+)$/;
const secretText = z.string().min(1, 'expected a non-empty value, env:NAME or file:/path');
const httpUrl = z.string().refine((v) => /^https?:\/\/\S+$/.test(v) || REFERENCE.test(v), 'expected an http(s) URL, env:NAME or file:/path');

export const CHANNEL_TYPES = ['webhook', 'slack', 'teams', 'email', 'pagerduty', 'ticket'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const smtpSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(587),
  /** TLS from the first byte (port 465); otherwise STARTTLS when offered. */
  secure: z.boolean().default(false),
  user: z.string().min(1).optional(),
  password: secretText.optional(),
  from: z.string().min(3),
  /** Accept self-signed certificates (test servers only). */
  allowInvalidCertificates: z.boolean().default(false),
}).strict();
export type SmtpSettings = z.infer<typeof smtpSchema>;

/** Deliver only while the team is inside its business hours (e.g. email), or always (pager). */
const activeDuring = z.enum(['always', 'hours'], { error: 'expected one of always, hours' }).default('always');

/** A channel's own message template (docs/templates.md); checked against the known fields, naming the channel. */
const template = <T extends Parameters<typeof templatePartsSchema>[0]>(type: T) => templatePartsSchema(type).optional();
const checkTemplateOf = (c: { name: string; template?: Record<string, unknown> }, ctx: z.core.$RefinementCtx) => checkParts(c.template, ['template'], `channel "${c.name}"`, ctx);

export const channelSchema = z.discriminatedUnion('type', [
  z.object({
    name: z.string().min(1), type: z.literal('webhook'), url: httpUrl,
    /** HMAC-SHA256 over the body, sent as `X-Tandem-Signature: sha256=<hex>`. */
    hmacSecret: secretText.optional(),
    /** Extra request headers; a value may be env:NAME or file:/path (an API key header). */
    headers: z.record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'expected an HTTP header name'), secretText).optional(),
    activeDuring,
    template: template('webhook'),
  }).strict().superRefine(checkTemplateOf),
  z.object({ name: z.string().min(1), type: z.literal('slack'), url: httpUrl, activeDuring, template: template('slack') }).strict().superRefine(checkTemplateOf),
  z.object({ name: z.string().min(1), type: z.literal('teams'), url: httpUrl, activeDuring, template: template('teams') }).strict().superRefine(checkTemplateOf),
  z.object({
    name: z.string().min(1), type: z.literal('email'),
    to: z.array(z.string().regex(/^[^\s@]+@[^\s@]+$/, 'expected an email address')).min(1),
    /** Overrides routing.smtp from collector.yaml. */
    smtp: smtpSchema.optional(),
    activeDuring,
    template: template('email'),
  }).strict().superRefine(checkTemplateOf),
  z.object({
    name: z.string().min(1), type: z.literal('pagerduty'),
    routingKey: secretText,
    url: httpUrl.default('https://events.pagerduty.com/v2/enqueue'),
    activeDuring,
    template: template('pagerduty'),
  }).strict().superRefine(checkTemplateOf),
  // A ticket system (docs/tickets.md): what it needs is declared by its connector.
  z.object({ name: z.string().min(1), type: z.literal('ticket'), ...ticketFields, activeDuring, template: template('ticket') }).strict().superRefine((c, ctx) => {
    checkTemplateOf(c, ctx);
    checkTicketChannel(c, CONNECTORS[c.system], ctx);
  }),
], { error: `expected type to be one of ${CHANNEL_TYPES.join(', ')}` });

export type ChannelConfig = z.infer<typeof channelSchema>;

/** A secret of one channel: a variable or file that cannot be read is a permanent failure of that channel. */
export function channelSecret(channel: string, value: string, env: NodeJS.ProcessEnv = process.env): string {
  try {
    const resolved = resolveSecret(value, env);
    // Both the reference's target and a literal value are kept out of every later log line and error.
    rememberSecret(resolved);
    return resolved;
  } catch (err) {
    throw new NotifyError(channel, (err as Error).message, false);
  }
}

/** True for `env:NAME` and `file:/path`: a pointer to a secret, not a secret. */
export const isSecretReference = (value: string): boolean => REFERENCE.test(value);

/** Resolves an `env:NAME` or `file:/path` reference at send time; other values are literal. */
export function resolveSecret(value: string, env: NodeJS.ProcessEnv = process.env): string {
  const m = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(value);
  if (m) {
    const v = env[m[1]!];
    if (v === undefined || v === '') throw new Error(`environment variable ${m[1]} is not set`);
    return v;
  }
  if (value.startsWith('file:')) {
    const path = value.slice('file:'.length);
    if (!isAbsolute(path)) throw new Error(`secret file ${path} must be an absolute path`);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      throw new Error(`cannot read secret file ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    // Editors and `echo` add a final newline; a secret never ends with one.
    const v = text.replace(/\r?\n$/, '');
    if (v === '') throw new Error(`secret file ${path} is empty`);
    return v;
  }
  return value;
}
