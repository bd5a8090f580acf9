// A small admission queue for expensive work (password hashing): a few jobs
// run at once, a bounded number wait, and waiting jobs are taken in turn per
// key (source address), so a flood from one address cannot push a real
// user's sign-in to the back. What does not fit is refused at once (429)
// instead of piling up on the thread pool.
export class QueueFull extends Error {
  override readonly name = 'QueueFull';
}

export interface AdmissionQueueOptions {
  concurrency: number;
  /** Jobs waiting across all keys. */
  maxWaiting: number;
  /** Jobs running or waiting for one key. */
  maxPerKey: number;
}

interface Job { run: () => void }

export class AdmissionQueue {
  private running = 0;
  private waiting = 0;
  private readonly perKey = new Map<string, number>();
  /** Waiting jobs per key; Map order is the round-robin order. */
  private readonly queues = new Map<string, Job[]>();

  constructor(private readonly o: AdmissionQueueOptions) {}

  /** Runs `fn` when its turn comes; throws QueueFull at once when it cannot wait. */
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const mine = this.perKey.get(key) ?? 0;
    if (mine >= this.o.maxPerKey) throw new QueueFull(`more than ${this.o.maxPerKey} at once from ${key}`);
    if (this.running >= this.o.concurrency && this.waiting >= this.o.maxWaiting) throw new QueueFull('the queue is full');
    this.perKey.set(key, mine + 1);
    try {
      if (this.running >= this.o.concurrency) {
        await new Promise<void>((go) => {
          const q = this.queues.get(key) ?? [];
          q.push({ run: go });
          this.queues.set(key, q);
          this.waiting++;
        });
      } else {
        this.running++;
      }
      try {
        return await fn();
      } finally {
        this.next(key);
      }
    } finally {
      const left = (this.perKey.get(key) ?? 1) - 1;
      if (left === 0) this.perKey.delete(key);
      else this.perKey.set(key, left);
    }
  }

  /** Hands the freed slot to the first other key in turn (the one that just ran goes last), which then goes to the back. */
  private next(finished: string): void {
    if (this.queues.size === 0) {
      this.running--;
      return;
    }
    const keys = [...this.queues.keys()];
    const key = keys.find((k) => k !== finished) ?? keys[0]!;
    const q = this.queues.get(key)!;
    const job = q.shift()!;
    this.queues.delete(key);
    if (q.length > 0) this.queues.set(key, q);
    this.waiting--;
    job.run();
  }
}
