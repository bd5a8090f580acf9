// Which node runs the cluster-wide work: escalation and SLA reminders, alert
// routing with notification grouping and dedup, the node reaper, retention,
// and the due times of devices no live node holds (each node keeps those of
// the devices whose connection it holds, so offline detection runs once per
// device). Exactly one node leads at a time; timers ask `isLeader()` on each
// tick, and work that must start or stop with leadership listens to `onChange`.
export interface Leadership {
  isLeader(): boolean;
  /** Called with true when this node becomes leader, false when it stops being one. Returns the unsubscribe. */
  onChange(listener: (leader: boolean) => void): () => void;
  start(): Promise<void>;
  /** Gives leadership up (another node takes over at once). Safe to call twice. */
  stop(): Promise<void>;
}

/** One node (the embedded store): it is always the leader. */
export function singleNodeLeadership(): Leadership {
  return {
    isLeader: () => true,
    onChange: () => () => {},
    start: async () => {},
    stop: async () => {},
  };
}

/** Calls the listeners, each isolated from the others' failures. */
export function notifyLeadership(listeners: Iterable<(leader: boolean) => void>, leader: boolean, log: { error(obj: object, msg: string): void }): void {
  for (const l of listeners) {
    try {
      l(leader);
    } catch (err) {
      log.error({ err: (err as Error).message }, 'a leadership listener failed');
    }
  }
}
