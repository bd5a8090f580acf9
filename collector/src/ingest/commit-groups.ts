// Group commit: the frames handed over while the previous commit ran, or in
// the same turn of the event loop, are stored in one transaction (bounded in
// frames and bytes), so one commit and one fsync serve all of them. Frames
// are stored and answered in the order they were handed over, which keeps
// each connection's order; one transaction runs at a time, so a later group
// never commits before an earlier one.
//
// Handing over is bounded too: past the room for two groups, a frame waits
// (and so does its connection's lane in the fair queue) until a group has
// been taken. A frame whose connection closed before its group was formed is
// dropped unstored: it was never acknowledged, so the agent sends it again.
//
// A frame is handed over as a function that decodes and checks it, called
// when its group is formed: until then only its bytes wait, and the decoded
// report lives for one commit rather than for the whole wait. A frame that
// fails to decode gets its own error and the rest of the group is stored.
import type { CommitOutcome, IngestItem } from '../store/store.js';

export interface CommitGroupLimits {
  /** Frames in one transaction. */
  maxFrames: number;
  /** Frame bytes in one transaction (at least one frame is always taken). */
  maxBytes: number;
}

export const COMMIT_GROUP_DEFAULTS: CommitGroupLimits = { maxFrames: 64, maxBytes: 8 * 1024 * 1024 };

export interface GroupStore {
  commitGroup(items: readonly IngestItem[]): Promise<CommitOutcome[]>;
}

interface Pending {
  prepare: () => IngestItem;
  item: IngestItem | null;
  bytes: number;
  /** The connection is gone: store nothing, answer nothing. */
  cancelled: () => boolean;
  done: (outcome: CommitOutcome | null) => void;
  admitted: () => void;
}

export class CommitGroups {
  private readonly waiting: Pending[] = [];
  private waitingBytes = 0;
  /** Frames handed over while there was no room, in order. */
  private readonly overflow: Pending[] = [];
  private flushing = false;
  private groups = 0;
  private frames = 0;

  constructor(private readonly store: GroupStore, private readonly limits: CommitGroupLimits = COMMIT_GROUP_DEFAULTS) {}

  /**
   * Queues a frame for the next group; `prepare` makes it (decodes, checks)
   * when the group is formed, and an error it throws is the frame's outcome. `admitted` is called once the frame
   * has its place in the order (at once when there is room); the promise
   * resolves after its group committed, or with null when it was dropped.
   */
  submit(prepare: () => IngestItem, bytes: number, cancelled: () => boolean, admitted: () => void): Promise<CommitOutcome | null> {
    return new Promise((done) => {
      const pending: Pending = { prepare, item: null, bytes, cancelled, done, admitted };
      if (this.overflow.length === 0 && this.hasRoom()) this.admit(pending);
      else this.overflow.push(pending);
      this.kick();
    });
  }

  /** Groups committed and frames in them so far (for metrics and tests). */
  stats(): { groups: number; frames: number; waiting: number } {
    return { groups: this.groups, frames: this.frames, waiting: this.waiting.length + this.overflow.length };
  }

  private hasRoom(): boolean {
    return this.waiting.length < 2 * this.limits.maxFrames && this.waitingBytes < 2 * this.limits.maxBytes;
  }

  private admit(p: Pending): void {
    this.waiting.push(p);
    this.waitingBytes += p.bytes;
    p.admitted();
  }

  private kick(): void {
    if (this.flushing) return;
    this.flushing = true;
    void this.flush();
  }

  private async flush(): Promise<void> {
    try {
      while (this.waiting.length > 0 || this.overflow.length > 0) {
        // One turn of the event loop first: frames read in this turn join the group.
        await new Promise<void>((resolve) => setImmediate(resolve));
        const group = this.take();
        if (group.length === 0) continue;
        let outcomes: CommitOutcome[];
        try {
          outcomes = await this.store.commitGroup(group.map((p) => p.item!));
        } catch (err) {
          outcomes = group.map(() => ({ ok: false, error: err as Error }));
        }
        this.groups++;
        this.frames += group.length;
        group.forEach((p, i) => p.done(outcomes[i] ?? null));
      }
    } finally {
      this.flushing = false;
    }
  }

  private take(): Pending[] {
    const group: Pending[] = [];
    let bytes = 0;
    while (this.waiting.length > 0 && group.length < this.limits.maxFrames) {
      const next = this.waiting[0]!;
      if (group.length > 0 && bytes + next.bytes > this.limits.maxBytes) break;
      this.waiting.shift();
      this.waitingBytes -= next.bytes;
      if (next.cancelled()) {
        next.done(null);
        continue;
      }
      try {
        next.item = next.prepare();
      } catch (err) {
        next.done({ ok: false, error: err as Error });
        continue;
      }
      group.push(next);
      bytes += next.bytes;
    }
    while (this.overflow.length > 0 && this.hasRoom()) this.admit(this.overflow.shift()!);
    return group;
  }
}
