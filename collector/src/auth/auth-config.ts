// The `auth:` section of collector.yaml: sessions, sign-in limits and the
// organization's OpenID Connect provider.
import { isIP } from 'node:net';
import { z } from 'zod';

/** An address or CIDR block of a proxy whose X-Forwarded-For is believed. */
const proxyAddress = z.string().refine((v) => {
  const [addr, bits, ...rest] = v.split('/');
  if (rest.length > 0 || !addr) return false;
  const family = isIP(addr);
  if (family === 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
}, 'expected an IP address or CIDR block like 10.0.0.0/8');
export const trustProxySchema = z.array(proxyAddress);

export const hstsSchema = z.union([
  z.literal(false),
  z.object({
    maxAgeSeconds: z.number().int().min(0).max(63_072_000).default(15_552_000),
    includeSubDomains: z.boolean().default(false),
  }).strict(),
]);
export type HstsConfig = z.infer<typeof hstsSchema>;

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
    /**
     * Failed sign-ins per source address per 15 minutes (to any account)
     * before its sign-ins get 429. Accounts that signed in from the address
     * before are not held up by this.
     */
    maxFailuresPerAddress: z.number().int().min(1).default(20),
    /**
     * Failed sign-ins to one account from one address before each further
     * attempt waits, the wait doubling per failure (1 s up to 15 min). There
     * is no account-wide lock: nobody can lock a person out by knowing their email.
     */
    maxFailuresPerAccount: z.number().int().min(1).default(10),
    /** Password checks run at once for sign-ins; more wait in a short queue, fairly shared between addresses. */
    concurrentPasswordChecks: z.number().int().min(1).max(16).default(2),
  }).strict().default({ localPasswords: true, maxFailuresPerAddress: 20, maxFailuresPerAccount: 10, concurrentPasswordChecks: 2 }),
  oidc: oidcConfigSchema.optional(),
}).strict();

export type AuthConfig = z.infer<typeof authConfigSchema>;
export type OidcConfig = z.infer<typeof oidcConfigSchema>;
