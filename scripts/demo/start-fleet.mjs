// Starts the demo fleet against a running collector: creates the demo
// tenants, enrolls each simulated endpoint once, and runs its agent.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, utimesSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createFakeBin } from '../../tests/support/fake-programs.mjs';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { ACCOUNTS, FLEET, INVITED, TENANTS, ownershipYaml } from './fleet.mjs';

/** Receives the demo's notifications on loopback, so routing has real channels to deliver to. */
function startNotificationSink() {
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    server.listen(0, '127.0.0.1', () => {
      server.unref();
      resolve(`http://127.0.0.1:${server.address().port}/hooks`);
    });
  });
}

/** Signs in as a demo person and returns a caller that sends the session cookie and CSRF token. */
async function signIn(url, email, password) {
  const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw new Error(`demo sign-in of ${email}: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = await res.json();
  return async (method, path, body) => {
    const r = await fetch(`${url}${path}`, { method, headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`demo ${method} ${path}: HTTP ${r.status} ${await r.text()}`);
    return r.json();
  };
}

/** Acme's admin invites a viewer, as on the People page: the first password is answered once. */
async function inviteViewer(url, accounts) {
  const admin = accounts.find((a) => a.email === INVITED.by);
  const call = await signIn(url, admin.email, admin.password);
  const created = await call('POST', '/api/v1/users', { email: INVITED.email, name: INVITED.name, role: INVITED.role, generatePassword: true });
  return { email: created.email, password: created.initialPassword, role: created.role, tenant: INVITED.tenant };
}

/**
 * Once fired, a few alerts are worked on as a NOC would, so the board shows
 * each state: one acknowledged with a comment, one assigned. (The escalation
 * comes by itself: Globex's warehouse servers have a one-minute response time.)
 */
async function workOnAlerts(url, apiToken, doneFile) {
  const headers = { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' };
  const firing = async (query) => (await (await fetch(`${url}/api/v1/alerts?state=firing&${query}`, { headers })).json()).alerts ?? [];
  const deadline = Date.now() + 5 * 60_000;
  let ack; let assign;
  while (Date.now() < deadline && (!ack || !assign)) {
    ack = (await firing('tenant=acme&category=security'))[0];
    assign = (await firing('tenant=acme&category=backup')).find((a) => a.assignee === null);
    if (!ack || !assign) await new Promise((r) => setTimeout(r, 2000));
  }
  if (!ack || !assign) throw new Error('the alerts to acknowledge and assign did not fire within 5 minutes');
  const act = async (a, path, body) => {
    const r = await fetch(`${url}/api/v1/alerts/${encodeURIComponent(a.id)}/${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`demo ${path} of ${a.id}: HTTP ${r.status} ${await r.text()}`);
  };
  await act(ack, 'ack', { comment: 'Remote session booked with the front desk for 14:00 to turn protection back on.' });
  await act(assign, 'assign', { assignee: 'Dana Weber (Acme IT)', comment: 'Dana looks after the front-desk backups.' });
  writeFileSync(doneFile, JSON.stringify({ acknowledged: ack.id, assigned: assign.id }, null, 2));
}

/**
 * `collector(args)` runs the collector CLI against the demo's config and
 * returns its stdout; `createUser` makes a local account. Returns the agent
 * child processes and the demo accounts.
 */
export async function startDemoFleet({ home, url, agentCli, collector, createUser, apiToken }) {
  const known = new Set(JSON.parse(collector(['tenant', 'list', '--json'])).map((t) => t.id));
  for (const t of TENANTS) if (!known.has(t.id)) collector(['tenant', 'create', '--id', t.id, '--name', t.name]);

  const accountsFile = join(home, 'demo', 'accounts.json');
  mkdirSync(join(home, 'demo'), { recursive: true });
  const accounts = existsSync(accountsFile) ? JSON.parse(readFileSync(accountsFile, 'utf8')) : ACCOUNTS.map(createUser);
  if (!accounts.some((a) => a.email === INVITED.email)) accounts.push(await inviteViewer(url, accounts));
  writeFileSync(accountsFile, JSON.stringify(accounts, null, 2), { mode: 0o600 });

  // The sink's port changes from run to run, so the ownership configs are set each time (a new version).
  const sink = await startNotificationSink();
  for (const t of TENANTS) {
    const res = await fetch(`${url}/api/v1/tenants/${t.id}/ownership`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/yaml' },
      body: ownershipYaml(t.id, sink),
    });
    if (!res.ok) throw new Error(`demo ownership for ${t.id}: HTTP ${res.status} ${await res.text()}`);
  }

  const agents = FLEET.map((endpoint) => {
    const dir = join(home, 'demo', endpoint.name);
    mkdirSync(dir, { recursive: true });
    // Programs and OS files are rebuilt on every start so recordings stay current.
    rmSync(join(dir, 'fake'), { recursive: true, force: true });
    const bin = createFakeBin(endpoint.programs, join(dir, 'fake'));
    // systeminformation reads inventory facts through small shell pipelines.
    for (const tool of ['cat', 'grep', 'sed', 'awk', 'cut', 'head', 'tail', 'sort', 'tr', 'uname']) {
      for (const dir of ['/bin', '/usr/bin']) {
        if (existsSync(join(dir, tool)) && !existsSync(join(bin, tool))) symlinkSync(join(dir, tool), join(bin, tool));
      }
    }
    const root = join(dir, 'fake', 'root');
    for (const [path, text] of Object.entries(endpoint.files ?? {})) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const backups = join(dir, 'backups');
    mkdirSync(backups, { recursive: true });
    writeFileSync(join(backups, 'nightly.tar.zst'), 'demo');
    const when = new Date(Date.now() - endpoint.backupAgeHours * 3_600_000);
    utimesSync(join(backups, 'nightly.tar.zst'), when, when);

    writeFileSync(join(dir, 'agent.yaml'), [
      `# Demo endpoint ${endpoint.name}: ${endpoint.platform}, replaying recorded outputs.`,
      'dataDir: data',
      `collectors: ["${url.replace(/^http/, 'ws')}/agent/v1"]`,
      'schedules: { inventory: "*/30 * * * * *", patch: "*/30 * * * * *", disk: "*/15 * * * * *", backup: "*/30 * * * * *", security: "*/15 * * * * *" }',
      `backup: { providers: [{ type: file-freshness, name: nightly, path: "${backups}" }] }`,
      '',
    ].join('\n'));
    const env = { ...process.env, PATH: bin, TANDEM_PLATFORM: endpoint.platform, TANDEM_HOSTNAME: endpoint.name, TANDEM_FS_ROOT: root, TANDEM_LOG_LEVEL: 'error' };
    if (!existsSync(join(dir, 'data', 'credentials.json'))) {
      const token = collector(['enroll-token', 'create', '--tenant', endpoint.tenant, '--site', endpoint.site, '--tags', endpoint.tags.join(','), '--max-uses', '1', '--expires-in', '1h']);
      execFileSync(process.execPath, [agentCli, 'enroll', '--url', url, '--token', token, '--config', join(dir, 'agent.yaml')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    return spawn(process.execPath, [agentCli, 'run', '--config', join(dir, 'agent.yaml')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  });
  const actionsFile = join(home, 'demo', 'alert-actions.json');
  if (!existsSync(actionsFile)) workOnAlerts(url, apiToken, actionsFile).catch((err) => console.error(`demo: ${err.message}`));
  return { agents, accounts };
}
