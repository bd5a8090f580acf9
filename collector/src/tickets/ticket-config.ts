// The settings of a `type: ticket` channel: which system, where it is, the
// credentials (references only: `env:NAME` or `file:/path`, never a literal,
// so an ownership config never holds a ticket system's key), and the
// tenant's board/queue/company mapping. Which credentials and mapping
// entries a system needs is declared once, by its connector.
import { z } from 'zod';

export const TICKET_SYSTEMS = ['connectwise', 'autotask', 'halopsa', 'jira', 'servicenow', 'freshservice', 'zendesk'] as const;
export type TicketSystem = (typeof TICKET_SYSTEMS)[number];

const REFERENCE = /^(env:[A-Za-z_][A-Za-z0-9_]*|file:\/\S+)$/;

/** The fields a ticket channel adds to name, type, activeDuring and template. */
export const ticketFields = {
  system: z.enum(TICKET_SYSTEMS, { error: `expected system to be one of ${TICKET_SYSTEMS.join(', ')}` }),
  /** The system's base URL (https://na.myconnectwise.net, https://acme.atlassian.net, …). */
  url: z.string().regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, 'expected the system\'s http(s) base URL'),
  credentials: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'expected a credential name'),
    z.string().regex(REFERENCE, 'expected env:NAME or file:/absolute/path (ticket credentials are never written into the config)')),
  /** Board, queue, company, project… as the system names them; numbers are the system's ids. */
  mapping: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'expected a mapping name'), z.union([z.string().min(1), z.number().int()])).default({}),
  /** A ticket closed at most this long ago is reopened when its alert comes back, instead of opening a new one. */
  reopenWindowMinutes: z.number().int().min(0).max(60 * 24 * 90).default(24 * 60),
};

/** What each system needs in `credentials` and `mapping` (its connector declares it). */
export interface TicketRequirements {
  credentials: readonly string[];
  mapping: readonly string[];
  /** Mapping entries it understands beyond the required ones. */
  optionalMapping: readonly string[];
}

interface IssueSink {
  addIssue(issue: { code: 'custom'; path: PropertyKey[]; message: string }): void;
}

/** Every missing or unknown credential and mapping entry of one ticket channel, each with its path. */
export function checkTicketChannel(c: { name: string; system: TicketSystem; credentials: Record<string, string>; mapping: Record<string, unknown> },
  needs: TicketRequirements, ctx: IssueSink): void {
  const where = `channel "${c.name}" (${c.system})`;
  for (const k of needs.credentials) if (!(k in c.credentials)) ctx.addIssue({ code: 'custom', path: ['credentials', k], message: `${where}: credential ${k} is required` });
  for (const k of Object.keys(c.credentials)) if (!needs.credentials.includes(k)) ctx.addIssue({ code: 'custom', path: ['credentials', k], message: `${where}: unknown credential ${k}; expected ${needs.credentials.join(', ')}` });
  for (const k of needs.mapping) if (!(k in c.mapping)) ctx.addIssue({ code: 'custom', path: ['mapping', k], message: `${where}: mapping ${k} is required` });
  const known = [...needs.mapping, ...needs.optionalMapping];
  for (const k of Object.keys(c.mapping)) if (!known.includes(k)) ctx.addIssue({ code: 'custom', path: ['mapping', k], message: `${where}: unknown mapping ${k}; expected one of ${known.join(', ')}` });
}
