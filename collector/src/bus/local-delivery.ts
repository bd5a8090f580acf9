// Delivery to this node's subscribers: synchronous, in subscription order,
// each subscriber isolated from the others' failures. Both buses use it.
import type { BusHandler, BusLogger, EventOrigin, SubscribeOptions } from './bus.js';
import type { BusEvents, BusEventType } from './events.js';

interface Subscription {
  handler: BusHandler<BusEventType>;
  thisNodeOnly: boolean;
}

export class LocalDelivery {
  private readonly subscriptions = new Map<BusEventType, Subscription[]>();

  constructor(private readonly log: BusLogger) {}

  subscribe<K extends BusEventType>(type: K, handler: BusHandler<K>, options: SubscribeOptions = {}): () => void {
    const sub: Subscription = { handler: handler as unknown as BusHandler<BusEventType>, thisNodeOnly: options.from === 'this-node' };
    // A new array each time: a subscriber added or removed during delivery does not change the delivery under way.
    this.subscriptions.set(type, [...(this.subscriptions.get(type) ?? []), sub]);
    return () => {
      this.subscriptions.set(type, (this.subscriptions.get(type) ?? []).filter((s) => s !== sub));
    };
  }

  deliver<K extends BusEventType>(type: K, event: BusEvents[K], origin: EventOrigin): void {
    for (const sub of this.subscriptions.get(type) ?? []) {
      if (sub.thisNodeOnly && !origin.local) continue;
      try {
        sub.handler(event, origin);
      } catch (err) {
        this.log.error({ event: type, err: (err as Error).message }, 'a bus subscriber failed');
      }
    }
  }

  hasSubscribers(type: BusEventType): boolean {
    return (this.subscriptions.get(type)?.length ?? 0) > 0;
  }
}
