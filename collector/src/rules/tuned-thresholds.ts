// Where the rules stage gets the threshold overrides internal IT tunes per
// tenant and device group (routing's tuning owns them): the current list,
// and a signal when it changed on any node.
export interface TunedThresholds {
  /** Overrides in the shape of collector.yaml's `rules.overrides`, oldest first. */
  current(): Promise<Array<Record<string, unknown>>>;
  /** Calls back whenever they may have changed. Returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}
