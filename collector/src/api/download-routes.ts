// Serves the agent's release files (executables, packages, install scripts)
// to endpoints and install scripts: GET /downloads/<file> and
// /downloads/SHA256SUMS. Unauthenticated on purpose: the files carry no
// secret, and a machine being installed has no credential yet. Only files
// listed in the folder's SHA256SUMS are served, each with its checksum in a
// header, so nothing else in that folder (or outside it) can be reached.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { CollectorError } from '../errors.js';

export const DOWNLOADS_PATH = '/downloads';
export const CHECKSUM_HEADER = 'x-checksum-sha256';
const SUMS_FILE = 'SHA256SUMS';

/** $TANDEM_DOWNLOADS_DIR, else dist/release of the repository this collector runs from. */
export function downloadsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TANDEM_DOWNLOADS_DIR
    ? resolve(env.TANDEM_DOWNLOADS_DIR)
    : fileURLToPath(new URL('../../../dist/release/', import.meta.url));
}

/** `sha256sum` lines ("<hex>  <name>" or "<hex> *<name>") → name → hex. */
export function parseSha256Sums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.trim());
    if (m && !m[2]!.includes('/') && !m[2]!.includes('\\')) sums.set(m[2]!, m[1]!);
  }
  return sums;
}

const TYPES: Record<string, string> = {
  '.sh': 'text/x-shellscript; charset=utf-8',
  '.ps1': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

export function registerDownloadRoutes(app: FastifyInstance, options: { dir: string }): void {
  const notFound = (name: string) => new CollectorError('COL_ERR_NOT_FOUND', `no download named "${name}"`, { statusCode: 404 });
  const readSums = async (): Promise<string | null> => readFile(join(options.dir, SUMS_FILE), 'utf8').catch(() => null);

  app.get(`${DOWNLOADS_PATH}/${SUMS_FILE}`, async (_req, reply) => {
    const text = await readSums();
    if (text === null) throw notFound(SUMS_FILE);
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-cache').send(text);
  });

  app.get<{ Params: { file: string } }>(`${DOWNLOADS_PATH}/:file`, async (req, reply) => {
    const name = req.params.file;
    // Read at each request, so a new release in the folder is served without a restart.
    const sha256 = parseSha256Sums((await readSums()) ?? '').get(name);
    if (!sha256) throw notFound(name);
    const file = join(options.dir, name);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw notFound(name);
    const ext = name.slice(name.lastIndexOf('.'));
    return reply
      .type(TYPES[ext] ?? 'application/octet-stream')
      .headers({
        [CHECKSUM_HEADER]: sha256,
        'content-length': String(info.size),
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      })
      .send(createReadStream(file));
  });
}
