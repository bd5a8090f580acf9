// What the report routes, the monthly schedule and the CLI ask for: a
// tenant's SLA report for a period, its contract document for a version,
// the diff between two versions, and the coverage forecast. Gathers the
// inputs once and hands them to the pure cores.
import type { Kysely } from 'kysely';
import { CollectorError } from '../errors.js';
import type { Database } from '../store/schema.js';
import type { RoutingEngine } from '../routing/routing-stage.js';
import type { RulePack } from '../rules/rule-pack.js';
import type { ComplianceReportOptions } from '../rules/patch-compliance-report.js';
import { checkOwnership } from '../routing/load-ownership.js';
import { classesFromRules, groupsFromConfig } from '../routing/ownership-matrix.js';
import type { OwnershipConfig, Team } from '../routing/ownership-config.js';
import { TEAMS } from '../routing/ownership-config.js';
import { createExcludedIntervals } from './excluded-intervals.js';
import type { Interval } from './excluded-intervals.js';
import { readReportData } from './report-reader.js';
import { computeSlaReport } from './sla-report.js';
import type { Period, ReportAlert, SlaReport } from './sla-report.js';
import { contractDocument } from '../contract/contract-document.js';
import type { ContractDocument } from '../contract/contract-document.js';
import { contractDiff } from '../contract/contract-diff.js';
import { coverageForecast } from './coverage-forecast.js';
import type { CoverageForecast } from './coverage-forecast.js';

const DAY = 86_400_000;
const MAX_PERIOD_DAYS = 366;
const bad = (m: string) => new CollectorError('COL_ERR_BAD_REQUEST', m, { statusCode: 400 });

/** The calendar month before the one `now` falls in (UTC). */
export function lastMonth(now: number): Period {
  const d = new Date(now);
  return { from: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1), until: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) };
}

/** A month (2026-11), a date (the end date is included) or an ISO time (the end is not). */
function bound(text: string, which: 'from' | 'to'): number {
  if (/^\d{4}-\d{2}$/.test(text)) {
    const [y, m] = text.split('-').map(Number);
    return which === 'from' ? Date.UTC(y!, m! - 1, 1) : Date.UTC(y!, m!, 1);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const at = Date.parse(`${text}T00:00:00Z`);
    return Number.isNaN(at) ? at : which === 'to' ? at + DAY : at;
  }
  return /T/.test(text) ? Date.parse(text) : Number.NaN;
}

export function parsePeriod(from: string | undefined, to: string | undefined): Period {
  if (from === undefined) throw bad('query.from: give the period start (YYYY-MM, YYYY-MM-DD or an ISO time) with query.to');
  const start = bound(from, 'from');
  if (Number.isNaN(start)) throw bad(`query.from: "${from}" is not a month (YYYY-MM), a date (YYYY-MM-DD) or an ISO time`);
  const end = to === undefined ? bound(from, 'to') : bound(to, 'to');
  if (Number.isNaN(end)) throw bad(`query.to: "${to}" is not a month (YYYY-MM), a date (YYYY-MM-DD) or an ISO time`);
  if (end <= start) throw bad(`query.to: the period must end after it starts (${from} … ${to ?? from})`);
  if (end - start > MAX_PERIOD_DAYS * DAY) throw bad(`query.to: a report covers at most ${MAX_PERIOD_DAYS} days`);
  return { from: start, until: end };
}

export interface ReportService {
  slaReport(tenantId: string, period: Period): Promise<SlaReport & { truncated: boolean }>;
  excludedIntervals(tenantId: string, team: Team, period: Period): Promise<Interval[]>;
  contract(tenant: { id: string; name: string }, version: number | null): Promise<ContractDocument>;
  diff(tenant: { id: string; name: string }, from: number, to: number | null): Promise<{ tenantId: string; from: number; to: number | null; changes: string[] }>;
  forecast(tenantId: string, weeks: number): Promise<CoverageForecast>;
}

export function createReportService(options: {
  db: Kysely<Database>; routing: RoutingEngine; rulePack: () => RulePack | Promise<RulePack>;
  /** A rule's settings for a device group with every override in force: the patch compliance limit and backup freshness come from here. */
  ruleSettings: ComplianceReportOptions['ruleSettings'];
  /**
   * The time each alert spent inside maintenance windows covering it, up to
   * `until` (MaintenanceService.coveredTimeOf): it does not count toward the
   * alert's response time, as it does not for the routing engine.
   */
  maintenance?: (tenantId: string, alerts: ReportAlert[], until: number) => Promise<Map<string, Interval[]>>;
  now?: () => number;
}): ReportService {
  const now = options.now ?? Date.now;
  // Imported calendars are applied by tenantConfig, so their away periods are excluded too.
  const ownership = async (tenantId: string): Promise<OwnershipConfig> => (await options.routing.tenantConfig(tenantId)).config;
  const excludedIntervals = createExcludedIntervals({ ownership });
  const classes = async () => classesFromRules((await options.rulePack()).rules);

  async function version(tenant: { id: string; name: string }, v: number | null): Promise<ContractDocument> {
    let config: OwnershipConfig;
    let meta: { version: number | null; versionAt: number | null; versionBy: string | null };
    if (v === null) {
      const current = await options.routing.tenantConfig(tenant.id);
      // The contract is the config as agreed: imported calendars are named, not listed day by day.
      const parsed = current.stored ? checkOwnership(current.stored.document, `ownership v${current.version}`) : null;
      config = parsed?.ok ? parsed.config : current.config;
      meta = { version: current.version, versionAt: current.stored?.createdAt ?? null, versionBy: current.stored?.createdBy ?? null };
    } else {
      const stored = await options.routing.ownershipVersion(tenant.id, v);
      if (!stored) throw new CollectorError('COL_ERR_NOT_FOUND', `ownership version ${v} of tenant ${tenant.id} not found`, { statusCode: 404 });
      const parsed = checkOwnership(stored.document, `ownership v${v}`);
      if (!parsed.ok) throw new CollectorError('COL_ERR_OWNERSHIP_INVALID', `ownership version ${v} no longer loads: ${parsed.problems.join('; ')}`, { statusCode: 422 });
      config = parsed.config;
      meta = { version: v, versionAt: stored.createdAt, versionBy: stored.createdBy };
    }
    return contractDocument({ tenantId: tenant.id, tenantName: tenant.name, ...meta, config, classes: await classes(), at: now() });
  }

  return {
    excludedIntervals,
    async slaReport(tenantId, period) {
      const at = now();
      const data = await readReportData(options.db, tenantId, period, options.ruleSettings, at);
      const excluded = Object.fromEntries(await Promise.all(TEAMS.map(async (t) => [t, await excludedIntervals(tenantId, t, period)] as const))) as Record<Team, Interval[]>;
      const covered = options.maintenance ? await options.maintenance(tenantId, data.alerts, at) : new Map<string, Interval[]>();
      const alerts = data.alerts.map((a) => (covered.has(a.id) ? { ...a, maintenance: covered.get(a.id)! } : a));
      return { ...computeSlaReport({ tenantId, period, now: at, alerts, devices: data.devices, patch: data.patch, excluded }), truncated: data.truncated };
    },
    contract: version,
    async diff(tenant, from, to) {
      const [a, b] = await Promise.all([version(tenant, from), version(tenant, to)]);
      return { tenantId: tenant.id, from, to: b.version, changes: contractDiff(a, b) };
    },
    async forecast(tenantId, weeks) {
      const { config } = await options.routing.tenantConfig(tenantId);
      return coverageForecast(config, await classes(), groupsFromConfig(config), now(), weeks);
    },
  };
}
