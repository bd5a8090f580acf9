// Schedules pushed by the collector, validated and persisted in the data
// folder so they survive a restart. A pushed schedule is a claim from the
// network: it may not run any topic more often than once a minute (the
// agent's own config file may, since whoever edits it owns the endpoint).
import { readFileSync, writeFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import cron from 'node-cron';
import { TOPICS } from '@tandem/proto';
import type { Topic, tandem } from '@tandem/proto';

export type PushedSchedules = Partial<Record<Topic, string>>;

/** Longest cron expression a collector may push (the longest sensible one is well under this). */
const MAX_EXPRESSION_LENGTH = 100;

export type PolicyCheck = { ok: true; schedules: PushedSchedules } | { ok: false; problems: string[] };

/**
 * Why a pushed cron expression fires more often than once a minute, or null.
 * node-cron reads six fields as "second minute hour day month weekday": a
 * seconds field that is anything but one number fires several times a minute.
 */
export function tooFrequent(expr: string): string | null {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 6) return null;
  return /^\d{1,2}$/.test(fields[0]!) ? null : `seconds field "${fields[0]}" fires more than once a minute; a pushed schedule may run a topic at most once a minute`;
}

export function policySchedules(policy: tandem.v1.IPolicy): PolicyCheck {
  const problems: string[] = [];
  const schedules: PushedSchedules = {};
  for (const [topic, expr] of Object.entries(policy.schedules ?? {})) {
    const problem = scheduleProblem(topic, expr);
    if (problem) problems.push(`schedules.${topic.slice(0, 40)}: ${problem}`);
    else schedules[topic as Topic] = expr;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, schedules };
}

function scheduleProblem(topic: string, expr: unknown): string | null {
  if (!(TOPICS as readonly string[]).includes(topic)) return 'unknown topic';
  if (typeof expr !== 'string' || expr.length > MAX_EXPRESSION_LENGTH) return `expected a cron expression of at most ${MAX_EXPRESSION_LENGTH} characters`;
  if (!cron.validate(expr)) return `"${expr}" is not a cron expression`;
  return tooFrequent(expr);
}

/**
 * The persisted pushed schedules, checked again: a policy.json written before
 * these checks existed (or edited by hand) is not trusted just for being on disk.
 */
export function loadPolicy(dataDir: string): PolicyCheck | null {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dataDir, 'policy.json'), 'utf8'));
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problems: ['policy.json: expected an object of topic: cron expression'] };
  return policySchedules({ schedules: raw as Record<string, string> });
}

export function savePolicy(dataDir: string, schedules: PushedSchedules): void {
  const file = join(dataDir, 'policy.json');
  try {
    writeFileSync(`${file}.tmp`, JSON.stringify(schedules), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  } catch (err) {
    rmSync(`${file}.tmp`, { force: true });
    throw err;
  }
}
