// Collection schedules: topics that share a cron expression are collected
// together into one report; each group never overlaps itself, so a slow
// package-manager query cannot pile up.
import cron from 'node-cron';
import type { ScheduledTask } from 'node-cron';
import { TOPICS } from '@tandem/proto';
import type { Topic } from '@tandem/proto';

export interface ScheduleGroup {
  expression: string;
  topics: Topic[];
}

/** Groups topics by their cron expression. Pure. */
export function groupSchedules(schedules: Record<Topic, string>): ScheduleGroup[] {
  const groups = new Map<string, Topic[]>();
  for (const topic of TOPICS) {
    const expr = schedules[topic];
    groups.set(expr, [...(groups.get(expr) ?? []), topic]);
  }
  return [...groups.entries()].map(([expression, topics]) => ({ expression, topics }));
}

export class TopicScheduler {
  private tasks: ScheduledTask[] = [];

  constructor(private readonly run: (topics: Topic[]) => Promise<void>) {}

  /** Replaces all schedules (policy push applies new ones without a restart). */
  apply(schedules: Record<Topic, string>): void {
    this.stop();
    this.tasks = groupSchedules(schedules).map((g, i) =>
      cron.schedule(g.expression, () => this.run(g.topics), { name: `collect-${i}-${g.topics.join('+')}`, noOverlap: true }),
    );
  }

  stop(): void {
    for (const t of this.tasks) void t.destroy();
    this.tasks = [];
  }
}
