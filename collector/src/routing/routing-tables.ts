// The routing stage's tables, added to the shared Database type. Times are
// integer ms, JSON is text (portable across SQLite and PostgreSQL).

/** Every version of every tenant's ownership config; `is_current` marks the one in force. */
export interface OwnershipConfigsTable {
  tenant_id: string;
  version: number;
  /** The validated document as JSON. */
  document: string;
  /** The text as written (YAML), for people to read and edit. */
  text: string;
  created_at: number;
  created_by: string;
  is_current: number;
}

/** The routing of one alert episode: the decision in force and escalation progress. */
export interface AlertRoutesTable {
  alert_id: string;
  tenant_id: string;
  /** null: the built-in default ownership (no config). */
  config_version: number | null;
  owner: string;
  sla_minutes: number;
  /** The RouteDecision as JSON. */
  decision: string;
  fired_at: number;
  escalated_at: number | null;
  reminders: number;
  last_reminder_at: number | null;
  /** Mirrors the alert's state; the escalation timer looks at firing ones. */
  state: string;
  updated_at: number;
  /**
   * The channels that actually received this episode's fire, escalation or
   * reminder notifications, as JSON [{team, channel, keys}] (keys: the pager
   * dedup keys used); its resolve goes to these. null: a route stored before
   * this was recorded (migration 0007).
   */
  notified: string | null;
}

/** Each decision made for an alert: at fire time, at escalation, at each reminder, on re-routing. */
export interface AlertRouteDecisionsTable {
  alert_id: string;
  seq: number;
  at: number;
  reason: string;
  owner: string;
  sla_minutes: number;
  config_version: number | null;
  trace: string;
  /** Delivery outcomes per channel as JSON. */
  deliveries: string;
}

/** Who changed ownership or tuning, when, from what to what. */
export interface RoutingAuditTable {
  id: string;
  tenant_id: string;
  at: number;
  actor: string;
  role: string;
  /** provider or internal: which side of the contract made the change. */
  side: string;
  action: string;
  summary: string;
  before: string | null;
  after: string | null;
  version_before: number | null;
  version_after: number;
  /** For a revert: the audit entry it undid. */
  reverts: string | null;
  reverted_by: string | null;
}

declare module '../store/schema.js' {
  interface Database {
    ownership_configs: OwnershipConfigsTable;
    alert_routes: AlertRoutesTable;
    alert_route_decisions: AlertRouteDecisionsTable;
    routing_audit: RoutingAuditTable;
  }
}
