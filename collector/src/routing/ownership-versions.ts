// Ownership versions: each tenant's config as people read, replace and
// revert it. Every change is a new stored version with its audit entry,
// refused when another change got in first; `afterChange` then re-routes and
// tells the other nodes.
import { stringify as toYaml } from 'yaml';
import { CollectorError } from '../errors.js';
import { newId } from '../auth/secrets.js';
import type { Actor } from './actor.js';
import { sideOf } from './actor.js';
import { appendAudit } from './audit-log.js';
import type { AuditAction, AuditEntry } from './audit-log.js';
import type { RoutingSettings } from './config.js';
import { defaultOwnershipDocument } from './default-ownership.js';
import { checkOwnership, parseOwnership } from './load-ownership.js';
import { withTuningText } from './ownership-text.js';
import { removeTuning } from './tuning.js';
import type { RoutingStore, StoredOwnership } from './routing-store.js';
import type { RoutingLogger } from './routing-logger.js';
import type { TenantConfig, TenantConfigs } from './tenant-configs.js';

export interface OwnershipView {
  tenantId: string;
  /** null: no config stored; the default applies. */
  version: number | null;
  source: 'stored' | 'default';
  updatedAt: number | null;
  updatedBy: string | null;
  document: Record<string, unknown>;
  text: string;
}

/** One change to store: the new document and text, and what the audit log says about it. */
export interface OwnershipChange {
  document: Record<string, unknown>;
  text: string;
  action: AuditAction;
  summary: string;
  before: unknown;
  after: unknown;
  reverts: string | null;
}

export interface OwnershipVersionsOptions {
  routes: RoutingStore;
  configs: TenantConfigs;
  settings: RoutingSettings;
  log: RoutingLogger;
  now: () => number;
  /** Runs after every stored change (re-routing, telling other nodes). */
  afterChange: (tenantId: string) => Promise<void>;
}

const conflict = (m: string) => new CollectorError('COL_ERR_CONFLICT', m, { statusCode: 409 });
const notFound = (m: string) => new CollectorError('COL_ERR_NOT_FOUND', m, { statusCode: 404 });

export class OwnershipVersions {
  constructor(private readonly o: OwnershipVersionsOptions) {}

  async ownership(tenantId: string): Promise<OwnershipView> {
    const c = await this.o.configs.get(tenantId);
    return {
      tenantId, version: c.version, source: c.stored ? 'stored' : 'default', updatedAt: c.stored?.createdAt ?? null, updatedBy: c.stored?.createdBy ?? null,
      document: c.document, text: c.stored?.text ?? toYaml(c.document),
    };
  }

  versions(tenantId: string) {
    return this.o.routes.ownershipVersions(tenantId);
  }

  ownershipVersion(tenantId: string, version: number): Promise<StoredOwnership | null> {
    return this.o.routes.ownershipVersion(tenantId, version);
  }

  audit(tenantId: string, page: { limit: number; offset: number }): Promise<AuditEntry[]> {
    return this.o.routes.audit(tenantId, page);
  }

  /** Replaces the tenant's config (provider). A body without `tuning` keeps internal IT's tuning. */
  async replaceOwnership(tenantId: string, body: unknown, actor: Actor): Promise<{ ok: true; view: OwnershipView; auditId: string } | { ok: false; problems: string[] }> {
    const isText = typeof body === 'string';
    const parsed = isText ? parseOwnership(body, 'body') : checkOwnership(body, 'body');
    if (!parsed.ok) return parsed;
    const current = await this.o.configs.get(tenantId);
    let document = parsed.document;
    let text = isText ? body : toYaml(document);
    if (!('tuning' in document) && Array.isArray(current.document.tuning) && current.document.tuning.length > 0) {
      document = { ...document, tuning: current.document.tuning };
      text = isText ? withTuningText(body, document) : toYaml(document);
    }
    const recheck = checkOwnership(document, 'body');
    if (!recheck.ok) return recheck;
    const id = await this.commit(tenantId, current, actor, {
      document, text, action: 'ownership.replace', summary: 'replaced the ownership config', before: current.stored ? current.document : null, after: document, reverts: null,
    });
    return { ok: true, view: await this.ownership(tenantId), auditId: id };
  }

  async revert(tenantId: string, auditId: string, actor: Actor): Promise<{ auditId: string; version: number | null }> {
    const entry = await this.o.routes.auditEntry(tenantId, auditId);
    if (!entry) throw notFound(`audit entry ${auditId} not found`);
    if (entry.action === 'revert') throw conflict(`audit entry ${auditId} is itself a revert; revert the original change only once`);
    if (entry.revertedBy) throw conflict(`audit entry ${auditId} was already reverted by ${entry.revertedBy}`);
    if (sideOf(actor.role) === 'internal' && entry.side !== 'internal') {
      throw new CollectorError('COL_ERR_GUARDRAIL', `guardrail provider changes: internal IT cannot revert a change the provider made (${entry.action})`, { statusCode: 403 });
    }
    const current = await this.o.configs.get(tenantId);
    let document: Record<string, unknown>;
    let before: unknown;
    let after: unknown;
    if (entry.action === 'ownership.replace') {
      const restored = (entry.before as Record<string, unknown> | null) ?? defaultOwnershipDocument(this.o.settings);
      document = { ...restored, tuning: current.document.tuning ?? [] };
      before = current.document;
      after = document;
    } else {
      const tuningId = (entry.after as { id: string }).id;
      const removed = removeTuning(current.document, tuningId);
      if (!removed) throw conflict(`tuning ${tuningId} is no longer in the ownership config`);
      document = removed;
      before = entry.after;
      after = null;
    }
    const text = entry.action === 'ownership.replace' ? toYaml(document) : withTuningText(current.stored?.text ?? null, document);
    const checked = checkOwnership(document, 'reverted config');
    if (!checked.ok) throw conflict(`the change cannot be reverted: ${checked.problems.join('; ')}`);
    const id = await this.commit(tenantId, current, actor, { document, text, action: 'revert', summary: `reverted ${entry.action}: ${entry.summary}`, before, after, reverts: entry.id });
    return { auditId: id, version: (await this.o.configs.get(tenantId)).version };
  }

  /** Stores a change computed from `current` as the new version with its audit entry, then runs `afterChange`. Returns the audit id. */
  async commit(tenantId: string, current: TenantConfig, actor: Actor, change: OwnershipChange): Promise<string> {
    const id = newId('aud');
    const at = this.o.now();
    const version = await this.o.routes.storeOwnership(tenantId, current.version, change.document, change.text, actor.name, at, async (v, trx) => {
      await appendAudit(trx, {
        id, tenantId, at, actor: actor.name, role: actor.role, side: sideOf(actor.role), action: change.action, summary: change.summary,
        before: change.before, after: change.after, versionBefore: current.version, versionAfter: v, reverts: change.reverts,
      });
    });
    this.o.configs.forget(tenantId);
    if (version === null) throw conflict('the ownership config changed while this change was being made; try again');
    this.o.log.info({ tenantId, version, action: change.action, by: actor.name }, 'ownership config changed');
    await this.o.afterChange(tenantId);
    return id;
  }
}
