// People: everyone changes their own password here; an administrator also
// manages the people of its tenant (invite a viewer or an admin with a first
// password shown once, disable and enable them) and API tokens (created with
// the secret shown once, listed, revoked). The server decides who may do
// what: an internal admin only ever sees its own tenant and internal roles.
import { el, option, time, showError } from '../dom.js';
import { del, get, patch, post } from '../api.js';
import { user } from '../session.js';
import { tenantName, loadDirectory } from '../directory.js';

const ADMINS = new Set(['internal-admin', 'provider-admin']);
/** What an internal admin may hand out; the server refuses anything else. */
const INVITE_ROLES = [['internal-viewer', 'Viewer (looks, changes nothing)'], ['internal-admin', 'Administrator']];
const TOKEN_SCOPES = [['read', 'read only'], ['read,write', 'read and write']];

function field(id, label, attrs) {
  return el('label', { class: 'stack', for: id }, label, el('input', { id, name: id, ...attrs }));
}

function choice(id, label, choices) {
  return el('label', { class: 'stack', for: id }, label, el('select', { id, name: id }, ...choices.map(([v, l]) => option(v, l))));
}

/** A secret shown once, with what to do with it. */
function shownOnce(id, title, secret, hint) {
  return el('div', { class: 'card stack', id, role: 'status' },
    el('strong', {}, title),
    el('code', { class: 'secret-once' }, secret),
    el('p', { class: 'muted' }, hint));
}

function passwordCard() {
  const error = el('p', { class: 'error', role: 'alert', id: 'password-error' });
  const done = el('p', { class: 'state-ok', role: 'status', id: 'password-done' });
  const form = el('form', { id: 'password-form', class: 'card stack' },
    el('h3', {}, 'Your password'),
    field('current-password', 'Current password', { type: 'password', autocomplete: 'current-password', required: true }),
    field('new-password', 'New password (at least 12 characters)', { type: 'password', autocomplete: 'new-password', required: true, minlength: '12' }),
    field('repeat-password', 'New password again', { type: 'password', autocomplete: 'new-password', required: true, minlength: '12' }),
    el('div', { class: 'row' }, el('button', { type: 'submit', class: 'primary', id: 'password-change' }, 'Change password')),
    error, done);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError(error, null);
    done.textContent = '';
    const v = (n) => form.elements[n].value;
    if (v('new-password') !== v('repeat-password')) return showError(error, new Error('The two new passwords differ.'));
    try {
      await post('/api/v1/account/password', { currentPassword: v('current-password'), newPassword: v('new-password') });
      form.reset();
      done.textContent = 'Password changed. Your other sessions were signed out.';
    } catch (err) {
      showError(error, err);
    }
  });
  return form;
}

function peopleSection(me) {
  const error = el('p', { class: 'error', role: 'alert', id: 'people-error' });
  const once = el('div');
  const tbody = el('tbody');
  const tenants = me.tenants === 'all' ? [] : me.tenants;
  const form = el('form', { id: 'invite-form', class: 'card stack' },
    el('h3', {}, 'Invite someone'),
    field('invite-name', 'Name', { type: 'text', required: true, maxlength: '200', autocomplete: 'off' }),
    field('invite-email', 'Email', { type: 'email', required: true, maxlength: '320', autocomplete: 'off' }),
    choice('invite-role', 'Role', INVITE_ROLES),
    me.tenants === 'all' ? field('invite-tenant', 'Tenant id', { type: 'text', required: true }) : null,
    el('p', { class: 'muted' }, 'They get a first password, shown here once: hand it over in person or by phone, and ask them to change it.'),
    el('div', { class: 'row' }, el('button', { type: 'submit', class: 'primary', id: 'invite-submit' }, 'Invite')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError(error, null);
    const v = (n) => form.elements[n]?.value.trim();
    const body = { name: v('invite-name'), email: v('invite-email'), role: v('invite-role'), generatePassword: true };
    if (me.tenants === 'all') body.tenantIds = [v('invite-tenant')];
    try {
      const created = await post('/api/v1/users', body);
      form.reset();
      once.replaceChildren(shownOnce('invite-password', `First password for ${created.email}`, created.initialPassword, 'Shown once: it is not stored in readable form and cannot be shown again.'));
      await draw();
    } catch (err) {
      showError(error, err);
    }
  });

  async function setDisabled(u, disabled) {
    showError(error, null);
    try {
      await patch(`/api/v1/users/${encodeURIComponent(u.id)}`, { disabled });
      await draw();
    } catch (err) {
      showError(error, err);
    }
  }

  async function draw() {
    const body = await get('/api/v1/users?includeDisabled=true&limit=500').catch((err) => { showError(error, err); return null; });
    if (!body) return;
    tbody.replaceChildren(...body.users.map((u) => el('tr', { 'data-user-id': u.id, 'data-email': u.email, class: u.disabledAt ? 'disabled' : '' },
      el('td', {}, el('strong', {}, u.name), el('div', { class: 'muted' }, u.email)),
      el('td', {}, u.role),
      el('td', {}, u.allTenants ? 'all tenants' : u.tenantIds.map(tenantName).join(', ')),
      el('td', {}, u.disabledAt ? `disabled ${time(u.disabledAt)}` : 'active'),
      el('td', {}, u.lastSignInAt ? time(u.lastSignInAt) : 'never'),
      el('td', {}, u.email === me.email ? el('span', { class: 'muted' }, 'you')
        : el('button', { type: 'button', class: u.disabledAt ? 'enable' : 'disable', 'aria-label': `${u.disabledAt ? 'Enable' : 'Disable'} ${u.email}`, onclick: () => setDisabled(u, !u.disabledAt) }, u.disabledAt ? 'Enable' : 'Disable')))));
    if (body.total > body.users.length) tbody.append(el('tr', {}, el('td', { colspan: '6', class: 'muted' }, `The first ${body.users.length} of ${body.total} people.`)));
  }
  void draw();
  return el('section', { id: 'people-section' },
    el('h3', {}, tenants.length === 1 ? `People of ${tenantName(tenants[0])}` : 'People'),
    error, once,
    el('div', { class: 'table-scroll' }, el('table', { id: 'people' },
      el('thead', {}, el('tr', {}, ...['Person', 'Role', 'Tenant', 'State', 'Last sign-in', 'Action'].map((h) => el('th', { scope: 'col' }, h)))), tbody)),
    form);
}

function tokenSection() {
  const error = el('p', { class: 'error', role: 'alert', id: 'tokens-error' });
  const once = el('div');
  const tbody = el('tbody');
  const form = el('form', { id: 'token-form', class: 'card stack' },
    el('h3', {}, 'New API token'),
    field('token-name', 'Name (what uses it)', { type: 'text', required: true, maxlength: '200', autocomplete: 'off' }),
    choice('token-role', 'Role', INVITE_ROLES),
    choice('token-scopes', 'May', TOKEN_SCOPES),
    field('token-days', 'Expires after (days)', { type: 'number', min: '1', max: '3650', value: '90', required: true }),
    el('div', { class: 'row' }, el('button', { type: 'submit', class: 'primary', id: 'token-create' }, 'Create token')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError(error, null);
    const v = (n) => form.elements[n].value.trim();
    try {
      const created = await post('/api/v1/tokens', { name: v('token-name'), role: v('token-role'), scopes: v('token-scopes').split(','), expiresInDays: Number(v('token-days')) });
      form.reset();
      once.replaceChildren(shownOnce('token-secret', `Token "${created.name}"`, created.token, 'Shown once: only its hash is kept. Store it where the tool that uses it reads secrets.'));
      await draw();
    } catch (err) {
      showError(error, err);
    }
  });
  async function draw() {
    const body = await get('/api/v1/tokens?limit=500').catch((err) => { showError(error, err); return null; });
    if (!body) return;
    tbody.replaceChildren(...body.tokens.map((t) => el('tr', { 'data-token-id': t.id, 'data-name': t.name },
      el('td', {}, t.name), el('td', {}, t.role), el('td', {}, t.scopes.join(', ')),
      el('td', {}, time(t.createdAt)), el('td', {}, t.expiresAt ? time(t.expiresAt) : 'never'), el('td', {}, t.lastUsedAt ? time(t.lastUsedAt) : 'never'),
      el('td', {}, el('button', { type: 'button', class: 'revoke', 'aria-label': `Revoke ${t.name}`, onclick: async () => {
        showError(error, null);
        try {
          await del(`/api/v1/tokens/${encodeURIComponent(t.id)}`);
          await draw();
        } catch (err) {
          showError(error, err);
        }
      } }, 'Revoke')))));
    if (body.tokens.length === 0) tbody.append(el('tr', {}, el('td', { colspan: '7', class: 'muted' }, 'No API tokens.')));
  }
  void draw();
  return el('section', { id: 'tokens-section' },
    el('h3', {}, 'API tokens'), error, once,
    el('div', { class: 'table-scroll' }, el('table', { id: 'tokens' },
      el('thead', {}, el('tr', {}, ...['Name', 'Role', 'May', 'Created', 'Expires', 'Last used', 'Action'].map((h) => el('th', { scope: 'col' }, h)))), tbody)),
    form);
}

export function renderPeople(view) {
  const me = user();
  const root = el('section', { id: 'people-view' }, el('h2', {}, 'People and access'));
  view.append(root);
  let stale = false;
  void loadDirectory().catch(() => {}).then(() => {
    if (stale) return;
    const admin = ADMINS.has(me?.role) && me?.via === 'session';
    root.append(el('div', { class: 'people-grid' }, me?.via === 'session' ? passwordCard() : el('p', { class: 'muted' }, 'Signed in with an API token: there is no password to change.'),
      admin ? null : el('p', { class: 'muted', id: 'people-note' }, 'Only administrators manage people and API tokens.')));
    if (admin) root.append(peopleSection(me), tokenSection());
  });
  return () => { stale = true; };
}
