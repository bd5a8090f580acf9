// Which parts of a message each channel type lets a template write, how
// values are escaped in each, and the defaults shipped for every type. A
// template changes the human text only: the structure a receiver's API
// requires (Slack blocks, the Teams card, PagerDuty's event, the webhook's
// JSON fields) is built by the notifier around the rendered parts.
import { z } from 'zod';
import type { EscapeKind } from './escape.js';
import { checkTemplate } from './check-template.js';

export const TEMPLATE_PARTS = {
  email: { subject: 'none', text: 'none', html: 'html' },
  slack: { text: 'slack', body: 'slack', footer: 'slack' },
  teams: { title: 'markdown', footer: 'markdown' },
  webhook: { text: 'none' },
  pagerduty: { summary: 'none' },
  ticket: { subject: 'none', text: 'none' },
} as const satisfies Record<string, Record<string, EscapeKind>>;

export type TemplateChannelType = keyof typeof TEMPLATE_PARTS;
export type TemplateParts<T extends TemplateChannelType = TemplateChannelType> = Partial<Record<keyof (typeof TEMPLATE_PARTS)[T], string>>;
/** Every part of a channel type, rendered. */
export type RenderedMessage = Record<string, string>;

const EMAIL_TEXT = `{{headline}}

tenant: {{tenant.id}}   owner: {{owner.team}}   response time: {{sla.minutes}} min
{{#isGroup}}
rule: {{alert.rule}}   category: {{alert.category}}

alerts ({{group.count}}):
{{#group.listed}}
  - {{line}}   [{{severity}}, {{id}}]
{{/group.listed}}
{{#group.hasMore}}
  … and {{group.more}} more
{{/group.hasMore}}

why this is yours (first alert):
{{/isGroup}}
{{^isGroup}}
alert: {{alert.id}}   category: {{alert.category}}

why this is yours:
{{/isGroup}}
{{#trace}}
  - {{.}}
{{/trace}}
{{#hasLinks}}

{{links.alert}}
{{/hasLinks}}
`;

const EMAIL_HTML = `<p><strong>{{headline}}</strong></p>
<p>tenant: {{tenant.id}} · owner: <strong>{{owner.team}}</strong> · response time: {{sla.minutes}} min</p>
{{#isGroup}}
<p>alerts ({{group.count}}):</p>
<ul>
{{#group.listed}}
<li>{{line}} [{{severity}}, {{id}}]</li>
{{/group.listed}}
</ul>
{{#group.hasMore}}
<p>… and {{group.more}} more</p>
{{/group.hasMore}}
{{/isGroup}}
<p>why this is yours{{#isGroup}} (first alert){{/isGroup}}:</p>
<ul>
{{#trace}}
<li>{{.}}</li>
{{/trace}}
</ul>
{{#hasLinks}}
<p><a href="{{links.alert}}">Open the alert</a></p>
{{/hasLinks}}
`;

export const DEFAULT_TEMPLATES: { [T in TemplateChannelType]: Required<TemplateParts<T>> } = {
  email: {
    subject: '{{#isGroup}}[Tandem] {{title}}{{/isGroup}}{{^isGroup}}{{headline}}{{/isGroup}}',
    text: EMAIL_TEXT,
    html: EMAIL_HTML,
  },
  slack: {
    text: '{{headline}}',
    body: '*{{headline}}*\nowner: *{{owner.team}}* · response time: {{sla.minutes}} min · tenant: {{tenant.id}}{{#hasLinks}} · <{{links.alert}}|open>{{/hasLinks}}',
    footer: '{{#trace}}\n• {{.}}\n{{/trace}}',
  },
  teams: {
    title: '{{headline}}',
    footer: '{{#trace}}\n- {{.}}\n{{/trace}}',
  },
  webhook: { text: '{{headline}}' },
  pagerduty: { summary: '{{headline}}' },
  ticket: { subject: '{{headline}}', text: EMAIL_TEXT },
};

/** At most this long, each part: a template is a message, not a document. */
export const MAX_TEMPLATE_CHARS = 20_000;

/** The `template:` object of one channel type: its parts, each optional. Checked against the fields by `checkParts`. */
export function templatePartsSchema<T extends TemplateChannelType>(type: T) {
  const parts = Object.keys(TEMPLATE_PARTS[type]) as string[];
  return z.object(Object.fromEntries(parts.map((p) => [p, z.string().max(MAX_TEMPLATE_CHARS, `expected at most ${MAX_TEMPLATE_CHARS} characters`).optional()]))).strict();
}

interface IssueSink {
  addIssue(issue: { code: 'custom'; path: PropertyKey[]; message: string }): void;
}

/**
 * Reports every problem of a template's parts at `path` (`['template', 'body']`),
 * each naming whose template it is (`channel "noc-slack"`, `templates for slack channels`).
 */
export function checkParts(parts: Record<string, unknown> | undefined, path: PropertyKey[], where: string, ctx: IssueSink): void {
  for (const [part, text] of Object.entries(parts ?? {})) {
    if (typeof text !== 'string') continue;
    for (const problem of checkTemplate(text)) ctx.addIssue({ code: 'custom', path: [...path, part], message: `${where}: ${problem}` });
  }
}

/** Templates by channel type (a tenant's `templates:`, collector.yaml's `routing.notify.templates`). */
export function templatesByTypeSchema(where: string) {
  return z.object({
    email: templatePartsSchema('email').optional(),
    slack: templatePartsSchema('slack').optional(),
    teams: templatePartsSchema('teams').optional(),
    webhook: templatePartsSchema('webhook').optional(),
    pagerduty: templatePartsSchema('pagerduty').optional(),
    ticket: templatePartsSchema('ticket').optional(),
  }).strict().superRefine((v, ctx) => {
    for (const [type, parts] of Object.entries(v)) checkParts(parts, [type], `${where} for ${type} channels`, ctx);
  });
}

export type TemplatesByType = { [T in TemplateChannelType]?: TemplateParts<T> };

/** Every part of a type, from the most specific template that sets it. */
export function templateFor(type: TemplateChannelType, ...layers: Array<Record<string, string | undefined> | undefined>): Record<string, string> {
  const out: Record<string, string> = { ...DEFAULT_TEMPLATES[type] };
  // Least specific first; later layers win.
  for (const layer of layers) for (const [k, v] of Object.entries(layer ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}
