// The matrix: who owns which class of alert for each of a tenant's device
// groups, hour by hour, with the gaps where nobody does.
import type { DeviceRecord } from '../store/store.js';
import { roleOf } from '../rules/facts.js';
import type { RulePack } from '../rules/rule-pack.js';
import { coverageGaps, markGaps } from './coverage-gaps.js';
import type { CoverageGap } from './coverage-gaps.js';
import { classesFromRules, groupName, groupsFromConfig, ownershipMatrix } from './ownership-matrix.js';
import type { DeviceGroup, MatrixRow } from './ownership-matrix.js';
import type { OwnershipConfig } from './ownership-config.js';
import type { TenantConfigs } from './tenant-configs.js';

export interface MatrixServiceOptions {
  configs: TenantConfigs;
  rulePack: () => Promise<RulePack>;
  /** Coverage warnings from imported calendars (a feed that fails). */
  calendarWarnings?: (tenantId: string, config: OwnershipConfig) => CoverageGap[];
  /** The tenant's devices (the store's device list). */
  devices: (tenantId: string) => Promise<DeviceRecord[]>;
  now: () => number;
}

export class MatrixService {
  constructor(private readonly o: MatrixServiceOptions) {}

  async matrix(tenantId: string, days = 28): Promise<{ version: number | null; groups: DeviceGroup[]; rows: MatrixRow[]; gaps: Array<Omit<CoverageGap, 'affected'>> }> {
    const { config, version } = await this.o.configs.get(tenantId);
    const classes = classesFromRules((await this.o.rulePack()).rules);
    const groups = await this.deviceGroups(tenantId, config);
    const at = this.o.now();
    const gaps = [...coverageGaps(config, classes, groups, at, days), ...(this.o.calendarWarnings?.(tenantId, config) ?? [])];
    // Rows carry their gaps; a gap lists a few examples only, as one gap per time window would repeat every row.
    return { version, groups, rows: markGaps(ownershipMatrix(config, classes, groups, at), gaps), gaps: gaps.map(({ affected: _all, ...g }) => g) };
  }

  /** The tenant's devices grouped by the labels routing matches on. */
  private async deviceGroups(tenantId: string, config: OwnershipConfig): Promise<DeviceGroup[]> {
    const devices = await this.o.devices(tenantId);
    if (devices.length === 0) return groupsFromConfig(config);
    const groups = new Map<string, DeviceGroup>();
    for (const d of devices) {
      const g = { site: d.site, role: roleOf(d.status), os: d.status?.inventory?.os ?? d.os, tags: [...d.tags].sort() };
      const name = groupName(g);
      const existing = groups.get(name);
      if (existing) existing.devices = (existing.devices ?? 0) + 1;
      else groups.set(name, { name, ...g, devices: 1 });
    }
    return [...groups.values()].slice(0, 100);
  }
}
