// The single-page app: hash routes, the header, and sign-in state. Each page
// module renders into <main> and returns a cleanup function for when the
// route changes.
import { $, $$ } from './dom.js';
import { onUnauthorized } from './api.js';
import { restore, signOut, user, learnFromStream } from './session.js';
import { connectStream, disconnectStream, subscribe } from './stream.js';
import { renderSignIn } from './pages/sign-in.js';
import { renderBoard } from './pages/board.js';
import { renderDevices } from './pages/devices.js';
import { renderDevice } from './pages/device.js';
import { renderOwnership } from './pages/ownership.js';
import { renderTrace } from './pages/trace.js';
import { renderTuning } from './pages/tuning.js';
import { renderAlert } from './pages/alert.js';
import { renderPeople } from './pages/people.js';
import { renderReports } from './pages/reports.js';
import { renderMaintenance } from './pages/maintenance.js';
import { applyTheme, nextTheme } from './theme.js';

const ROUTES = [
  [/^#\/board(?:\?(.*))?$/, renderBoard, 'board'],
  [/^#\/devices(?:\?.*)?$/, renderDevices, 'devices'],
  [/^#\/devices\/([^/]+)$/, renderDevice, 'devices'],
  [/^#\/ownership(?:\/([^/]+))?$/, renderOwnership, 'ownership'],
  [/^#\/alerts\/([^/]+)\/routing$/, renderTrace, 'board'],
  [/^#\/alerts\/([^/?]+)$/, renderAlert, 'board'],
  [/^#\/tuning(?:\/([^/]+))?$/, renderTuning, 'tuning'],
  [/^#\/people$/, renderPeople, 'people'],
  [/^#\/reports(?:\/([^/]+))?$/, renderReports, 'reports'],
  [/^#\/maintenance(?:\/([^/]+))?$/, renderMaintenance, 'maintenance'],
];

let cleanup = null;
let afterSignIn = '#/board';

function showHeader() {
  const u = user();
  $('#nav').hidden = !u;
  $('#sign-out').hidden = !u;
  $('#stream-status').hidden = !u;
  $('#who').textContent = u ? `${u.name}${u.role ? ` · ${u.role}` : ''}` : '';
  $('#who').dataset.role = u?.role ?? '';
}

async function route() {
  cleanup?.();
  cleanup = null;
  const view = $('#view');
  view.replaceChildren();
  const hash = location.hash || '#/board';
  if (!user() || hash === '#/sign-in') {
    if (hash !== '#/sign-in') afterSignIn = hash;
    showHeader();
    cleanup = renderSignIn(view, { onSignedIn });
    return;
  }
  const found = ROUTES.find(([re]) => re.test(hash));
  if (!found) {
    location.hash = '#/board';
    return;
  }
  const [re, render, nav] = found;
  for (const a of $$('#nav a')) a.classList.toggle('current', a.dataset.nav === nav);
  const params = re.exec(hash).slice(1).map((p) => (p === undefined ? undefined : decodeURIComponent(p)));
  showHeader();
  cleanup = render(view, ...params) ?? null;
}

function onSignedIn() {
  connectStream();
  showHeader();
  const target = afterSignIn === '#/sign-in' ? '#/board' : afterSignIn;
  if (location.hash === target) void route();
  else location.hash = target;
}

subscribe((e) => {
  if (e.kind === 'hello') {
    learnFromStream(e.principal);
    showHeader();
  }
  if (e.kind === 'status') {
    const s = $('#stream-status');
    s.textContent = e.status === 'live' ? '● live' : e.status === 'signed-out' ? 'signed out' : `○ ${e.status}`;
    s.title = e.detail ?? '';
    s.dataset.status = e.status;
    if (e.status === 'signed-out') void endSession();
  }
});

async function endSession() {
  disconnectStream();
  await signOut();
  showHeader();
  location.hash = '#/sign-in';
  void route();
}

onUnauthorized(() => { if (user()) void endSession(); });
$('#sign-out').addEventListener('click', () => { void endSession(); });
$('#theme-toggle').addEventListener('click', nextTheme);
applyTheme();
window.addEventListener('hashchange', () => { void route(); });

await restore();
if (user()) connectStream();
void route();
