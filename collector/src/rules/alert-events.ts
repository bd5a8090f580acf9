// What the rules stage hands to the next stages (routing, live streams):
// every recorded change of an alert, after it is stored ('alert.changed' on the bus).
import type { AlertState, AlertTransition } from './alert-state.js';

export interface AlertChange {
  /** The alert after the change (for a cancelled pending alert: as it was removed). */
  alert: AlertState;
  transition: AlertTransition;
}
