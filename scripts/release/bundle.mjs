// One CommonJS file of the agent (a SEA runs a CJS script with only Node's
// built-ins to require). Per-topic collectors stay behind dynamic import()s,
// which esbuild keeps lazy inside the bundle.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, agentVersion, requireFromRelease } from './targets.mjs';

// esbuild comes from the release package, like the runtimes.
const { build } = requireFromRelease('esbuild');

/** version.ts reads package.json next to it at run time; a single file has none. */
const inlineVersion = (version) => ({
  name: 'inline-agent-version',
  setup(b) {
    b.onLoad({ filter: /[\\/]agent[\\/]src[\\/]version\.ts$/ }, () => ({
      contents: `export const AGENT_VERSION = ${JSON.stringify(version)};`, loader: 'ts',
    }));
  },
});

export async function bundleAgent(outfile) {
  const result = await build({
    entryPoints: [join(ROOT, 'agent', 'src', 'cli.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    // Whitespace and syntax only: V8 keeps the whole source in memory for as
    // long as the agent runs, so a smaller one is a smaller footprint. Names
    // stay (error classes and stack traces read the same as in a checkout).
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    legalComments: 'none',
    // Some packages' ESM builds compute paths from import.meta.url (node-cron's
    // unused background daemon): give them this file's URL.
    define: { 'import.meta.url': '__tandemModuleUrl' },
    banner: { js: "var __tandemModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    // ws loads these native speed-ups if present; the agent ships without them.
    external: ['bufferutil', 'utf-8-validate'],
    plugins: [inlineVersion(agentVersion())],
    metafile: true,
    logLevel: 'warning',
  });
  writeFileSync(outfile, asciiOnly(readFileSync(outfile, 'utf8')));
  return result.metafile;
}

/**
 * esbuild escapes non-ASCII characters in strings but leaves them in regular
 * expression literals (German and French tool messages, box-drawing
 * characters). One such character makes V8 hold the whole bundle as a
 * two-byte string (twice its size, ~3.5 MB, for the life of the process).
 * \uXXXX means the same character in a string, a regular expression, an
 * identifier or a comment, so every UTF-16 unit is escaped.
 */
export function asciiOnly(source) {
  return source.replace(/[\u0080-\uffff]/g, (c, at) => {
    // After a backslash the escape would read as "\\u...", not the character.
    if (source[at - 1] === '\\') throw new Error(`bundle: escaped non-ASCII character at offset ${at}; cannot make it ASCII-only safely`);
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
