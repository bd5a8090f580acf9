// Serves the web UI: one HTML page and its ES modules and stylesheet from
// collector/ui/ (outside src, so the same files serve from src and dist).
// No build step: the files are read once at start and served from memory.
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const UI_DIR = fileURLToPath(new URL('../../ui/', import.meta.url));

/** No inline scripts or styles anywhere: every script and style is a file from this origin. */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface UiOptions {
  /** The sign-in button text for the organization's identity provider; omitted when OIDC is not configured. */
  oidcLabel?: string | null;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export async function registerUi(app: FastifyInstance, options: UiOptions = {}): Promise<void> {
  const template = await readFile(join(UI_DIR, 'index.html'), 'utf8');
  // The page learns about the identity provider from a meta tag: no inline script under this CSP.
  const page = template.replace('<!--oidc-->', options.oidcLabel ? `<meta name="tandem-oidc" content="${escapeAttribute(options.oidcLabel)}">` : '');
  const security = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin' };
  app.get('/', async (_req, reply) => reply
    .headers({ ...security, 'content-security-policy': CONTENT_SECURITY_POLICY, 'cache-control': 'no-cache' })
    .type('text/html; charset=utf-8')
    .send(page));
  // Browsers ask for it on every page; answer without a 404 in their console.
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());

  for (const file of await listFiles(UI_DIR)) {
    const type = TYPES[extname(file)];
    if (!type) continue;
    const body = await readFile(file);
    const path = `/ui/${relative(UI_DIR, file).split(sep).join('/')}`;
    app.get(path, async (_req, reply) => reply.headers({ ...security, 'cache-control': 'no-cache' }).type(type).send(body));
  }
}
