// Acknowledge (and take it back), comment, assign, snooze and resolve: one
// dialog asks for what the action needs (a comment, a person of the owning
// team, how long), the API does the work, the stream confirms it. Several
// alerts at once go through the bulk route; each succeeds or fails alone.
import { el, option, showError } from './dom.js';
import { get, post } from './api.js';
import { applyLocally } from './stream.js';

export const ACTIONS = {
  ack: { title: 'Acknowledge', verb: 'Acknowledge', placeholder: 'What are you doing about it?', comment: 'required' },
  unack: { title: 'Un-acknowledge', verb: 'Un-acknowledge', placeholder: 'Why is this back to nobody?', comment: 'required' },
  comment: { title: 'Comment', verb: 'Add comment', placeholder: 'Note for whoever looks next', comment: 'required' },
  assign: { title: 'Assign', verb: 'Assign', placeholder: 'Why this person? (optional)', comment: 'optional' },
  snooze: { title: 'Snooze', verb: 'Snooze', placeholder: 'Why can it wait? (optional)', comment: 'optional' },
  resolve: { title: 'Resolve', verb: 'Resolve', placeholder: 'What fixed it?', comment: 'required' },
};

/** Which actions make sense in an alert's state (the server decides; this only hides what it would refuse). */
export function actionAllowed(kind, a) {
  switch (kind) {
    case 'ack': return a.state === 'firing' || a.state === 'snoozed';
    case 'unack': return a.state === 'acknowledged';
    case 'snooze': return ['firing', 'acknowledged', 'snoozed'].includes(a.state);
    case 'assign': return a.state !== 'resolved';
    case 'resolve': return a.state !== 'resolved';
    default: return true;
  }
}

const BULK_LIMIT = 200;
const SNOOZES = [[15, '15 minutes'], [60, '1 hour'], [240, '4 hours'], [1440, '1 day'], [10_080, '1 week']];

let dialog = null;

function ensureDialog() {
  if (dialog) return dialog;
  dialog = el('dialog', { id: 'alert-action', 'aria-labelledby': 'action-title' },
    el('form', { method: 'dialog', class: 'stack' },
      el('h3', { id: 'action-title' }),
      el('p', { id: 'action-subject', class: 'muted' }),
      el('label', { for: 'action-assignee', id: 'action-assignee-label' }, 'Assign to'),
      el('select', { id: 'action-assignee', name: 'assignee' }),
      el('label', { for: 'action-snooze', id: 'action-snooze-label' }, 'Snooze for'),
      el('select', { id: 'action-snooze', name: 'minutes' }, ...SNOOZES.map(([m, label]) => option(String(m), label, m === 60))),
      el('label', { for: 'action-comment' }, 'Comment'),
      el('textarea', { id: 'action-comment', name: 'comment', rows: 3 }),
      el('p', { id: 'action-error', class: 'error', role: 'alert' }),
      el('div', { class: 'row' },
        el('button', { type: 'button', id: 'action-cancel' }, 'Cancel'),
        el('button', { type: 'submit', id: 'action-confirm', class: 'primary' }, 'OK'))));
  document.body.append(dialog);
  dialog.querySelector('#action-cancel').addEventListener('click', () => dialog.close());
  return dialog;
}

/** The people every one of `alerts` can be assigned to (the owning team's, from the API). */
async function assigneesFor(alerts) {
  const lists = await Promise.all(alerts.slice(0, 50).map((a) => get(`/api/v1/alerts/${encodeURIComponent(a.id)}/assignees`).then((b) => b.users)));
  const [first = [], ...rest] = lists;
  return first.filter((u) => rest.every((l) => l.some((x) => x.email === u.email)));
}

async function fillAssignees(select, alerts, confirm) {
  select.replaceChildren(option('', 'loading people…'));
  select.disabled = true;
  confirm.disabled = true;
  const users = await assigneesFor(alerts);
  select.replaceChildren(
    option('', users.length ? 'choose a person' : 'nobody of the owning team can be assigned'),
    ...users.map((u) => option(u.email, `${u.name} · ${u.email} (${u.team === 'internal' ? 'internal IT' : 'provider'})`)));
  select.disabled = users.length === 0;
  confirm.disabled = false;
}

async function send(kind, alerts, body) {
  if (alerts.length === 1) {
    const updated = await post(`/api/v1/alerts/${encodeURIComponent(alerts[0].id)}/${kind}`, body);
    applyLocally(updated);
    return [];
  }
  const failed = [];
  // The bulk route takes BULK_LIMIT ids at a time.
  for (let i = 0; i < alerts.length; i += BULK_LIMIT) {
    const { results } = await post('/api/v1/alerts/actions', { action: kind, ids: alerts.slice(i, i + BULK_LIMIT).map((a) => a.id), ...body });
    for (const r of results) if (r.ok) applyLocally(r.alert); else failed.push(r);
  }
  return failed;
}

/**
 * Opens the dialog for `kind` on one alert or several; resolves true once
 * the server accepted it (for every alert), false when cancelled.
 */
export function openAlertAction(kind, target, subject) {
  const alerts = Array.isArray(target) ? target : [target];
  const spec = ACTIONS[kind];
  const d = ensureDialog();
  const form = d.querySelector('form');
  const error = d.querySelector('#action-error');
  const confirm = d.querySelector('#action-confirm');
  d.querySelector('#action-title').textContent = alerts.length === 1 ? `${spec.title}: ${alerts[0].summary}` : `${spec.title}: ${alerts.length} alerts`;
  d.querySelector('#action-subject').textContent = subject ?? '';
  confirm.textContent = spec.verb;
  confirm.disabled = false;
  const assignee = d.querySelector('#action-assignee');
  const snooze = d.querySelector('#action-snooze');
  for (const [node, on] of [[assignee, kind === 'assign'], [snooze, kind === 'snooze']]) {
    node.hidden = !on;
    node.required = on;
    d.querySelector(`#${node.id}-label`).hidden = !on;
  }
  const comment = d.querySelector('#action-comment');
  comment.value = '';
  comment.placeholder = spec.placeholder;
  comment.required = spec.comment === 'required';
  showError(error, null);
  d.dataset.kind = kind;
  if (kind === 'assign') void fillAssignees(assignee, alerts, confirm).catch((err) => showError(error, err));

  return new Promise((resolve) => {
    const onSubmit = async (e) => {
      e.preventDefault();
      const body = {};
      const text = comment.value.trim();
      if (text || spec.comment === 'required') body.comment = text;
      if (kind === 'assign') body.assignee = assignee.value;
      if (kind === 'snooze') body.minutes = Number(snooze.value);
      confirm.disabled = true;
      try {
        const failed = await send(kind, alerts, body);
        if (failed.length === 0) return finish(true);
        showError(error, new Error(failed.map((f) => f.error.message).join('; ')));
      } catch (err) {
        showError(error, err);
      } finally {
        confirm.disabled = false;
      }
    };
    const onClose = () => finish(false);
    function finish(done) {
      form.removeEventListener('submit', onSubmit);
      d.removeEventListener('close', onClose);
      if (d.open) d.close();
      resolve(done);
    }
    form.addEventListener('submit', onSubmit);
    d.addEventListener('close', onClose);
    d.showModal();
    (kind === 'assign' ? assignee : comment).focus();
  });
}
