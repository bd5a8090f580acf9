// Each tenant's ownership config in force, read once and kept until it
// changes (on this node or, announced on the bus, on another).
import type { RoutingSettings } from './config.js';
import { defaultOwnership, defaultOwnershipDocument } from './default-ownership.js';
import { checkOwnership } from './load-ownership.js';
import type { OwnershipConfig } from './ownership-config.js';
import type { RoutingStore, StoredOwnership } from './routing-store.js';
import type { RoutingLogger } from './routing-logger.js';

export interface TenantConfig {
  config: OwnershipConfig;
  version: number | null;
  document: Record<string, unknown>;
  stored: StoredOwnership | null;
}

export class TenantConfigs {
  readonly defaults: OwnershipConfig;
  private readonly cache = new Map<string, TenantConfig>();

  constructor(
    private readonly routes: RoutingStore,
    private readonly settings: RoutingSettings,
    private readonly log: RoutingLogger,
    /** Imported calendars (src/calendars), merged into each tenant's config. */
    private readonly calendars?: { apply(tenantId: string, config: OwnershipConfig): OwnershipConfig },
  ) {
    this.defaults = defaultOwnership(settings);
  }

  async get(tenantId: string): Promise<TenantConfig> {
    const cached = this.cache.get(tenantId);
    if (cached) return cached;
    const stored = await this.routes.currentOwnership(tenantId);
    let entry: TenantConfig = { config: this.defaults, version: null, document: defaultOwnershipDocument(this.settings), stored: null };
    if (stored) {
      const parsed = checkOwnership(stored.document, `stored ownership v${stored.version}`);
      if (parsed.ok) entry = { config: parsed.config, version: stored.version, document: stored.document, stored };
      // A stored config that no longer loads (a newer validation) must not leave alerts without an owner.
      else this.log.error({ tenantId, problems: parsed.problems }, 'stored ownership config no longer loads; using the default');
    }
    if (this.calendars) entry = { ...entry, config: this.calendars.apply(tenantId, entry.config) };
    this.cache.set(tenantId, entry);
    return entry;
  }

  /** The tenant's config changed (null: every tenant's, e.g. imported calendars refreshed): the next `get` reads it again. */
  forget(tenantId: string | null): void {
    if (tenantId === null) this.cache.clear();
    else this.cache.delete(tenantId);
  }
}
