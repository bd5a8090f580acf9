// The audit log of ownership and tuning changes: who, when, which side of
// the contract, before and after. Both sides of a tenant read it; the
// provider reads every tenant's.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { RoutingAuditTable } from './routing-tables.js';

export type AuditAction = 'ownership.replace' | 'tuning.keep' | 'tuning.handoff' | 'tuning.mute' | 'tuning.threshold' | 'revert' | 'maintenance.add' | 'maintenance.remove';

export interface AuditEntry {
  id: string;
  tenantId: string;
  at: number;
  actor: string;
  role: string;
  side: 'provider' | 'internal';
  action: AuditAction;
  summary: string;
  before: unknown;
  after: unknown;
  versionBefore: number | null;
  versionAfter: number;
  reverts: string | null;
  revertedBy: string | null;
}

const fromRow = (r: RoutingAuditTable): AuditEntry => ({
  id: r.id, tenantId: r.tenant_id, at: Number(r.at), actor: r.actor, role: r.role, side: r.side as AuditEntry['side'], action: r.action as AuditAction,
  summary: r.summary, before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after),
  versionBefore: r.version_before === null ? null : Number(r.version_before), versionAfter: Number(r.version_after), reverts: r.reverts, revertedBy: r.reverted_by,
});

export async function appendAudit(db: Kysely<Database>, e: Omit<AuditEntry, 'revertedBy'>): Promise<void> {
  await db.insertInto('routing_audit').values({
    id: e.id, tenant_id: e.tenantId, at: e.at, actor: e.actor, role: e.role, side: e.side, action: e.action, summary: e.summary,
    before: e.before === null || e.before === undefined ? null : JSON.stringify(e.before),
    after: e.after === null || e.after === undefined ? null : JSON.stringify(e.after),
    version_before: e.versionBefore, version_after: e.versionAfter, reverts: e.reverts, reverted_by: null,
  }).execute();
  if (e.reverts) await db.updateTable('routing_audit').set({ reverted_by: e.id }).where('id', '=', e.reverts).where('tenant_id', '=', e.tenantId).execute();
}

export async function auditEntry(db: Kysely<Database>, tenantId: string, id: string): Promise<AuditEntry | null> {
  const r = await db.selectFrom('routing_audit').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r) : null;
}

export async function listAudit(db: Kysely<Database>, tenantId: string, page: { limit: number; offset: number }): Promise<AuditEntry[]> {
  const rows = await db.selectFrom('routing_audit').selectAll().where('tenant_id', '=', tenantId)
    .orderBy('at', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
  return rows.map(fromRow);
}
