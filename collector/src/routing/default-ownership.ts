// The ownership config of a tenant that has none: one owner for everything,
// around the clock, so that no alert reaches nobody.
import type { RoutingSettings } from './config.js';
import { checkOwnership } from './load-ownership.js';
import type { OwnershipConfig } from './ownership-config.js';

export function defaultOwnershipDocument(settings: Pick<RoutingSettings, 'defaultOwner' | 'defaultSla' | 'defaultChannels'>): Record<string, unknown> {
  return {
    teams: { internal: { name: 'internal IT' }, provider: { name: 'provider', channels: settings.defaultChannels } },
    defaults: { owner: settings.defaultOwner, sla: settings.defaultSla },
    lines: [],
  };
}

export function defaultOwnership(settings: Pick<RoutingSettings, 'defaultOwner' | 'defaultSla' | 'defaultChannels'>): OwnershipConfig {
  const parsed = checkOwnership(defaultOwnershipDocument(settings), 'default ownership');
  // collector.yaml was validated already; this cannot fail short of a bug.
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.config;
}
