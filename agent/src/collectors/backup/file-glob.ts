// A small, bounded glob walker for backup freshness: `*` and `?` within one
// path segment, `**` for any number of folders. Bounded in entries visited
// and depth, so a mistyped `/**` cannot walk a whole disk.
import { readdir, stat } from 'node:fs/promises';
import { join, parse as parsePath, sep } from 'node:path';

export interface GlobLimits {
  maxEntries: number;
  maxDepth: number;
}

export const DEFAULT_GLOB_LIMITS: GlobLimits = { maxEntries: 20_000, maxDepth: 16 };

export interface NewestFile {
  path: string;
  mtimeMs: number;
  size: number;
}

export interface NewestResult {
  newest: NewestFile | null;
  /** Files that matched. */
  matched: number;
  /** True when a limit stopped the walk; `newest` is then the newest seen. */
  truncated: boolean;
  /** The fixed part of the pattern (before the first wildcard), and whether it exists. */
  base: string;
  baseExists: boolean;
}

const GLOB_CHARS = /[*?]/;

/** Splits a pattern into the fixed folder it starts from and the wildcard segments after it. */
export function splitPattern(pattern: string, separator: RegExp = sep === '\\' ? /[\\/]+/ : /\/+/): { base: string; segments: string[] } {
  const root = parsePath(pattern).root;
  const parts = pattern.slice(root.length).split(separator).filter((p) => p.length > 0 && p !== '.');
  const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p));
  const fixed = firstGlob < 0 ? parts : parts.slice(0, firstGlob);
  return { base: join(root || '.', ...fixed) || root, segments: firstGlob < 0 ? [] : parts.slice(firstGlob) };
}

/** One path segment's pattern as a RegExp; `*` and `?` never match a leading dot (as in a shell). */
export function segmentRegExp(segment: string): RegExp {
  let source = '';
  for (const ch of segment) {
    if (ch === '*') source += '[^/\\\\]*';
    else if (ch === '?') source += '[^/\\\\]';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const hidden = segment.startsWith('.') ? '' : '(?!\\.)';
  return new RegExp(`^${hidden}${source}$`, sep === '\\' ? 'i' : '');
}

/** Finds the newest file matching a path, folder (any file under it) or glob. */
export async function findNewestFile(pattern: string, limits: GlobLimits = DEFAULT_GLOB_LIMITS): Promise<NewestResult> {
  const { base, segments } = splitPattern(pattern);
  const result: NewestResult = { newest: null, matched: 0, truncated: false, base, baseExists: false };
  let visited = 0;

  const consider = (path: string, mtimeMs: number, size: number) => {
    result.matched += 1;
    if (!result.newest || mtimeMs > result.newest.mtimeMs) result.newest = { path, mtimeMs, size };
  };

  const budget = (): boolean => {
    visited += 1;
    if (visited > limits.maxEntries) result.truncated = true;
    return !result.truncated;
  };

  const list = async (dir: string) => {
    try {
      return await readdir(dir, { withFileTypes: true });
    } catch {
      return [];
    }
  };

  // A matched folder stands for the newest file anywhere under it. Symlinked
  // folders are not followed, so a link loop cannot trap the walk.
  const everythingUnder = async (dir: string, depth: number): Promise<void> => {
    if (depth > limits.maxDepth) {
      result.truncated = true;
      return;
    }
    for (const entry of await list(dir)) {
      if (!budget()) return;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await everythingUnder(path, depth + 1);
      else await matchedPath(path, depth, false);
    }
  };

  const matchedPath = async (path: string, depth: number, followDirs: boolean): Promise<void> => {
    try {
      const s = await stat(path);
      if (s.isFile()) consider(path, s.mtimeMs, s.size);
      else if (s.isDirectory() && followDirs) await everythingUnder(path, depth + 1);
    } catch {
      // vanished or unreadable between listing and stat: not a match
    }
  };

  const walk = async (dir: string, index: number, depth: number): Promise<void> => {
    if (result.truncated) return;
    if (index === segments.length) {
      await matchedPath(dir, depth, true);
      return;
    }
    if (depth > limits.maxDepth) {
      result.truncated = true;
      return;
    }
    const segment = segments[index] as string;
    if (segment === '**' && index === segments.length - 1) {
      await everythingUnder(dir, depth);
      return;
    }
    if (segment === '**') {
      await walk(dir, index + 1, depth);
      for (const entry of await list(dir)) {
        if (!budget()) return;
        if (entry.isDirectory() && !entry.name.startsWith('.')) await walk(join(dir, entry.name), index, depth + 1);
      }
      return;
    }
    const re = segmentRegExp(segment);
    for (const entry of await list(dir)) {
      if (!budget()) return;
      if (!re.test(entry.name)) continue;
      const path = join(dir, entry.name);
      if (index === segments.length - 1) await matchedPath(path, depth + 1, entry.isDirectory());
      else if (entry.isDirectory() || entry.isSymbolicLink()) await walk(path, index + 1, depth + 1);
    }
  };

  try {
    await stat(base);
    result.baseExists = true;
  } catch {
    return result;
  }
  await walk(base, 0, 0);
  return result;
}
