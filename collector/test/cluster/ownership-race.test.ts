// Two nodes storing a change to one tenant's ownership at the same moment:
// one wins, the other is told the config changed meanwhile (409), never a
// storage error.
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/store.js';
import { createInProcessBus } from '../../src/bus/index.js';
import { RoutingEngine } from '../../src/routing/index.js';
import { CollectorError } from '../../src/errors.js';
import { freshDatabase } from '../support/pg-database.js';
import type { TestDatabase } from '../support/pg-database.js';

let db: TestDatabase | null = null;
const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  await db?.drop();
  db = null;
});

const ownership = (owner: string) => `teams:\n  internal:\n    channels: []\n  provider:\n    channels: []\ndefaults: { owner: ${owner} }\n`;

describe('ownership changes on two nodes at once', () => {
  it('one is stored, the other is refused as a conflict', async () => {
    db = await freshDatabase();
    const a = await openPostgresStore(db.url, 4);
    const b = await openPostgresStore(db.url, 4);
    stores.push(a, b);
    await a.createTenant({ id: 'acme', name: 'Acme' });
    const actor = { name: 'noc', role: 'provider-admin' };
    for (let round = 0; round < 5; round++) {
      const nodes = [a, b].map((store) => new RoutingEngine({ store, bus: createInProcessBus(), config: {} }));
      const results = await Promise.allSettled(nodes.map((n, i) => n.replaceOwnership('acme', ownership(i === 0 ? 'internal' : 'provider'), actor)));
      const stored = results.filter((r) => r.status === 'fulfilled');
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(stored.length).toBeGreaterThanOrEqual(1);
      for (const r of refused) {
        expect(r.reason).toBeInstanceOf(CollectorError);
        expect((r.reason as CollectorError).code).toBe('COL_ERR_CONFLICT');
      }
      await Promise.all(nodes.map((n) => n.stop()));
    }
    const versions = await new RoutingEngine({ store: a, bus: createInProcessBus(), config: {} }).versions('acme');
    expect(versions.filter((v) => v.current)).toHaveLength(1);
    expect(versions.map((v) => v.version)).toEqual([...versions.keys()].map((i) => versions.length - i));
  });
});
