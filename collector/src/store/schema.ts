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
}

export interface ReportsTable {
  device_id: string;
  seq: number;
  kind: string;
  collected_at: number;
  received_at: number;
  body: string;
}

export interface Database {
  tenants: TenantsTable;
  api_tokens: ApiTokensTable;
  enroll_tokens: EnrollTokensTable;
  devices: DevicesTable;
  reports: ReportsTable;
}
