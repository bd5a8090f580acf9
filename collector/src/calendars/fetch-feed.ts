// The I/O edge of calendars: reads one feed, bounded in time and size, from
// an http(s) URL or a local file and nowhere else. Errors name what went
// wrong, never the URL (a calendar's private address is a credential).
import { open } from 'node:fs/promises';
import { resolveSecret } from '../notify/channel-config.js';
import type { CalendarSource } from '../routing/ownership-config.js';

export class FeedError extends Error {
  override readonly name = 'FeedError';
}

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  env?: NodeJS.ProcessEnv;
}

const tooLarge = (max: number) => new FeedError(`larger than ${max} bytes`);

/** "calendar.example.com", "file /srv/ooo.ics": where a feed comes from, without its path or query. */
export function feedOrigin(c: Pick<CalendarSource, 'url' | 'file'>, env: NodeJS.ProcessEnv = process.env): string {
  if (c.file) return `file ${c.file}`;
  try {
    return new URL(resolveSecret(c.url!, env)).host;
  } catch {
    return c.url!.startsWith('env:') ? c.url! : 'an invalid URL';
  }
}

export async function fetchFeed(c: Pick<CalendarSource, 'url' | 'file'>, o: FetchOptions): Promise<string> {
  if (c.file) return readFileBounded(c.file, o.maxBytes);
  let url: URL;
  try {
    url = new URL(resolveSecret(c.url!, o.env));
  } catch (err) {
    throw new FeedError(err instanceof TypeError ? 'not a valid URL' : (err as Error).message);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FeedError(`only http(s) URLs and files are read, not ${url.protocol}`);
  const signal = AbortSignal.timeout(o.timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, { signal, headers: { accept: 'text/calendar, */*;q=0.5', 'user-agent': 'tandem-collector' }, redirect: 'follow' });
  } catch (err) {
    const e = err as Error & { cause?: NodeJS.ErrnoException };
    throw new FeedError(e.name === 'TimeoutError' ? `no answer within ${o.timeoutMs} ms` : `connection failed (${e.cause?.code ?? e.name})`);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => {});
    throw new FeedError(`HTTP ${res.status}`);
  }
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (declared > o.maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw tooLarge(o.maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body ?? []) {
      size += chunk.byteLength;
      if (size > o.maxBytes) throw tooLarge(o.maxBytes);
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof FeedError) throw err;
    const e = err as Error;
    throw new FeedError(e.name === 'TimeoutError' || signal.aborted ? `no complete answer within ${o.timeoutMs} ms` : `reading the answer failed (${e.name})`);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readFileBounded(path: string, max: number): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw new FeedError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    const { size, isFile } = await handle.stat().then((s) => ({ size: s.size, isFile: s.isFile() }));
    if (!isFile) throw new FeedError(`${path} is not a file`);
    if (size > max) throw tooLarge(max);
    const buf = Buffer.alloc(Math.min(size, max) + 1);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    if (bytesRead > max) throw tooLarge(max);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}
