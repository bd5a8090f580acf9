import type { Topic } from '@tandem/proto';
import type { Collector } from './collector.js';
import { inventoryCollector } from './inventory/index.js';
import { patchCollector } from './patch/index.js';
import { diskCollector } from './disk/index.js';
import { backupCollector } from './backup/index.js';
import { securityCollector } from './security/index.js';

/** The agent's built-in collectors: the only things it ever runs. */
export const COLLECTORS: { [T in Topic]: Collector<T> } = {
  inventory: inventoryCollector,
  patch: patchCollector,
  disk: diskCollector,
  backup: backupCollector,
  security: securityCollector,
};
