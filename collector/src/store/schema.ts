// Table types shared by every store backend. Times are integer milliseconds
// since the epoch (portable across SQLite and PostgreSQL); JSON is text.
import type { Generated } from 'kysely';

export interface TenantsTable {
  id: string;
  name: string;
  created_at: number;
}

export interface ApiTokensTable {
  id: string;
  /** null: a provider-wide token that sees every tenant. */
  tenant_id: string | null;
  name: string;
  role: string;
  token_hash: string;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
}

export interface EnrollTokensTable {
  id: string;
  tenant_id: string;
  token_hash: string;
  site: string | null;
  tags: string;
  max_uses: number | null;
  uses: Generated<number>;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
}

export interface DevicesTable {
  id: string;
  tenant_id: string;
  hostname: string;
  os: string | null;
  site: string | null;
  tags: string;
  secret_hash: string;
  enrolled_at: number;
  revoked_at: number | null;
  last_seen_at: number | null;
  last_seq: Generated<number>;
  last_report_at: number | null;
  /** When the agent last said Goodbye; cleared by its next Hello. */
  stopped_at: number | null;
  agent_version: string | null;
  latest_snapshot: string | null;
  /** Schedules pushed to the agent: JSON topic → cron, or null. */
  policy: string | null;
  /** Per topic, the seq its latest value came from: JSON topic → seq, or null (older rows). */
  topic_seqs?: string | null;
}

export interface ReportsTable {
  device_id: string;
  seq: number;
  kind: string;
  collected_at: number;
  received_at: number;
  body: string;
  /** What the plausibility layer changed, JSON [{path, problem}], or null. */
  adjustments?: string | null;
}

/** One alert episode per row; `is_current` marks the newest row of each alert_key. */
export interface AlertsTable {
  id: string;
  alert_key: string;
  tenant_id: string;
  device_id: string;
  rule_id: string;
  instance: string;
  category: string;
  severity: string;
  state: string;
  flapping: number;
  summary: string;
  labels: string;
  pending_since: number;
  fired_at: number | null;
  resolved_at: number | null;
  updated_at: number;
  ack_by: string | null;
  ack_comment: string | null;
  ack_at: number | null;
  assignee: string | null;
  assigned_by: string | null;
  assigned_at: number | null;
  snoozed_until: number | null;
  /** Evaluation bookkeeping (flapping changes, hysteresis timers) as JSON. */
  tracking: string;
  history_count: number;
  is_current: number;
}

export interface AlertHistoryTable {
  alert_id: string;
  seq: number;
  at: number;
  from_state: string | null;
  to_state: string;
  severity: string;
  cause: string;
  actor: string | null;
  comment: string | null;
  notified: number;
}

/** When each pending update was first reported by a device (for "pending longer than N days"). */
export interface DeviceUpdateSeenTable {
  device_id: string;
  name: string;
  first_seen_at: number;
}

/** Agent connection facts the rules need, kept across collector restarts. */
export interface DevicePresenceTable {
  device_id: string;
  connected: number;
  changed_at: number;
  /** The last disconnection followed a Goodbye. */
  graceful: number;
  last_gap_at: number | null;
  last_gap_dropped: number | null;
}

/** The rule pack set through the API; it replaces the file or default pack. */
export interface RuleSetsTable {
  id: string;
  body: string;
  updated_at: number;
  updated_by: string;
}

export interface Database {
  tenants: TenantsTable;
  api_tokens: ApiTokensTable;
  enroll_tokens: EnrollTokensTable;
  devices: DevicesTable;
  reports: ReportsTable;
  alerts: AlertsTable;
  alert_history: AlertHistoryTable;
  device_update_seen: DeviceUpdateSeenTable;
  device_presence: DevicePresenceTable;
  rule_sets: RuleSetsTable;
}
