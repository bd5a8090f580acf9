// Sign-in: email and password, the organization's identity provider when the
// collector has one, and an API token as a fallback for tools and break-glass.
import { el, showError } from '../dom.js';
import { signInWithPassword, signInWithToken } from '../session.js';

export function renderSignIn(view, { onSignedIn }) {
  const oidcLabel = document.querySelector('meta[name="tandem-oidc"]')?.getAttribute('content');
  const error = el('p', { id: 'sign-in-error', class: 'error', role: 'alert' });
  const tokenError = el('p', { id: 'token-error', class: 'error', role: 'alert' });

  const passwordForm = el('form', { id: 'sign-in', class: 'stack' },
    el('label', { for: 'email' }, 'Email'),
    el('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'username', required: true }),
    el('label', { for: 'password' }, 'Password'),
    el('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    el('button', { type: 'submit', class: 'primary' }, 'Sign in'),
    error);
  passwordForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError(error, null);
    try {
      await signInWithPassword(passwordForm.email.value.trim(), passwordForm.password.value);
      onSignedIn();
    } catch (err) {
      showError(error, err.status === 401 ? new Error('Email or password is wrong.') : err);
    }
  });

  const tokenForm = el('form', { id: 'token-sign-in', class: 'stack' },
    el('label', { for: 'token' }, 'API token'),
    el('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true, placeholder: 'tdm_…' }),
    el('button', { type: 'submit' }, 'Use token'),
    tokenError);
  tokenForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    showError(tokenError, null);
    try {
      await signInWithToken(tokenForm.token.value.trim());
      onSignedIn();
    } catch (err) {
      showError(tokenError, err);
    }
  });

  view.append(el('section', { class: 'sign-in card' },
    el('h2', {}, 'Sign in'),
    passwordForm,
    oidcLabel ? el('p', {}, el('a', { id: 'oidc-sign-in', class: 'button', href: `/auth/oidc/login?returnTo=${encodeURIComponent('/?signed-in')}` }, oidcLabel)) : null,
    el('details', { id: 'token-fallback' },
      el('summary', {}, 'Use an API token instead'),
      tokenForm)));
  return null;
}
