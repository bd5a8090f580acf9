// Muted by internal IT's tuning (within the contract's guardrails): nothing is sent.
import type { Stage } from './stage.js';

export const muteStage: Stage = async (d, next) => (d.muted ? { status: 'skipped', reason: 'muted' } : next(d));
