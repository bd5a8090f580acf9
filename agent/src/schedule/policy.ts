// Schedules pushed by the collector, validated and persisted in the data
// folder so they survive a restart.
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import cron from 'node-cron';
import { TOPICS } from '@tandem/proto';
import type { Topic, tandem } from '@tandem/proto';

export type PushedSchedules = Partial<Record<Topic, string>>;

export function policySchedules(policy: tandem.v1.IPolicy): { ok: true; schedules: PushedSchedules } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const schedules: PushedSchedules = {};
  for (const [topic, expr] of Object.entries(policy.schedules ?? {})) {
    if (!(TOPICS as readonly string[]).includes(topic)) problems.push(`schedules.${topic}: unknown topic`);
    else if (!cron.validate(expr)) problems.push(`schedules.${topic}: "${expr}" is not a cron expression`);
    else schedules[topic as Topic] = expr;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, schedules };
}

export function loadPolicy(dataDir: string): PushedSchedules | null {
  try {
    return JSON.parse(readFileSync(join(dataDir, 'policy.json'), 'utf8')) as PushedSchedules;
  } catch {
    return null;
  }
}

export function savePolicy(dataDir: string, schedules: PushedSchedules): void {
  const file = join(dataDir, 'policy.json');
  writeFileSync(`${file}.tmp`, JSON.stringify(schedules), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
