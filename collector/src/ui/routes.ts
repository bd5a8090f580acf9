import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

// Pages live in collector/ui/ (outside src) so the same files serve from src and dist.
const UI_DIR = new URL('../../ui/', import.meta.url);

export async function registerUi(app: FastifyInstance): Promise<void> {
  const page = await readFile(fileURLToPath(new URL('index.html', UI_DIR)), 'utf8');
  app.get('/', async (_req, reply) => reply
    .header('content-security-policy', "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'")
    .header('x-content-type-options', 'nosniff')
    .type('text/html; charset=utf-8')
    .send(page));
  // Browsers ask for it on every page; answer without a 404 in their console.
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());
  for (const asset of ['app.js', 'app.css']) {
    const body = await readFile(fileURLToPath(new URL(asset, UI_DIR)), 'utf8');
    const type = asset.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8';
    app.get(`/ui/${asset}`, async (_req, reply) => reply.header('x-content-type-options', 'nosniff').type(type).send(body));
  }
}
