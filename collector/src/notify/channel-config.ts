// Notification channels as an ownership config declares them. Fields that
// carry a credential (webhook URLs with tokens, routing keys, SMTP passwords,
// signing secrets) may be written as `env:NAME` so the stored config holds a
// reference, not the secret itself.
import { NotifyError } from './notify-error.js';
import { z } from 'zod';

const secretText = z.string().min(1, 'expected a non-empty value or env:NAME');
const httpUrl = z.string().regex(/^(https?:\/\/\S+|env:[A-Za-z_][A-Za-z0-9_]*)$/, 'expected an http(s) URL or env:NAME');

export const CHANNEL_TYPES = ['webhook', 'slack', 'teams', 'email', 'pagerduty'] as const;
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

export const channelSchema = z.discriminatedUnion('type', [
  z.object({
    name: z.string().min(1), type: z.literal('webhook'), url: httpUrl,
    /** HMAC-SHA256 over the body, sent as `X-Tandem-Signature: sha256=<hex>`. */
    hmacSecret: secretText.optional(),
    headers: z.record(z.string(), z.string()).optional(),
    activeDuring,
  }).strict(),
  z.object({ name: z.string().min(1), type: z.literal('slack'), url: httpUrl, activeDuring }).strict(),
  z.object({ name: z.string().min(1), type: z.literal('teams'), url: httpUrl, activeDuring }).strict(),
  z.object({
    name: z.string().min(1), type: z.literal('email'),
    to: z.array(z.string().regex(/^[^\s@]+@[^\s@]+$/, 'expected an email address')).min(1),
    /** Overrides routing.smtp from collector.yaml. */
    smtp: smtpSchema.optional(),
    activeDuring,
  }).strict(),
  z.object({
    name: z.string().min(1), type: z.literal('pagerduty'),
    routingKey: secretText,
    url: httpUrl.default('https://events.pagerduty.com/v2/enqueue'),
    activeDuring,
  }).strict(),
], { error: `expected type to be one of ${CHANNEL_TYPES.join(', ')}` });

export type ChannelConfig = z.infer<typeof channelSchema>;

/** Resolves an `env:NAME` reference at send time; other values are literal. */
/** A secret of one channel: a variable that is not set is a permanent failure of that channel. */
export function channelSecret(channel: string, value: string, env: NodeJS.ProcessEnv = process.env): string {
  try {
    return resolveSecret(value, env);
  } catch (err) {
    throw new NotifyError(channel, (err as Error).message, false);
  }
}

export function resolveSecret(value: string, env: NodeJS.ProcessEnv = process.env): string {
  const m = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(value);
  if (!m) return value;
  const v = env[m[1]!];
  if (v === undefined || v === '') throw new Error(`environment variable ${m[1]} is not set`);
  return v;
}
