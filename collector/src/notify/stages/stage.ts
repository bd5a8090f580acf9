// A notification pipeline is a chain of small stages, each with one job; a
// stage either answers itself (skip, fail) or hands the delivery to the next.
import type { ChannelConfig } from '../channel-config.js';
import type { Notification } from '../notification.js';

export interface Delivery {
  notification: Notification;
  channel: ChannelConfig;
  /** The team whose channel this is. */
  team: 'internal' | 'provider';
  /** The routing decision muted this alert. */
  muted: boolean;
  /** The team is inside its business hours now (for channels active during hours only). */
  inHours: boolean;
}

export type DeliveryOutcome =
  /** `group`: the delivery went out as part of a group message (its key and size). */
  | { status: 'sent'; attempts: number; group?: { key: string; size: number } }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; reason: string; retryable: boolean; attempts: number; group?: { key: string; size: number }; deadLetter?: string };

export type Next = (d: Delivery) => Promise<DeliveryOutcome>;
export type Stage = (d: Delivery, next: Next) => Promise<DeliveryOutcome>;

/** Composes stages in order; the last one is handed `last`. */
export function chain(stages: Stage[], last: Next): Next {
  return stages.reduceRight<Next>((next, stage) => (d) => stage(d, next), last);
}
