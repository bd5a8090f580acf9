// Acknowledge, comment, assign and resolve: one dialog asks for the comment
// (and the assignee), the API does the work, the stream confirms it.
import { el, showError } from './dom.js';
import { post } from './api.js';
import { applyLocally } from './stream.js';

const ACTIONS = {
  ack: { title: 'Acknowledge', path: 'ack', verb: 'Acknowledge', placeholder: 'What are you doing about it?' },
  comment: { title: 'Comment', path: 'comment', verb: 'Add comment', placeholder: 'Note for whoever looks next' },
  assign: { title: 'Assign', path: 'assign', verb: 'Assign', placeholder: 'Why this person?' },
  resolve: { title: 'Resolve', path: 'resolve', verb: 'Resolve', placeholder: 'What fixed it?' },
};

let dialog = null;

function ensureDialog() {
  if (dialog) return dialog;
  dialog = el('dialog', { id: 'alert-action' },
    el('form', { method: 'dialog', class: 'stack' },
      el('h3', { id: 'action-title' }),
      el('p', { id: 'action-subject', class: 'muted' }),
      el('label', { for: 'action-assignee', id: 'action-assignee-label' }, 'Assign to'),
      el('input', { id: 'action-assignee', name: 'assignee', type: 'text', autocomplete: 'off', placeholder: 'name or email' }),
      el('label', { for: 'action-comment' }, 'Comment'),
      el('textarea', { id: 'action-comment', name: 'comment', rows: 3, required: true }),
      el('p', { id: 'action-error', class: 'error', role: 'alert' }),
      el('div', { class: 'row' },
        el('button', { type: 'button', id: 'action-cancel' }, 'Cancel'),
        el('button', { type: 'submit', id: 'action-confirm', class: 'primary' }, 'OK'))));
  document.body.append(dialog);
  dialog.querySelector('#action-cancel').addEventListener('click', () => dialog.close());
  return dialog;
}

/** Opens the dialog for `kind` on `alert`; resolves once the server accepted it or the user cancelled. */
export function openAlertAction(kind, alert, subject) {
  const spec = ACTIONS[kind];
  const d = ensureDialog();
  const form = d.querySelector('form');
  const error = d.querySelector('#action-error');
  d.querySelector('#action-title').textContent = `${spec.title}: ${alert.summary}`;
  d.querySelector('#action-subject').textContent = subject;
  d.querySelector('#action-confirm').textContent = spec.verb;
  const assignee = d.querySelector('#action-assignee');
  assignee.hidden = kind !== 'assign';
  assignee.required = kind === 'assign';
  d.querySelector('#action-assignee-label').hidden = kind !== 'assign';
  const comment = d.querySelector('#action-comment');
  comment.value = '';
  comment.placeholder = spec.placeholder;
  assignee.value = '';
  showError(error, null);
  d.dataset.kind = kind;

  return new Promise((resolve) => {
    const onSubmit = async (e) => {
      e.preventDefault();
      const body = { comment: comment.value.trim() };
      if (kind === 'assign') body.assignee = assignee.value.trim();
      try {
        const updated = await post(`/api/v1/alerts/${encodeURIComponent(alert.id)}/${spec.path}`, body);
        applyLocally(updated);
        finish(true);
      } catch (err) {
        showError(error, err.code === 'COL_ERR_NOT_FOUND' && /no route/.test(err.message) ? new Error(`${spec.title} is not available on this collector.`) : err);
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
    comment.focus();
  });
}
