// The report's thin store edge: one period's fired alerts with their history
// and routing decisions, and the tenant's devices as the latest snapshots
// show them, with the rule settings that apply to each device's group. Everything is scoped to one tenant; the caller has checked that
// the requester may see it.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { ALL_TENANTS } from '../store/store.js';
import { parseDuration } from '../rules/duration.js';
import { assessDevices, readStoredDevices } from '../rules/patch-compliance-report.js';
import type { ComplianceReportOptions, DeviceCompliance } from '../rules/patch-compliance-report.js';
import type { Period, ReportAlert, ReportDevice } from './sla-report.js';

type RuleSettings = ComplianceReportOptions['ruleSettings'];

/** The rule whose warning threshold says how recent a backup must be to count. */
export const BACKUP_STALE_RULE = 'backup-stale';

/** Ids per statement, far below any backend's limit on bound values. */
const CHUNK = 500;
/** A month of a large tenant; beyond this the report says it is partial rather than exhausting memory. */
export const MAX_REPORT_ALERTS = 50_000;

export interface ReportData {
  alerts: ReportAlert[];
  devices: ReportDevice[];
  /** Each device's patch compliance at the time the report is made. */
  patch: DeviceCompliance[];
  /** true when the period held more than MAX_REPORT_ALERTS alerts and only the first were read. */
  truncated: boolean;
}

export async function readReportData(db: Kysely<Database>, tenantId: string, period: Period, ruleSettings: RuleSettings, now: number): Promise<ReportData> {
  const rows = await db.selectFrom('alerts').select(['id', 'device_id', 'rule_id', 'category', 'severity', 'fired_at'])
    .where('tenant_id', '=', tenantId).where('fired_at', '>=', period.from).where('fired_at', '<', period.until)
    .orderBy('fired_at').orderBy('id').limit(MAX_REPORT_ALERTS + 1).execute();
  const truncated = rows.length > MAX_REPORT_ALERTS;
  const alerts = new Map<string, ReportAlert>(rows.slice(0, MAX_REPORT_ALERTS).map((r) => [r.id, {
    id: r.id, deviceId: r.device_id, ruleId: r.rule_id, category: r.category, severity: r.severity, firedAt: Number(r.fired_at), history: [], decisions: [],
  }]));
  const ids = [...alerts.keys()];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    const [history, decisions] = await Promise.all([
      db.selectFrom('alert_history').select(['alert_id', 'at', 'to_state']).where('alert_id', 'in', part).orderBy('alert_id').orderBy('seq').execute(),
      db.selectFrom('alert_route_decisions').select(['alert_id', 'at', 'reason', 'owner', 'sla_minutes']).where('alert_id', 'in', part).orderBy('alert_id').orderBy('seq').execute(),
    ]);
    for (const h of history) alerts.get(h.alert_id)?.history.push({ at: Number(h.at), to: h.to_state });
    for (const d of decisions) alerts.get(d.alert_id)?.decisions.push({ at: Number(d.at), reason: d.reason, owner: d.owner, slaMinutes: Number(d.sla_minutes) });
  }
  return { alerts: [...alerts.values()], ...(await readDevices(db, tenantId, ruleSettings, now)), truncated };
}

/**
 * The tenant's devices, read once: each one's patch compliance as the
 * compliance API computes it (same rule settings, first-seen times and
 * unknown handling), and its backup jobs with the backup-stale rule's
 * warning threshold for its group.
 */
async function readDevices(db: Kysely<Database>, tenantId: string, ruleSettings: RuleSettings, now: number): Promise<Pick<ReportData, 'devices' | 'patch'>> {
  const stored = await readStoredDevices(db, ALL_TENANTS, tenantId);
  const devices = stored.map((d): ReportDevice => {
    const backup = d.snapshot?.backup;
    const rule = ruleSettings(BACKUP_STALE_RULE, d.labels);
    const warnAfter = rule?.enabled && typeof rule.params.warnAfter === 'string' ? parseDuration(rule.params.warnAfter) : null;
    return {
      id: d.id, hostname: d.hostname,
      backups: backup?.state === 'ok' ? backup.jobs.map((j) => ({ name: `${j.provider}/${j.name}`, lastSuccessAt: j.lastSuccessAt === null ? null : Date.parse(j.lastSuccessAt) })) : [],
      backupFreshHours: warnAfter === null ? null : warnAfter / 3_600_000,
    };
  });
  return { devices, patch: assessDevices(stored, ruleSettings, now) };
}
