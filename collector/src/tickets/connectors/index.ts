// The one place a ticket channel's `system` picks its connector.
import type { ConnectorSpec } from '../connector.js';
import type { TicketSystem } from '../ticket-config.js';
import { autotask } from './autotask.js';
import { connectwise } from './connectwise.js';
import { freshservice } from './freshservice.js';
import { halopsa } from './halopsa.js';
import { jira } from './jira.js';
import { servicenow } from './servicenow.js';
import { zendesk } from './zendesk.js';

export const CONNECTORS: Record<TicketSystem, ConnectorSpec> = { connectwise, autotask, halopsa, jira, servicenow, freshservice, zendesk };
