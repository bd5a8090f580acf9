import { describe, expect, it } from 'vitest';
import { FairQueue } from '../src/ingest/fair-queue.js';

const limits = { concurrency: 1, pauseAtFrames: 4, pauseAtBytes: 1 << 20, tenantPauseAtFrames: 1000 };

function recorder() {
  const ran: string[] = [];
  const task = (name: string) => async () => {
    ran.push(name);
  };
  return { ran, task };
}

const noHooks = { pause: () => {}, resume: () => {} };

describe('fair ingest queue', () => {
  it('runs a connection\'s work in arrival order', async () => {
    const q = new FairQueue(limits);
    const { ran, task } = recorder();
    const lane = q.lane('t1', noHooks);
    for (let i = 1; i <= 5; i++) lane.push(task(`a${i}`));
    await lane.idle();
    expect(ran).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
  });

  it('one flooding connection does not starve another: they take turns', async () => {
    const q = new FairQueue(limits);
    const { ran, task } = recorder();
    const flood = q.lane('t1', noHooks);
    const good = q.lane('t1', noHooks);
    for (let i = 1; i <= 50; i++) flood.push(task(`flood${i}`));
    good.push(task('good'));
    await Promise.all([flood.idle(), good.idle()]);
    expect(ran.indexOf('good')).toBeLessThanOrEqual(1);
  });

  it('takes turns over tenants first, so a tenant with many busy devices does not crowd out another', async () => {
    const q = new FairQueue(limits);
    const { ran, task } = recorder();
    const big = [q.lane('big', noHooks), q.lane('big', noHooks), q.lane('big', noHooks)];
    const small = q.lane('small', noHooks);
    big.forEach((lane, i) => { for (let k = 0; k < 3; k++) lane.push(task(`big${i}`)); });
    for (let k = 0; k < 3; k++) small.push(task('small'));
    await Promise.all([...big, small].map((l) => l.idle()));
    // Every other task belongs to the small tenant until its work is done.
    expect(ran.slice(0, 6).filter((n) => n === 'small')).toHaveLength(3);
  });

  it('pauses a connection at its share and resumes it at half', async () => {
    const q = new FairQueue({ ...limits, pauseAtFrames: 4 });
    const calls: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const lane = q.lane('t1', { pause: () => calls.push('pause'), resume: () => calls.push('resume') });
    lane.push(() => gate);
    for (let i = 0; i < 4; i++) lane.push(async () => {});
    expect(calls).toEqual(['pause']);
    release();
    await lane.idle();
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('pauses every connection of a tenant over its share', async () => {
    const q = new FairQueue({ ...limits, pauseAtFrames: 100, tenantPauseAtFrames: 4 });
    const paused: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const a = q.lane('t1', { pause: () => paused.push('a'), resume: () => paused.push('a resumed') });
    const b = q.lane('t1', { pause: () => paused.push('b'), resume: () => paused.push('b resumed') });
    const other = q.lane('t2', { pause: () => paused.push('other'), resume: () => {} });
    a.push(() => gate);
    a.push(async () => {});
    a.push(async () => {});
    b.push(async () => {});
    b.push(async () => {});
    other.push(async () => {});
    expect(paused).toContain('b');
    expect(paused).not.toContain('other');
    release();
    await Promise.all([a.idle(), b.idle(), other.idle()]);
    expect(paused).toContain('b resumed');
  });

  it('drops the queued work of a closed connection instead of running it', async () => {
    const q = new FairQueue(limits);
    const { ran, task } = recorder();
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const lane = q.lane('t1', noHooks);
    lane.push(async () => { ran.push('running'); await gate; });
    for (let i = 0; i < 10; i++) lane.push(task(`queued${i}`));
    await new Promise((r) => setImmediate(r));
    lane.close();
    lane.push(task('after close'));
    release();
    await lane.idle();
    expect(ran).toEqual(['running']);
    expect(q.stats()).toEqual({ running: 0, queued: 0 });
  });
});

describe('fair ingest queue: released tasks', () => {
  it('a task that releases its turn lets the connection\'s next task start; the lane is idle only when both finished, and both count against its share', async () => {
    const q = new FairQueue({ ...limits, pauseAtFrames: 2 });
    const calls: string[] = [];
    const lane = q.lane('t1', { pause: () => calls.push('pause'), resume: () => calls.push('resume') });
    let finishFirst!: () => void;
    const first = new Promise<void>((r) => { finishFirst = r; });
    let secondStarted = false;
    let idle = false;
    lane.push(async (release) => {
      release();
      await first;
    });
    lane.push(async () => { secondStarted = true; });
    void lane.idle().then(() => { idle = true; });
    for (let i = 0; i < 100 && !secondStarted; i++) await new Promise((r) => setTimeout(r, 5));
    expect(secondStarted).toBe(true);
    expect(lane.outstanding).toBe(1);
    expect(idle).toBe(false);
    finishFirst();
    await lane.idle();
    expect(lane.outstanding).toBe(0);
    expect(calls).toEqual(['pause', 'resume']);
  });
});
