// What routing matches an alert on: its rule and category, and its device's
// labels as they are now (site, tags, OS, role).
import type { AlertState } from '../rules/alert-state.js';
import type { AlertStore } from '../rules/alert-store.js';
import { roleOf } from '../rules/facts.js';
import type { RouteSubject } from './match-line.js';

export type AlertSubjects = (alert: AlertState) => Promise<{ subject: RouteSubject; hostname: string | null }>;

export function alertSubjects(alerts: Pick<AlertStore, 'deviceLabels'>): AlertSubjects {
  return async (alert) => {
    const device = await alerts.deviceLabels(alert.deviceId);
    return {
      subject: {
        category: alert.category, rule: alert.ruleId, severity: alert.severity,
        site: device?.site ?? null, tags: device?.tags ?? [], os: device?.inventory?.os ?? device?.os ?? null, role: roleOf(device),
      },
      hostname: device?.inventory?.hostname ?? device?.hostname ?? null,
    };
  };
}
