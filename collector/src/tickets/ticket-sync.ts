// The core of ticket channels: what one alert event does to the ticket of
// one team's system, given the stored link (alert id → ticket id) and the
// connector. Each step stores its result before the next, and each stored
// step is skipped when a delivery is retried, so a retry after a failure or
// a restart neither loses an update nor opens a second ticket:
// - fire: the linked ticket, else one the system already holds under the
//   alert id (a create whose answer was lost), else an earlier episode's
//   ticket (still open: noted; closed within the reopen window: reopened),
//   else a new ticket naming the other party's ticket when there is one;
// - escalation, reminder, update (ack, comment, assignment): a note;
// - resolve: closed when still untouched (the connector's state model),
//   otherwise a note saying why it was left open;
// - then each party's ticket is made to carry the other's reference.
// Events of one alert are worked one at a time (both parties' deliveries
// run at once), so the second ticket is created knowing the first.
import { headline, plainText } from '../notify/notification.js';
import type { Notification } from '../notify/notification.js';
import type { ConnectorSpec, NewTicket, TicketConnector } from './connector.js';
import type { TicketLink, TicketStore } from './ticket-store.js';

type Team = 'internal' | 'provider';

export interface TicketChannelRef {
  tenantId: string;
  team: Team;
  channel: string;
}

interface LiveConnector {
  spec: ConnectorSpec;
  connector: TicketConnector;
}

/** The persisted links, the per-alert order, and the connectors in use (to note the other party's ticket). */
export class TicketLedger {
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly live = new Map<string, LiveConnector>();
  constructor(readonly store: TicketStore, readonly now: () => number = Date.now) {}

  /** Runs `task` after every earlier task of the same alert. */
  serial<T>(alertId: string, task: () => Promise<T>): Promise<T> {
    const run = (this.locks.get(alertId) ?? Promise.resolve()).then(task, task);
    const settled = run.catch(() => undefined);
    this.locks.set(alertId, settled);
    void settled.then(() => {
      if (this.locks.get(alertId) === settled) this.locks.delete(alertId);
    });
    return run;
  }

  register(ref: TicketChannelRef, c: LiveConnector): void {
    if (this.live.size > 5000) this.live.clear();
    this.live.set(JSON.stringify([ref.tenantId, ref.team, ref.channel]), c);
  }

  connectorOf(ref: TicketChannelRef): LiveConnector | undefined {
    return this.live.get(JSON.stringify([ref.tenantId, ref.team, ref.channel]));
  }
}

export interface SyncInput {
  ledger: TicketLedger;
  spec: ConnectorSpec;
  connector: TicketConnector;
  channel: TicketChannelRef;
  reopenWindowMs: number;
  /** One alert's event (a group is synced member by member). */
  n: Notification;
  /** Title and text for a new ticket; the notification's own when absent. */
  title?: string;
  text?: string;
}

export type SyncResult = 'created' | 'adopted' | 'reopened' | 'noted' | 'closed' | 'left-open' | 'unchanged' | 'no-ticket';

const iso = (ms: number) => new Date(ms).toISOString();
const linkId = (l: Pick<TicketLink, 'team' | 'channel' | 'ticketRef'>) => `${l.team}/${l.channel}:${l.ticketRef}`;
const partyName = (team: Team) => (team === 'provider' ? 'the provider' : 'internal IT');

/** What an event says in an existing ticket. */
export function noteText(n: Notification): string {
  switch (n.kind) {
    case 'fire': return `Tandem: fired again at ${iso(n.at)} (${n.severity}): ${n.summary}`;
    case 'escalation': return [`Tandem: escalated at ${iso(n.at)}; owner now ${n.owner}, response time ${n.slaMinutes} min.`, ...n.trace.slice(-2).map((t) => `- ${t}`)].join('\n');
    case 'reminder': return `Tandem: still unacknowledged at ${iso(n.at)}.`;
    case 'resolve': return `Tandem: the alert resolved at ${iso(n.at)}.`;
    case 'update': return `Tandem: ${n.note?.action ?? 'updated'}${n.note?.actor ? ` by ${n.note.actor}` : ''} at ${iso(n.at)}${n.note?.text ? `: ${n.note.text}` : ''}`;
  }
}

export async function syncTicket(i: SyncInput): Promise<SyncResult> {
  return i.ledger.serial(i.n.alertId, () => syncNow(i));
}

async function syncNow(i: SyncInput): Promise<SyncResult> {
  const { ledger, connector, channel: ch, n } = i;
  const store = ledger.store;
  const event = `${n.kind}@${n.at}`;
  const base = { alertId: n.alertId, alertKey: n.alertKey ?? n.alertId, tenantId: n.tenantId, team: ch.team, channel: ch.channel, system: i.spec.system };
  const newTicket = (extra: string[] = []): NewTicket => ({
    key: n.alertId, title: i.title || headline(n), severity: n.severity, text: [i.text || plainText(n), ...(extra.length ? ['', ...extra] : [])].join('\n'),
  });
  const save = (l: Omit<TicketLink, 'updatedAt'>) => store.save(l, ledger.now());
  let link = await store.get(n.alertId, ch.team, ch.channel);
  let result: SyncResult = 'unchanged';
  if (link?.ticketId === '') return 'no-ticket';

  if (n.kind === 'resolve') {
    if (!link) {
      const found = await connector.find(n.alertId);
      if (!found) {
        // Resolved before its ticket could be opened (the fire is a dead letter): retrying that fire later opens nothing.
        await save({ ...base, ticketId: '', ticketRef: '', status: 'closed', applied: event, linked: [], createdAt: ledger.now(), closedAt: ledger.now() });
        return 'no-ticket';
      }
      link = { ...base, ticketId: found.id, ticketRef: found.ref, status: 'open', applied: '', linked: [], createdAt: ledger.now(), closedAt: null, updatedAt: ledger.now() };
    }
    if (link.applied !== event) {
      const t = await connector.get(link.ticketId);
      const at = ledger.now();
      if (!t || t.state === 'closed') {
        link = { ...link, status: 'closed', closedAt: link.closedAt ?? at };
        result = 'unchanged';
      } else if (t.state === 'untouched') {
        await connector.close(link.ticketId, `${noteText(n)} Closed by Tandem: nobody had taken the ticket.`);
        link = { ...link, status: 'closed', closedAt: at };
        result = 'closed';
      } else {
        await connector.note(link.ticketId, `${noteText(n)} Left open: ${t.detail}.`);
        link = { ...link, status: 'left-open' };
        result = 'left-open';
      }
      link.applied = event;
      await save(link);
    }
  } else if (!link) {
    if (n.kind === 'update') return 'no-ticket';
    let remote = await connector.find(n.alertId);
    result = remote ? 'adopted' : 'created';
    const previous = n.alertKey ? await store.latestForKey(n.tenantId, n.alertKey, ch.team, ch.channel) : null;
    if (!remote && previous) {
      const t = await connector.get(previous.ticketId);
      const closedAt = previous.closedAt ?? previous.updatedAt;
      if (t && t.state !== 'closed') {
        await connector.note(t.id, `Tandem: the alert came back at ${iso(n.at)} as ${n.alertId} (${n.severity}): ${n.summary}`);
        remote = t;
        result = 'noted';
      } else if (t && ledger.now() - closedAt <= i.reopenWindowMs) {
        remote = await connector.reopen(t.id, `Tandem: reopened; the alert came back at ${iso(n.at)} as ${n.alertId} (${n.severity}): ${n.summary}`, newTicket());
        result = 'reopened';
      }
    }
    let linked: string[] = [];
    if (!remote) {
      const peers = (await store.forAlert(n.alertId)).filter((p) => p.team !== ch.team || p.channel !== ch.channel);
      remote = await connector.create(newTicket(peers.map((p) => `${partyName(p.team)}'s ticket: ${ledger.connectorOf(p)?.spec.label ?? p.system} ${p.ticketRef}`)));
      linked = peers.map(linkId);
    }
    link = { ...base, ticketId: remote.id, ticketRef: remote.ref, status: 'open', applied: event, linked, createdAt: ledger.now(), closedAt: null, updatedAt: ledger.now() };
    await save(link);
  } else if (link.applied !== event) {
    if (link.status === 'closed') {
      const t = await connector.reopen(link.ticketId, `Tandem: reopened. ${noteText(n)}`, newTicket());
      link = { ...link, ticketId: t.id, ticketRef: t.ref, status: 'open', closedAt: null };
      result = 'reopened';
    } else {
      await connector.note(link.ticketId, noteText(n));
      result = 'noted';
    }
    link = { ...link, applied: event };
    await save(link);
  }
  await crossReference(i, link);
  return result;
}

/**
 * Each party's ticket carries the other's reference: this ticket is noted
 * with every peer it does not name yet, and each peer whose connector is in
 * use is noted with this one. A peer that cannot be reached now gets the
 * reference with its own next event.
 */
async function crossReference(i: SyncInput, link: TicketLink | Omit<TicketLink, 'updatedAt'>): Promise<void> {
  const store = i.ledger.store;
  const peers = (await store.forAlert(link.alertId)).filter((p) => p.team !== link.team || p.channel !== link.channel);
  let mine = link;
  for (const p of peers) {
    if (!mine.linked.includes(linkId(p))) {
      await i.connector.note(mine.ticketId, `Tandem: ${partyName(p.team)}'s ticket for this alert: ${i.ledger.connectorOf(p)?.spec.label ?? p.system} ${p.ticketRef}`);
      mine = { ...mine, linked: [...mine.linked, linkId(p)] };
      await store.save(mine, i.ledger.now());
    }
    if (!p.linked.includes(linkId(mine))) {
      const other = i.ledger.connectorOf(p);
      if (!other) continue;
      try {
        await other.connector.note(p.ticketId, `Tandem: ${partyName(mine.team)}'s ticket for this alert: ${i.spec.label} ${mine.ticketRef}`);
        await store.save({ ...p, linked: [...p.linked, linkId(mine)] }, i.ledger.now());
      } catch {
        // The peer's own next delivery adds it; this party's ticket is fine.
      }
    }
  }
}
