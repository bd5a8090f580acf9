// What every ticket connector does, in the system's own terms, and the one
// state model the sync core reasons with. A connector maps its system's
// states onto three:
// - `untouched`: still as Tandem opened it (its opening state, nobody
//   assigned) — Tandem may close it when the alert resolves;
// - `working`: a person took it (assigned, or moved it on) — Tandem only
//   adds a note, it never closes work someone is doing;
// - `closed`: closed or resolved — a re-fire within the window reopens it.
import type { TicketHttp } from './ticket-http.js';
import type { TicketRequirements, TicketSystem } from './ticket-config.js';

export type TicketState = 'untouched' | 'working' | 'closed';

export interface RemoteTicket {
  /** The system's id, used in API paths. */
  id: string;
  /** What people call it: "#1234", "ITSM-12", "INC0010001". */
  ref: string;
  state: TicketState;
  /** Why it counts as working (who has it, which state), for the note left instead of closing. */
  detail: string;
}

export interface NewTicket {
  /** The correlation key: the alert id of the episode that opened the ticket. */
  key: string;
  title: string;
  text: string;
  severity: 'info' | 'warning' | 'critical';
}

export interface TicketConnector {
  /** The ticket carrying this correlation key, via the system's external-id field or a search by it; null when none. */
  find(key: string): Promise<RemoteTicket | null>;
  get(id: string): Promise<RemoteTicket | null>;
  create(t: NewTicket): Promise<RemoteTicket>;
  /** An internal note (work note, private comment, action). */
  note(id: string, text: string): Promise<void>;
  close(id: string, text: string): Promise<void>;
  /** Back to the opening state; answers the ticket to use (a system that cannot reopen a closed ticket answers a follow-up). */
  reopen(id: string, text: string, t: NewTicket): Promise<RemoteTicket>;
}

export interface ConnectorContext {
  channel: string;
  http: TicketHttp;
  /** A credential by name, resolved now (env:/file:) and remembered for redaction. */
  secret(name: string): string;
  mapping: Record<string, string | number>;
}

export interface ConnectorSpec extends TicketRequirements {
  system: TicketSystem;
  /** How people name it in notes: "ConnectWise PSA". */
  label: string;
  /** Headers every request carries (auth); may fetch a token first. */
  create(ctx: ConnectorContext): TicketConnector;
}

/** The token a system without an external-id field carries in its title, and is searched by. */
export const correlationToken = (key: string): string => `[tandem:${key}]`;

/** A label/tag form of the key (Jira labels, Freshservice tags): no spaces or colons. */
export const correlationTag = (key: string): string => `tandem-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export const mapString = (ctx: ConnectorContext, name: string, fallback?: string): string => {
  const v = ctx.mapping[name];
  return v === undefined ? (fallback ?? '') : String(v);
};

export const mapNumber = (ctx: ConnectorContext, name: string, fallback: number): number => {
  const v = ctx.mapping[name];
  return v === undefined ? fallback : Number(v);
};

/** Reads `a.b.c` from an answer without trusting its shape. */
export function field(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const k of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}
