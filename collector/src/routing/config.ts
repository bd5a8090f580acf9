import { z } from 'zod';
import { channelSchema, smtpSchema } from '../notify/channel-config.js';
import { templatesByTypeSchema } from '../notify/templates/channel-templates.js';
import type { TemplatesByType } from '../notify/templates/channel-templates.js';

/**
 * The `routing:` section of collector.yaml. Every key is optional (the
 * collector config defaults the section to `{}`); `routingSettings` fills in
 * the defaults.
 */
export const routingConfigSchema = z.object({
  /** How often the escalation timer looks for alerts past their SLA. Default 30. */
  escalationCheckSeconds: z.number().int().min(1).max(3600).optional(),
  /** Owner for tenants without an ownership config (and lines that match nothing). Default provider. */
  defaultOwner: z.enum(['internal', 'provider', 'both']).optional(),
  /** Response times for tenants without an ownership config. */
  defaultSla: z.object({ critical: z.number().int().min(1).optional(), warning: z.number().int().min(1).optional(), info: z.number().int().min(1).optional() }).strict().optional(),
  /** The provider's channels for tenants without an ownership config (e.g. the NOC webhook). */
  defaultChannels: z.array(channelSchema).optional(),
  /** SMTP server for email channels that do not name their own. */
  smtp: smtpSchema.optional(),
  /** Maintenance windows and site outages (docs/maintenance.md). */
  maintenance: z.object({
    /** The longest one occurrence of a window may last, as the contract says. Default 720. */
    maxWindowMinutes: z.number().int().min(1).max(7 * 24 * 60).optional(),
    /** How often window ends are looked for. Default 15. */
    checkSeconds: z.number().min(0.1).max(3600).optional(),
    /** When devices of one site going offline together are one outage. Defaults 3, 0.5, 10. */
    siteOutage: z.object({
      minDevices: z.number().int().min(2).max(10_000).optional(),
      minShare: z.number().min(0).max(1).optional(),
      withinMinutes: z.number().min(1).max(24 * 60).optional(),
    }).strict().optional(),
  }).strict().optional(),
  /** Imported iCalendar feeds (a team's `calendars:` in its ownership config). */
  calendars: z.object({
    /** How often feeds are checked for a due refresh. Default 60. */
    checkSeconds: z.number().min(0.1).max(3600).optional(),
    /** Per fetch. Default 10000. */
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
    /** A feed larger than this is refused. Default 2 MB. */
    maxBytes: z.number().int().min(1024).max(50 * 1024 * 1024).optional(),
    /** How far ahead recurring events are expanded. Default 400. */
    horizonDays: z.number().int().min(1).max(1000).optional(),
  }).strict().optional(),
  notify: z.object({
    /** Delivery attempts per notification and channel, including the first. Default 4. */
    attempts: z.number().int().min(1).max(20).optional(),
    /** First retry delay; doubles each attempt, with jitter. Default 1000. */
    backoffMs: z.number().int().min(1).max(600_000).optional(),
    /** Per request. Default 10000. */
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
    /** The same notification to the same channel within this window is sent once. Default 5. */
    dedupMinutes: z.number().int().min(0).max(1440).optional(),
    /** Notifications of the same kind, tenant, rule and channel within this window are sent as one message. 0: no grouping. Default 30. */
    groupWaitSeconds: z.number().min(0).max(600).optional(),
    /** A group this large is sent before its window ends. Default 500. */
    groupMaxAlerts: z.number().int().min(2).max(10_000).optional(),
    /** Message templates per channel type for every tenant (docs/templates.md); a tenant's or channel's own win. */
    templates: templatesByTypeSchema('routing.notify.templates').optional(),
  }).strict().optional(),
}).strict();

export type RoutingConfig = z.infer<typeof routingConfigSchema>;

export interface RoutingSettings {
  escalationCheckSeconds: number;
  defaultOwner: 'internal' | 'provider' | 'both';
  defaultSla: { critical?: number; warning?: number; info?: number };
  defaultChannels: z.infer<typeof channelSchema>[];
  smtp: z.infer<typeof smtpSchema> | null;
  calendars: { checkSeconds: number; timeoutMs: number; maxBytes: number; horizonDays: number };
  notify: { attempts: number; backoffMs: number; timeoutMs: number; dedupMinutes: number; groupWaitSeconds: number; groupMaxAlerts: number; templates: TemplatesByType };
}

export function routingSettings(c: RoutingConfig): RoutingSettings {
  return {
    escalationCheckSeconds: c.escalationCheckSeconds ?? 30,
    defaultOwner: c.defaultOwner ?? 'provider',
    defaultSla: c.defaultSla ?? {},
    defaultChannels: c.defaultChannels ?? [],
    smtp: c.smtp ?? null,
    calendars: {
      checkSeconds: c.calendars?.checkSeconds ?? 60,
      timeoutMs: c.calendars?.timeoutMs ?? 10_000,
      maxBytes: c.calendars?.maxBytes ?? 2 * 1024 * 1024,
      horizonDays: c.calendars?.horizonDays ?? 400,
    },
    notify: {
      attempts: c.notify?.attempts ?? 4,
      backoffMs: c.notify?.backoffMs ?? 1000,
      timeoutMs: c.notify?.timeoutMs ?? 10_000,
      dedupMinutes: c.notify?.dedupMinutes ?? 5,
      groupWaitSeconds: c.notify?.groupWaitSeconds ?? 30,
      groupMaxAlerts: c.notify?.groupMaxAlerts ?? 500,
      templates: c.notify?.templates ?? {},
    },
  };
}
