// One CommonJS file of the agent (a SEA runs a CJS script with only Node's
// built-ins to require). Per-topic collectors stay behind dynamic import()s,
// which esbuild keeps lazy inside the bundle.
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
    minify: false,
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
  return result.metafile;
}
