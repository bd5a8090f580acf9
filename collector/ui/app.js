// Devices page: lists every device the API token can see, with its volumes.
// Plain DOM code, no framework: it is one table.
const TOKEN_KEY = 'tandem.apiToken';

const $ = (sel) => document.querySelector(sel);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? '')));
  return node;
}

function formatBytes(n) {
  if (n === null || n === undefined) return '?';
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) { n /= 1000; i++; }
  return `${n.toFixed(n < 10 && i > 0 ? 1 : 0)} ${units[i]}`;
}

function ago(iso) {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

function topicCell(topic) {
  if (!topic) return el('td', { class: 'muted' }, 'not reported');
  if (topic.state !== 'ok') return el('td', { class: 'state-unknown', title: topic.reason ?? '' }, `unknown: ${topic.reason ?? ''}`);
  return el('td', { class: 'state-ok' }, 'ok');
}

function volumesCell(disk) {
  const td = el('td');
  if (!disk) return td;
  if (disk.state !== 'ok') td.append(el('div', { class: 'state-unknown' }, disk.reason ?? 'unknown'));
  for (const v of disk.volumes) {
    const pct = v.usedPercent ?? 0;
    const fill = el('span', { class: pct >= 95 ? 'crit' : pct >= 90 ? 'warn' : '' });
    // Set through the CSSOM: the page's CSP forbids inline style attributes.
    fill.style.width = `${Math.min(100, pct)}%`;
    td.append(el('div', { class: 'volume', 'data-mount': v.mount },
      el('code', {}, v.mount),
      el('div', { class: 'bar', role: 'meter', 'aria-valuenow': String(pct), 'aria-valuemin': '0', 'aria-valuemax': '100' }, fill),
      el('span', {}, `${pct.toFixed(1)} % of ${formatBytes(v.sizeBytes)} (${formatBytes(v.freeBytes)} free)`)));
  }
  return td;
}

function render(devices) {
  $('#device-count').textContent = `(${devices.length})`;
  const body = $('#devices tbody');
  body.replaceChildren(...devices.map((d) => {
    const inv = d.status?.inventory;
    return el('tr', { 'data-device-id': d.id },
      el('td', {}, el('strong', {}, d.hostname), el('div', { class: 'muted' }, d.id)),
      el('td', {}, inv ? `${inv.osName ?? inv.os ?? '?'} ${inv.osVersion ?? ''}` : (d.os ?? '?')),
      el('td', { class: d.connected ? '' : 'offline' }, `${ago(d.lastSeenAt)}${d.connected ? '' : ' (offline)'}`),
      topicCell(d.status?.patch),
      topicCell(d.status?.backup),
      topicCell(d.status?.security),
      volumesCell(d.status?.disk));
  }));
}

async function load() {
  const token = localStorage.getItem(TOKEN_KEY);
  if (!token) return showSignIn();
  const res = await fetch('/api/v1/devices', { headers: { authorization: `Bearer ${token}` } });
  if (res.status === 401) {
    localStorage.removeItem(TOKEN_KEY);
    return showSignIn('That token was not accepted.');
  }
  const body = await res.json();
  if (!res.ok) {
    $('#load-error').textContent = body?.error?.message ?? `HTTP ${res.status}`;
    return;
  }
  $('#load-error').textContent = '';
  $('#sign-in').hidden = true;
  $('#devices-view').hidden = false;
  $('#sign-out').hidden = false;
  render(body.devices);
}

function showSignIn(message = '') {
  $('#sign-in').hidden = false;
  $('#devices-view').hidden = true;
  $('#sign-out').hidden = true;
  $('#sign-in-error').textContent = message;
}

$('#sign-in').addEventListener('submit', (e) => {
  e.preventDefault();
  localStorage.setItem(TOKEN_KEY, $('#token').value.trim());
  void load();
});
$('#sign-out').addEventListener('click', () => {
  localStorage.removeItem(TOKEN_KEY);
  showSignIn();
});

void load();
setInterval(() => { if (localStorage.getItem(TOKEN_KEY)) void load(); }, 5000);
