// The template preview panel of the ownership page: pick a channel and a
// sample alert, see the message it would get with the templates in force,
// edit a part and preview again before anyone saves it. Rendering is the
// server's (POST /api/v1/notify/templates/preview): the page shows its text.
import { el, option, showError } from '../dom.js';
import { post } from '../api.js';

const KINDS = ['fire', 'escalation', 'reminder', 'resolve'];
const SEVERITIES = ['warning', 'critical', 'info'];

function field(id, label, control) {
  return el('label', { class: 'stack', for: id }, label, control);
}

/** The panel for one tenant; `channels` is the first preview's answer (every channel with its templates). */
function panel(tenantId, first) {
  const error = el('p', { class: 'error', role: 'alert', id: 'template-error' });
  const channelSelect = el('select', { id: 'template-channel', name: 'template-channel' },
    ...first.map((p, i) => option(String(i), `${p.channel} (${p.type}, ${p.team === 'internal' ? 'internal IT' : 'provider'})`)));
  const kind = el('select', { id: 'template-kind' }, ...KINDS.map((k) => option(k)));
  const severity = el('select', { id: 'template-severity' }, ...SEVERITIES.map((s) => option(s)));
  const count = el('input', { id: 'template-count', type: 'number', min: '1', max: '200', value: '1' });
  const summary = el('input', { id: 'template-summary', value: 'Disk / is 96% full', maxlength: '500' });
  const parts = el('div', { class: 'stack', id: 'template-parts' });
  const out = el('div', { id: 'template-output', class: 'stack', 'aria-live': 'polite' });

  const chosen = () => first[Number(channelSelect.value)];
  const showParts = () => {
    const p = chosen();
    parts.replaceChildren(...Object.entries(p.templates).map(([part, text]) => field(`template-part-${part}`, `${part}`,
      el('textarea', { id: `template-part-${part}`, 'data-part': part, rows: String(Math.min(12, Math.max(2, text.split('\n').length + 1))), spellcheck: 'false' }, text))));
  };
  const show = (p) => {
    out.replaceChildren(
      ...Object.entries(p.parts).map(([part, text]) => el('div', { class: 'stack', 'data-rendered': part },
        el('strong', {}, part), el('pre', { class: 'config rendered', tabindex: '0' }, text || '(empty)'))),
      el('details', {}, el('summary', {}, 'what the channel receives'), el('pre', { class: 'config', id: 'template-payload' }, JSON.stringify(p.payload, null, 2))));
  };
  const render = async () => {
    showError(error, null);
    const p = chosen();
    const template = {};
    for (const t of parts.querySelectorAll('textarea[data-part]')) template[t.dataset.part] = t.value;
    try {
      const r = await post('/api/v1/notify/templates/preview', {
        tenantId, channel: p.channel, team: p.team, template,
        sample: { kind: kind.value, severity: severity.value, summary: summary.value.trim() || undefined, count: Math.max(1, Math.min(200, Number(count.value) || 1)) },
      });
      show(r.previews[0]);
    } catch (err) {
      out.replaceChildren();
      showError(error, err);
    }
  };
  channelSelect.addEventListener('change', () => { showParts(); void render(); });
  showParts();
  show(first[0]);
  return el('div', { id: 'template-preview', class: 'card preview' },
    el('p', { class: 'muted' }, 'What each channel would receive for a sample alert. Edit a part and preview it before it goes into the ownership config (channels.template, or templates per channel type); fields are listed in the collector\'s docs/templates.md.'),
    el('div', { class: 'filters' }, field('template-channel', 'Channel', channelSelect), field('template-kind', 'Kind', kind), field('template-severity', 'Severity', severity),
      field('template-count', 'Alerts (a group above 1)', count), field('template-summary', 'Summary', summary)),
    parts,
    el('div', { class: 'row' }, el('button', { type: 'button', class: 'primary', id: 'template-render', onclick: () => void render() }, 'Preview')),
    error,
    out);
}

/** Appends the panel to `root`, or a note when the tenant has no channel. */
export async function appendTemplatePreview(root, tenantId) {
  const heading = el('h3', {}, 'Notification templates');
  try {
    const r = await post('/api/v1/notify/templates/preview', { tenantId });
    if (r.previews.length === 0) return root.append(heading, el('p', { class: 'muted' }, 'No channels: nothing to preview.'));
    root.append(heading, panel(tenantId, r.previews));
  } catch (err) {
    const error = el('p', { class: 'error', role: 'alert' });
    root.append(heading, error);
    showError(error, err);
  }
}
