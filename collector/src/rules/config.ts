import { z } from 'zod';

/**
 * The `rules:` section of collector.yaml. Every key is optional (the
 * collector config defaults the section to `{}`); defaults are applied by
 * `rulesSettings`.
 */
export const rulesConfigSchema = z.object({
  /** A rules YAML that replaces the shipped default pack (relative to the config file). */
  file: z.string().min(1).optional(),
  /**
   * Resolution of time-based rules (offline, stale backup, pending for days,
   * `for` durations, snooze ends): a device is evaluated at its due time
   * rounded up to a multiple of this many seconds. Default 30.
   */
  evaluateEverySeconds: z.number().int().min(1).max(3600).optional(),
  /**
   * Threshold overrides per tenant and device group, applied after the pack's
   * own; checked against the pack's rules when the collector starts.
   */
  overrides: z.array(z.record(z.string(), z.unknown())).optional(),
}).strict();

export type RulesConfig = z.infer<typeof rulesConfigSchema>;

export interface RulesSettings {
  file: string | null;
  evaluateEverySeconds: number;
  overrides: Array<Record<string, unknown>>;
}

export function rulesSettings(config: RulesConfig): RulesSettings {
  return { file: config.file ?? null, evaluateEverySeconds: config.evaluateEverySeconds ?? 30, overrides: config.overrides ?? [] };
}
