// The template preview: POST /api/v1/notify/templates/preview renders a
// sample alert for a tenant's channels with the templates in force, or for
// one channel with an edited template that is not saved yet. Read-only: any
// role that sees the tenant may preview; another tenant is "not found".
// Internal roles see the provider's channels by name only, so they preview
// their own team's channels.
import type { FastifyInstance } from 'fastify';
import { CollectorError } from '../errors.js';
import { canSeeTenant, principalOf } from './auth.js';
import { responses } from './api-schemas.js';
import type { RoutingEngine } from '../routing/routing-stage.js';
import { TEAMS } from '../routing/ownership-config.js';
import { isInternalRole } from '../auth/roles.js';
import { editProblems, previewChannel, sampleNotification, SAMPLE_KINDS } from '../notify/templates/preview.js';
import type { SampleAlert } from '../notify/templates/preview.js';
import { FIELD_NAMES, TEMPLATE_FIELDS } from '../notify/templates/template-fields.js';
import { DEFAULT_TEMPLATES, MAX_TEMPLATE_CHARS, TEMPLATE_PARTS } from '../notify/templates/channel-templates.js';

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;

const previewBody = {
  type: 'object',
  properties: {
    tenantId: text(100),
    /** One channel (by name; `team` when both teams have one of that name); absent: every channel of the tenant. */
    channel: text(200),
    team: { type: 'string', enum: [...TEAMS] },
    /** An edited template for `channel`, not saved: its parts replace the ones in force. */
    template: { type: 'object', additionalProperties: { type: 'string', maxLength: MAX_TEMPLATE_CHARS }, maxProperties: 10 },
    sample: {
      type: 'object',
      properties: {
        kind: { type: 'string', enum: [...SAMPLE_KINDS] }, ruleId: text(100), category: text(50), severity: { type: 'string', enum: ['info', 'warning', 'critical'] },
        summary: text(500), hostname: text(200), count: { type: 'integer', minimum: 1, maximum: 200 },
      },
      additionalProperties: false,
    },
  },
  required: ['tenantId'],
  additionalProperties: false,
} as const;

const previewAnswer = {
  type: 'object',
  properties: {
    tenantId: { type: 'string' },
    previews: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
  required: ['tenantId', 'previews'],
} as const;

export function registerTemplateRoutes(api: FastifyInstance, o: { engine: RoutingEngine; publicUrl: string | null }): void {
  api.get('/api/v1/notify/templates/fields', {
    schema: { response: responses({ 200: { type: 'object', additionalProperties: true } }) },
  }, async () => ({ fields: FIELD_NAMES.map((name) => ({ name, ...TEMPLATE_FIELDS[name] })), parts: TEMPLATE_PARTS, defaults: DEFAULT_TEMPLATES }));

  api.post('/api/v1/notify/templates/preview', {
    schema: { body: previewBody, response: responses({ 200: previewAnswer }) },
  }, async (req) => {
    const p = principalOf(req);
    const body = req.body as { tenantId: string; channel?: string; team?: 'internal' | 'provider'; template?: Record<string, string>; sample?: SampleAlert };
    const exists = await o.engine.routes.db.selectFrom('tenants').select('id').where('id', '=', body.tenantId).executeTakeFirst();
    if (!canSeeTenant(p, body.tenantId) || !exists) throw new CollectorError('COL_ERR_NOT_FOUND', `tenant ${body.tenantId} not found`, { statusCode: 404 });
    const { config } = await o.engine.tenantConfig(body.tenantId);
    const teams = isInternalRole(p.role) ? (['internal'] as const) : TEAMS;
    const channels = teams.flatMap((team) => config.teams[team].channels.map((channel) => ({ team, channel })))
      .filter((c) => (body.channel === undefined || c.channel.name === body.channel) && (body.team === undefined || c.team === body.team));
    if (body.channel !== undefined && channels.length === 0) {
      throw new CollectorError('COL_ERR_NOT_FOUND', `channel ${body.team ? `${body.team}/` : ''}${body.channel} is not in tenant ${body.tenantId}'s ownership config`, { statusCode: 404 });
    }
    if (body.template) {
      if (body.channel === undefined || channels.length !== 1) throw new CollectorError('COL_ERR_BAD_REQUEST', 'body: template: an edited template is previewed for one channel: name it in channel (and team)', { statusCode: 400 });
      const { channel } = channels[0]!;
      const parts = Object.keys(TEMPLATE_PARTS[channel.type]);
      const unknown = Object.keys(body.template).filter((k) => !parts.includes(k));
      const problems = [...unknown.map((k) => `template.${k}: unknown part for a ${channel.type} channel; its parts are ${parts.join(', ')}`), ...editProblems(channel.name, body.template)];
      if (problems.length > 0) throw new CollectorError('COL_ERR_BAD_REQUEST', `tenant ${body.tenantId}: ${problems.join('; ')}`, { statusCode: 400 });
    }
    const notification = sampleNotification(body.tenantId, body.sample);
    return {
      tenantId: body.tenantId,
      previews: channels.map(({ team, channel }) => previewChannel({
        notification, team, channel, wide: o.engine.settings.notify.templates, links: { publicUrl: o.publicUrl }, edited: body.template,
      })),
    };
  });
}
