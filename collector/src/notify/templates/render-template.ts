// Renders a channel's message parts with Mustache: logic-less, so a
// template can only place fields, repeat lists and show flagged parts —
// never run code — and every value is escaped for the part's format.
import { Mustache } from './mustache.js';
import type { Notification } from '../notification.js';
import { ESCAPERS } from './escape.js';
import { TEMPLATE_PARTS, templateFor } from './channel-templates.js';
import type { RenderedMessage, TemplateChannelType } from './channel-templates.js';
import { templateView } from './template-fields.js';
import type { TemplateLinks } from './template-fields.js';

export interface RenderInput {
  notification: Notification;
  type: TemplateChannelType;
  /** Least specific first: collector-wide, then the channel's own (a tenant's per-type templates are merged into it at load). */
  layers: Array<Record<string, string | undefined> | undefined>;
  links: TemplateLinks;
}

export function renderMessage(i: RenderInput): RenderedMessage {
  const view = templateView(i.notification, i.links);
  const templates = templateFor(i.type, ...i.layers);
  const escapes = TEMPLATE_PARTS[i.type] as Record<string, keyof typeof ESCAPERS>;
  const out: RenderedMessage = {};
  for (const [part, text] of Object.entries(templates)) {
    const escape = ESCAPERS[escapes[part] ?? 'none'];
    // A template written as a block ends with a newline; a message part does not.
    out[part] = Mustache.render(text, view, {}, { escape: (v: unknown) => escape(String(v)) }).replace(/\n+$/, '');
  }
  return out;
}

/** The shipped default text of a channel type, without links (payload builders called on their own, tests). */
export const defaultMessage = (n: Notification, type: TemplateChannelType): RenderedMessage => renderMessage({ notification: n, type, layers: [], links: { publicUrl: null } });
