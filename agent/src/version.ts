import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** The agent's version, from its package.json (one source of truth). */
export const AGENT_VERSION: string = (require('../package.json') as { version: string }).version;
