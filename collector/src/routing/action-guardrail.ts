// Who may acknowledge or snooze an alert. Acknowledging stops the owner's
// escalation clock, so by default only a team that owns the alert may do it
// (an alert owned by both: either team). The contract can let a team act on
// the other team's alerts: guardrails.crossTeamActions. Pure.
import type { Owner, OwnershipConfig, Team } from './ownership-config.js';
import { teamsOf } from './ownership-config.js';

export const GUARDED_ACTIONS = ['ack', 'snooze'] as const;
export type GuardedAction = (typeof GUARDED_ACTIONS)[number];

const verb: Record<GuardedAction, string> = { ack: 'acknowledge', snooze: 'snooze' };
const teamName: Record<Team, string> = { internal: 'internal IT', provider: 'the provider' };

/**
 * Why `side` may not act on an alert routed to `owner` (owned by `lineOwner`
 * by the config), or null. The team the config names and the team covering
 * right now (hours, away periods) both count as owners.
 */
export function actionRefusal(config: OwnershipConfig, route: { owner: Owner; lineOwner: Owner }, side: Team, action: GuardedAction): string | null {
  if (teamsOf(route.owner).includes(side) || teamsOf(route.lineOwner).includes(side)) return null;
  if (config.guardrails.crossTeamActions[side]) return null;
  return `guardrail crossTeamActions: this alert is owned by ${teamName[route.owner === 'both' ? route.lineOwner as Team : route.owner as Team]}, `
    + `and ${teamName[side]} may not ${verb[action]} it (guardrails.crossTeamActions.${side} is off in the ownership config)`;
}
