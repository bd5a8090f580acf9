// Tuning by internal IT: a preview of which open alerts a change would move,
// the change itself (stored as a new ownership version), and the threshold
// changes of every tenant as rules overrides (the rules stage reads them
// through TunedThresholds; a change on any node reaches every node's rules).
import { CollectorError } from '../errors.js';
import { newId } from '../auth/secrets.js';
import type { Bus } from '../bus/index.js';
import type { AlertState } from '../rules/alert-state.js';
import type { RulePack } from '../rules/rule-pack.js';
import { validateOverrides } from '../rules/rule-pack.js';
import type { TunedThresholds } from '../rules/tuned-thresholds.js';
import type { Actor } from './actor.js';
import type { AlertSubjects } from './alert-subjects.js';
import type { AuditAction } from './audit-log.js';
import type { OwnershipVersions } from './ownership-versions.js';
import { withTuningText } from './ownership-text.js';
import type { RoutingStore } from './routing-store.js';
import type { TenantConfigs } from './tenant-configs.js';
import { applyTuning } from './tuning.js';
import type { TuningRequest } from './tuning.js';
import { previewChange } from './tuning-preview.js';
import type { ChangePreview, OpenAlert } from './tuning-preview.js';

export interface TuningServiceOptions {
  routes: RoutingStore;
  configs: TenantConfigs;
  versions: OwnershipVersions;
  subjects: AlertSubjects;
  openAlerts: (tenantId: string) => Promise<AlertState[]>;
  rulePack: () => Promise<RulePack>;
  bus: Bus;
  now: () => number;
}

export class TuningService {
  /** Tuned thresholds for the rules stage: every tenant's, reloaded when an ownership config changes on any node. */
  readonly thresholds: TunedThresholds;

  constructor(private readonly o: TuningServiceOptions) {
    this.thresholds = {
      current: () => this.thresholdOverrides(),
      onChange: (listener) => o.bus.subscribe('config.changed', (e) => {
        if (e.kind === 'ownership') listener();
      }),
    };
  }

  private async proposed(tenantId: string, request: TuningRequest, actor: Actor) {
    const current = await this.o.configs.get(tenantId);
    const result = applyTuning({ document: current.document, config: current.config, request, id: newId('tun'), by: actor.name, at: this.o.now(), rules: (await this.o.rulePack()).rules });
    if (!result.ok) {
      if (result.kind === 'guardrail') throw new CollectorError('COL_ERR_GUARDRAIL', result.message, { statusCode: 403 });
      throw new CollectorError('COL_ERR_BAD_REQUEST', result.problems.join('; '), { statusCode: 400 });
    }
    if (request.action === 'threshold') {
      const problems = await this.checkThreshold(tenantId, result.entry);
      if (problems.length > 0) throw new CollectorError('COL_ERR_BAD_REQUEST', problems.join('; '), { statusCode: 400 });
    }
    const entry = result.config.tuning[0]!;
    const preview = previewChange({
      before: current.config, after: result.config, alerts: await this.openAlertSubjects(tenantId), at: this.o.now(),
      ...(entry.kind === 'threshold' && entry.rule ? { threshold: { rule: entry.rule, match: entry.match } } : {}),
    });
    return { current, result, entry, preview };
  }

  async previewTuning(tenantId: string, request: TuningRequest, actor: Actor): Promise<ChangePreview & { change: string }> {
    const { result, preview } = await this.proposed(tenantId, request, actor);
    return { change: result.summary, ...preview };
  }

  async applyTuning(tenantId: string, request: TuningRequest, actor: Actor): Promise<{ auditId: string; tuningId: string; version: number | null; change: string; preview: ChangePreview }> {
    const { current, result, entry, preview } = await this.proposed(tenantId, request, actor);
    const auditId = await this.o.versions.commit(tenantId, current, actor, {
      document: result.document, text: withTuningText(current.stored?.text ?? null, result.document),
      action: `tuning.${request.action}` as AuditAction, summary: result.summary, before: null, after: result.entry, reverts: null,
    });
    return { auditId, tuningId: entry.id, version: (await this.o.configs.get(tenantId)).version, change: result.summary, preview };
  }

  /** Threshold changes of every tenant, in the shape of collector.yaml's `rules.overrides`. */
  async thresholdOverrides(): Promise<Array<Record<string, unknown>>> {
    const out: Array<Record<string, unknown>> = [];
    for (const { tenantId, document } of await this.o.routes.currentOwnershipDocuments()) {
      const doc = document as { tuning?: Array<Record<string, unknown>> };
      // Oldest first, so a newer change for the same group wins as overrides apply in order.
      for (const t of [...(doc.tuning ?? [])].reverse()) {
        if (t.kind !== 'threshold') continue;
        if (typeof t.until === 'string' && Date.parse(t.until) <= this.o.now()) continue;
        out.push(thresholdOverride(tenantId, t));
      }
    }
    return out;
  }

  private async openAlertSubjects(tenantId: string): Promise<OpenAlert[]> {
    const out: OpenAlert[] = [];
    for (const a of await this.o.openAlerts(tenantId)) out.push({ id: a.id, subject: (await this.o.subjects(a)).subject });
    return out;
  }

  private async checkThreshold(tenantId: string, entry: Record<string, unknown>): Promise<string[]> {
    const pack = await this.o.rulePack();
    const check = validateOverrides([thresholdOverride(tenantId, entry)], pack.rules);
    return check.ok ? [] : check.problems.map((p) => `body: ${p.path.replace(/^overrides\[0\]\./, '')}: ${p.message}`);
  }
}

/** A threshold tuning entry as a rules override for the tenant's device group. */
export function thresholdOverride(tenantId: string, entry: Record<string, unknown>): Record<string, unknown> {
  const match = { ...(entry.match as Record<string, unknown> | undefined), tenant: tenantId };
  return { match, rule: entry.rule, params: entry.params ?? {}, ...(entry.for !== undefined ? { for: typeof entry.for === 'number' ? `${entry.for}m` : entry.for } : {}) };
}
