// Schema migrations, in order (by name). Written with Kysely's schema builder
// so the same steps run on SQLite and PostgreSQL. Never edit a released
// migration; add a new file and list it here.
import type { Migration } from 'kysely/migration';
import { migrationInitial } from './migrations/0001-initial.js';
import { migrationAlerts } from './migrations/0002-alerts.js';
import { migrationDevicePolicy } from './migrations/0003-device-policy.js';
import { migrationRouting } from './migrations/0004-routing.js';
import { migrationAccounts } from './migrations/0005-accounts.js';
import { migrationAlertAssignee } from './migrations/0006-alert-assignee.js';
import { migrationNotify } from './migrations/0007-notify.js';
import { migrationIngestBounds } from './migrations/0008-ingest-bounds.js';
import { migrationCalendarFeeds } from './migrations/0009-calendar-feeds.js';
import { migrationClusterNodes } from './migrations/0010-cluster-nodes.js';
import { migrationMaintenanceAndRecord } from './migrations/0012-maintenance-and-record.js';
import { migrationTickets } from './migrations/0013-tickets.js';
import { migrationReportDeliveries } from './migrations/0014-report-deliveries.js';
import { migrationAlertsDeviceState } from './migrations/0015-alerts-device-state.js';

export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': migrationInitial,
  '0002-alerts': migrationAlerts,
  '0003-device-policy': migrationDevicePolicy,
  '0004-routing': migrationRouting,
  '0005-accounts': migrationAccounts,
  '0006-alert-assignee': migrationAlertAssignee,
  '0007-notify': migrationNotify,
  '0008-ingest-bounds': migrationIngestBounds,
  '0009-calendar-feeds': migrationCalendarFeeds,
  '0010-cluster-nodes': migrationClusterNodes,
  '0012-maintenance-and-record': migrationMaintenanceAndRecord,
  '0013-tickets': migrationTickets,
  '0014-report-deliveries': migrationReportDeliveries,
  '0015-alerts-device-state': migrationAlertsDeviceState,
};
