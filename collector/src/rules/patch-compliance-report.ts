// Which devices of a tenant are out of patch compliance and since when: the
// stored latest snapshots and update first-seen times, read through the
// compliance clock (patch-compliance.ts) with the threshold each device is
// held to (the patch-compliance rule's maxAge after every override). Reads
// only; tenant scope is part of the query.
import type { Kysely } from 'kysely';
import type { Snapshot } from '@tandem/proto';
import type { Database } from '../store/schema.js';
import type { TenantScope } from '../store/store.js';
import { parseDuration } from './duration.js';
import { roleOf } from './facts.js';
import type { DeviceLabels } from './facts.js';
import type { ResolvedRule } from './compile-rules.js';
import { patchCompliance } from './patch-compliance.js';

export const PATCH_COMPLIANCE_RULE = 'patch-compliance';

const DAY_MS = 86_400_000;
/** Bound values per statement, well below SQLite's and PostgreSQL's limits. */
const CHUNK = 500;

export interface DeviceCompliance {
  deviceId: string;
  tenantId: string;
  hostname: string;
  /** true / false; null when it cannot be said (patch status unknown, rule not in force). */
  compliant: boolean | null;
  reason: string | null;
  /** The limit this device is held to, in days (per tenant and device group). */
  maxAgeDays: number | null;
  securityPendingCount: number | null;
  oldestUpdate: string | null;
  /** ISO: when the oldest pending security update was first seen. */
  securityPendingSince: string | null;
  /** ISO: when that update passed the limit; null while compliant. */
  outOfComplianceSince: string | null;
  /** Whole days past the limit; 0 while compliant. */
  daysOver: number | null;
}

export interface ComplianceReportOptions {
  db: Kysely<Database>;
  /** The patch-compliance rule as it applies to a device group, or null when the pack lacks it. */
  ruleSettings: (ruleId: string, labels: DeviceLabels) => ResolvedRule | null;
}

/** A device as the compliance figures read it: labels for the rule settings, latest snapshot, update first-seen times. */
export interface StoredDevice {
  id: string;
  tenantId: string;
  hostname: string;
  labels: DeviceLabels;
  snapshot: Snapshot | null;
  firstSeen: ReadonlyMap<string, number>;
}

/** The devices in scope (one tenant, or all the scope allows when tenantId is null), not revoked, by tenant and hostname. */
export async function readStoredDevices(db: Kysely<Database>, scope: TenantScope, tenantId: string | null): Promise<StoredDevice[]> {
  let q = db.selectFrom('devices')
    .select(['id', 'tenant_id', 'hostname', 'os', 'site', 'tags', 'latest_snapshot'])
    .where('revoked_at', 'is', null);
  if (!scope.all) q = q.where('tenant_id', 'in', scope.tenantIds.length > 0 ? scope.tenantIds : ['']);
  if (tenantId !== null) q = q.where('tenant_id', '=', tenantId);
  const devices = await q.orderBy('tenant_id').orderBy('hostname').orderBy('id').execute();

  const seen = new Map<string, Map<string, number>>();
  for (let i = 0; i < devices.length; i += CHUNK) {
    const ids = devices.slice(i, i + CHUNK).map((d) => d.id);
    const rows = await db.selectFrom('device_update_seen').select(['device_id', 'name', 'first_seen_at']).where('device_id', 'in', ids).execute();
    for (const r of rows) {
      let m = seen.get(r.device_id);
      if (!m) seen.set(r.device_id, (m = new Map()));
      m.set(r.name, Number(r.first_seen_at));
    }
  }

  return devices.map((d) => {
    const snapshot = d.latest_snapshot ? (JSON.parse(d.latest_snapshot) as Snapshot) : null;
    return {
      id: d.id, tenantId: d.tenant_id, hostname: snapshot?.inventory?.hostname ?? d.hostname, snapshot, firstSeen: seen.get(d.id) ?? new Map(),
      labels: { tenant: d.tenant_id, site: d.site, tags: JSON.parse(d.tags) as string[], os: snapshot?.inventory?.os ?? d.os, role: roleOf(snapshot) },
    };
  });
}

/** Each device's standing under the patch-compliance rule as it applies to the device's group; pure. */
export function assessDevices(devices: readonly StoredDevice[], ruleSettings: ComplianceReportOptions['ruleSettings'], now: number): DeviceCompliance[] {
  return devices.map((d) => assess(d, d.snapshot, d.firstSeen, ruleSettings(PATCH_COMPLIANCE_RULE, d.labels), now));
}

export async function patchComplianceReport(options: ComplianceReportOptions, scope: TenantScope, tenantId: string | null, now: number): Promise<DeviceCompliance[]> {
  return assessDevices(await readStoredDevices(options.db, scope, tenantId), options.ruleSettings, now);
}

/** One device's standing; pure. */
export function assess(
  device: { id: string; tenantId: string; hostname: string }, snapshot: Snapshot | null, firstSeen: ReadonlyMap<string, number>,
  rule: ResolvedRule | null, now: number,
): DeviceCompliance {
  const c = patchCompliance(snapshot?.patch ?? null, firstSeen, now);
  const maxAgeMs = rule ? parseDuration(rule.params.maxAge) : null;
  const base = {
    deviceId: device.id, tenantId: device.tenantId, hostname: device.hostname,
    maxAgeDays: maxAgeMs === null ? null : maxAgeMs / DAY_MS,
    securityPendingCount: c.securityPendingCount, oldestUpdate: c.oldestUpdate,
    securityPendingSince: c.securityPendingSince === null ? null : new Date(c.securityPendingSince).toISOString(),
  };
  const unknown = (reason: string): DeviceCompliance => ({ ...base, compliant: null, reason, outOfComplianceSince: null, daysOver: null });
  if (!rule || !rule.enabled || maxAgeMs === null) return unknown(`the ${PATCH_COMPLIANCE_RULE} rule is not in force for this device`);
  if (!snapshot?.patch) return unknown('no patch status reported yet');
  if (snapshot.patch.state !== 'ok') return unknown(`patch status unknown: ${snapshot.patch.reason ?? 'no reason given'}`);
  if (c.securityPendingSince === null || now - c.securityPendingSince <= maxAgeMs) {
    return { ...base, compliant: true, reason: null, outOfComplianceSince: null, daysOver: 0 };
  }
  const over = c.securityPendingSince + maxAgeMs;
  return {
    ...base, compliant: false,
    reason: `${c.oldestUpdate ?? 'a security update'} has been pending longer than ${maxAgeMs / DAY_MS} days`,
    outOfComplianceSince: new Date(over).toISOString(), daysOver: Math.floor((now - over) / DAY_MS),
  };
}
