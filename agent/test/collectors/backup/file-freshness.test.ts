import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileFreshnessProvider } from '../../../src/collectors/backup/file-freshness.js';
import { findNewestFile, segmentRegExp, splitPattern } from '../../../src/collectors/backup/file-glob.js';
import { fakeContext, fakeRun } from './fake-context.js';

const NOW = new Date('2026-11-28T12:00:00Z');

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tandem-fresh-'));
  for (const [path, iso] of Object.entries(files)) {
    const file = join(root, path);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, path.endsWith('.empty') ? '' : 'backup');
    utimesSync(file, new Date(iso), new Date(iso));
  }
  return root;
}

const ctx = (root: string) => fakeContext(fakeRun({}), root, NOW);

describe('file-glob', () => {
  it('splits the fixed base from the wildcard part', () => {
    expect(splitPattern('/srv/backup/**/*.tar.gz')).toEqual({ base: '/srv/backup', segments: ['**', '*.tar.gz'] });
    expect(splitPattern('/srv/backup/db.sql')).toEqual({ base: '/srv/backup/db.sql', segments: [] });
  });

  it('matches * and ? within one segment, not a leading dot', () => {
    expect(segmentRegExp('db-??.sql').test('db-01.sql')).toBe(true);
    expect(segmentRegExp('db-??.sql').test('db-1.sql')).toBe(false);
    expect(segmentRegExp('*.tar.gz').test('.partial.tar.gz')).toBe(false);
    expect(segmentRegExp('.*').test('.hidden')).toBe(true);
    expect(segmentRegExp('a+b(1).zip').test('a+b(1).zip')).toBe(true);
  });

  it('stops at the entry limit and says so', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`d/f${i}.bak`] = '2026-11-20T00:00:00Z';
    const root = tree(files);
    const r = await findNewestFile(join(root, 'd', '*.bak'), { maxEntries: 10, maxDepth: 5 });
    expect(r.truncated).toBe(true);
    expect(r.matched).toBeLessThanOrEqual(10);
  });

  it('stops at the depth limit', async () => {
    const root = tree({ 'a/b/c/d/e/deep.bak': '2026-11-27T00:00:00Z', 'a/top.bak': '2026-11-01T00:00:00Z' });
    const r = await findNewestFile(join(root, '**', '*.bak'), { maxEntries: 1000, maxDepth: 2 });
    expect(r.newest?.path).toBe(join(root, 'a', 'top.bak'));
    expect(r.truncated).toBe(true);
  });
});

describe('fileFreshnessProvider', () => {
  it('takes the newest file under a folder, recursively', async () => {
    const root = tree({
      'nightly/2026-11-26.tar.gz': '2026-11-26T03:00:00Z',
      'nightly/old/2026-11-01.tar.gz': '2026-11-01T03:00:00Z',
      'nightly/2026-11-27.tar.gz': '2026-11-27T03:10:00Z',
    });
    const [job] = await fileFreshnessProvider({ type: 'file-freshness', name: 'nightly', path: join(root, 'nightly') }, ctx(root));
    expect(job).toEqual({
      provider: 'file-freshness', name: 'nightly', lastSuccessAt: '2026-11-27T03:10:00.000Z', lastAttemptAt: null,
      lastResult: 'success', detail: `newest ${join(root, 'nightly', '2026-11-27.tar.gz')}, 32 h 50 min old`,
    });
  });

  it('matches a ** glob and ignores files that do not match', async () => {
    const root = tree({
      'hosts/web01/db-2026-11-27.sql.gz': '2026-11-27T01:00:00Z',
      'hosts/web02/sub/db-2026-11-28.sql.gz': '2026-11-28T01:00:00Z',
      'hosts/web02/sub/notes.txt': '2026-11-28T11:00:00Z',
      'hosts/db-top.sql.gz': '2026-11-20T01:00:00Z',
    });
    const [job] = await fileFreshnessProvider({ type: 'file-freshness', path: join(root, 'hosts', '**', 'db-*.sql.gz') }, ctx(root));
    expect(job?.name).toBe('file-freshness');
    expect(job?.lastSuccessAt).toBe('2026-11-28T01:00:00.000Z');
    expect(job?.detail).toBe(`newest ${join(root, 'hosts', 'web02', 'sub', 'db-2026-11-28.sql.gz')}, 11 h 0 min old`);
  });

  it('reads a single file and notes when it is empty', async () => {
    const root = tree({ 'dump.sql.empty': '2026-11-25T12:00:00Z' });
    const [job] = await fileFreshnessProvider({ type: 'file-freshness', path: join(root, 'dump.sql.empty') }, ctx(root));
    expect(job?.detail).toBe(`newest ${join(root, 'dump.sql.empty')}, 3 d 0 h old (empty file)`);
  });

  it('is unknown with a reason when the path does not exist', async () => {
    const root = tree({});
    const [job] = await fileFreshnessProvider({ type: 'file-freshness', path: join(root, 'missing', '*.tar') }, ctx(root));
    expect(job).toMatchObject({ lastResult: 'unknown', lastSuccessAt: null, detail: `${join(root, 'missing')} does not exist or is not readable` });
  });

  it('is unknown with a reason when nothing matches', async () => {
    const root = tree({ 'b/readme.txt': '2026-11-27T00:00:00Z' });
    const [job] = await fileFreshnessProvider({ type: 'file-freshness', path: join(root, 'b', '*.tar') }, ctx(root));
    expect(job).toMatchObject({ lastResult: 'unknown', detail: `no file matches ${join(root, 'b', '*.tar')}` });
  });
});
