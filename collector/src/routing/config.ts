import { z } from 'zod';

/** The `routing:` section of collector.yaml. */
export const routingConfigSchema = z.object({}).strict();

export type RoutingConfig = z.infer<typeof routingConfigSchema>;
