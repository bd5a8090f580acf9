import { z } from 'zod';

/** The `rules:` section of collector.yaml. */
export const rulesConfigSchema = z.object({}).strict();

export type RulesConfig = z.infer<typeof rulesConfigSchema>;
