// The `auth:` section of collector.yaml: sessions, sign-in limits and the
// organization's OpenID Connect provider.
import { z } from 'zod';

const httpsOrLoopback = z.string().url().refine((text) => {
  const u = new URL(text);
  return u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname));
}, 'expected an https:// URL (http:// only on a loopback address)');

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

export const oidcConfigSchema = z.object({
  /** Issuer URL; discovery reads `<issuer>/.well-known/openid-configuration`. */
  issuer: httpsOrLoopback,
  clientId: z.string().min(1),
  /** The secret itself, or a file holding it (keeps it out of the config file). */
  clientSecret: z.string().min(1).optional(),
  clientSecretFile: z.string().min(1).optional(),
  /** Must match the redirect URI registered at the provider: `<publicUrl>/auth/oidc/callback`. */
  redirectUri: httpsOrLoopback,
  scopes: z.array(z.string().min(1)).min(1).default(['openid', 'email', 'profile']),
  /**
   * Map on the email claim only when the provider says it is verified
   * (`email_verified: true`). Turn off only for a provider whose directory
   * owns the email domain (e.g. a single-tenant Entra ID app).
   */
  requireVerifiedEmail: z.boolean().default(true),
  /** Button text on the sign-in page. */
  label: z.string().min(1).max(100).default('Sign in with your organization'),
}).strict().refine((o) => (o.clientSecret === undefined) !== (o.clientSecretFile === undefined), {
  message: 'give either clientSecret or clientSecretFile',
  path: ['clientSecret'],
});

export const authConfigSchema = z.object({
  sessions: z.object({
    /** A session unused this long is over. */
    idleMinutes: z.number().int().min(1).max(7 * 24 * 60).default(60),
    /** A session ends this long after sign-in, however active. */
    absoluteHours: z.number().int().min(1).max(30 * 24).default(12),
  }).strict().default({ idleMinutes: 60, absoluteHours: 12 }),
  signIn: z.object({
    /** Local password sign-in; off when everyone signs in through OIDC. */
    localPasswords: z.boolean().default(true),
    /** Failed sign-ins per source address per 15 minutes before 429. */
    maxFailuresPerAddress: z.number().int().min(1).default(20),
    /** Failed sign-ins per account per 15 minutes before 429 (from any address). */
    maxFailuresPerAccount: z.number().int().min(1).default(10),
  }).strict().default({ localPasswords: true, maxFailuresPerAddress: 20, maxFailuresPerAccount: 10 }),
  oidc: oidcConfigSchema.optional(),
}).strict();

export type AuthConfig = z.infer<typeof authConfigSchema>;
export type OidcConfig = z.infer<typeof oidcConfigSchema>;
