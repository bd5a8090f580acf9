import type { Topic } from '@tandem/proto';
import type { Collector } from './collector.js';

/**
 * Wraps a topic's collector so its code (and the libraries it pulls in, such
 * as systeminformation) is loaded when the topic first runs, not when the
 * agent starts: `run` idles with only what its own loop needs. Dynamic
 * import() stays lazy in the single-file build too.
 */
function lazy<T extends Topic>(topic: T, load: () => Promise<Collector<T>>): Collector<T> {
  let loaded: Promise<Collector<T>> | undefined;
  return {
    topic,
    async collect(ctx) {
      loaded ??= load().catch((err: unknown) => {
        loaded = undefined; // a failed load (say, a file missing mid-upgrade) is tried again next time
        throw err;
      });
      return (await loaded).collect(ctx);
    },
  };
}

/** The agent's built-in collectors: the only things it ever runs. */
export const COLLECTORS: { [T in Topic]: Collector<T> } = {
  inventory: lazy('inventory', async () => (await import('./inventory/index.js')).inventoryCollector),
  patch: lazy('patch', async () => (await import('./patch/index.js')).patchCollector),
  disk: lazy('disk', async () => (await import('./disk/index.js')).diskCollector),
  backup: lazy('backup', async () => (await import('./backup/index.js')).backupCollector),
  security: lazy('security', async () => (await import('./security/index.js')).securityCollector),
};
