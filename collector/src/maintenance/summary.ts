// The message a window's owner gets when an occurrence ends: what it held
// back, and how much of that is still open. Pure.
import type { MaintenanceWindow, Occurrence } from './window.js';

export interface HeldAlert {
  alertId: string;
  summary: string;
  open: boolean;
}

export function summaryText(w: MaintenanceWindow, o: Occurrence, held: HeldAlert[]): string {
  const open = held.filter((h) => h.open);
  const resolved = held.length - open.length;
  const when = `${new Date(o.start).toISOString().slice(0, 16)}Z–${new Date(o.end).toISOString().slice(11, 16)}Z`;
  const head = `During the maintenance window "${w.reason}" (${when}): ${open.length} alert${open.length === 1 ? '' : 's'} still open, ${resolved} resolved on ${resolved === 1 ? 'its' : 'their'} own`;
  const list = open.slice(0, 20).map((h) => `- ${h.summary}`);
  const more = open.length > 20 ? [`- and ${open.length - 20} more`] : [];
  return [head, ...list, ...more].join('\n');
}
