// Quick start: the collector on its embedded store plus a local agent
// enrolled against it, all under ./.tandem. Prints where to look.
// Flags: --port <n> (default 8080, or a free port when 8080 is taken);
// --demo adds a simulated fleet in two client organizations (scripts/demo/).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDemoFleet } from './demo/start-fleet.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const home = join(root, '.tandem');
const collectorCli = join(root, 'collector', 'dist', 'cli.js');
const agentCli = join(root, 'agent', 'dist', 'cli.js');
const { values } = parseArgs({ args: process.argv.slice(2).filter((a) => a !== '--'), options: { port: { type: 'string' }, demo: { type: 'boolean' } }, strict: false });

function freePort(preferred) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => {
      const any = createServer();
      any.listen(0, '127.0.0.1', () => { const { port } = any.address(); any.close(() => resolve(port)); });
    });
    // Port 0 asks for any free port: answer the one the system picked.
    srv.listen(preferred, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

function collector(args, input) {
  return execFileSync(process.execPath, [collectorCli, ...args, '--config', join(home, 'collector.yaml')], { encoding: 'utf8', input }).trim();
}

/** A local account with a random password (given on stdin, never on the command line). */
function createUser({ email, name, role, tenant }) {
  const password = randomBytes(12).toString('base64url');
  collector(['user', 'create', '--email', email, '--name', name, '--role', role, ...(tenant ? ['--tenant', tenant] : []), '--password-stdin'], `${password}\n`);
  return { email, password, role, tenant: tenant ?? null };
}

async function waitReady(url, child) {
  // A minute: on a busy machine the first start (migrations, rule pack) takes a while.
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error('collector exited during start-up; see its log above');
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`collector did not become ready at ${url}`);
}

if (!existsSync(collectorCli) || !existsSync(agentCli)) {
  console.error('Build output is missing; run `pnpm install` (it builds) or `pnpm build` first.');
  process.exit(1);
}

mkdirSync(home, { recursive: true, mode: 0o700 });
const port = await freePort(Number(values.port ?? 8080));
const url = `http://127.0.0.1:${port}`;

writeFileSync(join(home, 'collector.yaml'), [
  '# Written by `pnpm start`: the quick-start collector on its embedded store.',
  `listen: { host: 127.0.0.1, port: ${port} }`,
  'dataDir: collector',
  'logLevel: warn',
  '',
].join('\n'));

// Back-up freshness on Debian's own daily /var/backups (dpkg and passwd copies) when present.
const backupPath = existsSync('/var/backups') ? '/var/backups' : join(home, 'backups');
mkdirSync(backupPath, { recursive: true });
writeFileSync(join(home, 'agent.yaml'), [
  '# Written by `pnpm start`: the local agent reporting to the quick-start collector.',
  'dataDir: agent',
  `collectors: ["ws://127.0.0.1:${port}/agent/v1"]`,
  'backup:',
  '  providers:',
  `    - { type: file-freshness, name: local-backups, path: "${backupPath}" }`,
  '',
].join('\n'));

const stateFile = join(home, 'quickstart.json');
let state = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : null;
if (!state) {
  collector(['tenant', 'create', '--id', 'local', '--name', 'Local organization']);
  const apiToken = collector(['token', 'create', '--name', 'quick start', '--scopes', 'read,write,admin']);
  const admin = createUser({ email: 'admin@tandem.local', name: 'Quick-start admin', role: 'provider-admin' });
  state = { tenantId: 'local', apiToken, admin };
  // Local, owner-only: lets a later `pnpm start` print the same token.
  writeFileSync(stateFile, JSON.stringify(state, null, 2), { mode: 0o600 });
}

const children = [];
const stopAll = (code) => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 2500).unref();
};
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

const server = spawn(process.execPath, [collectorCli, 'serve', '--config', join(home, 'collector.yaml')], { stdio: 'inherit' });
children.push(server);
server.on('exit', (code) => { console.error(`collector exited (${code})`); stopAll(code ?? 1); });
await waitReady(url, server);

const agentConfig = join(home, 'agent.yaml');
if (!existsSync(join(home, 'agent', 'credentials.json'))) {
  const enrollToken = collector(['enroll-token', 'create', '--tenant', state.tenantId, '--site', 'local', '--max-uses', '1', '--expires-in', '1h']);
  execFileSync(process.execPath, [agentCli, 'enroll', '--url', url, '--token', enrollToken, '--config', agentConfig], { stdio: ['ignore', 'ignore', 'inherit'] });
}
const agent = spawn(process.execPath, [agentCli, 'run', '--config', agentConfig], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, TANDEM_LOG_LEVEL: 'warn' } });
children.push(agent);
agent.on('exit', (code) => { console.error(`agent exited (${code})`); stopAll(code ?? 1); });

let demoAccounts = [];
if (values.demo) {
  const demo = await startDemoFleet({ home, url, agentCli, collector, createUser, apiToken: state.apiToken });
  children.push(...demo.agents);
  demoAccounts = demo.accounts;
}

console.log(`Dashboard: ${url}/`);
console.log(`API token: ${state.apiToken}`);
console.log(`Sign in:   ${state.admin.email} / ${state.admin.password} (provider admin)`);
for (const a of demoAccounts) console.log(`Demo user: ${a.email} / ${a.password} (${a.role}${a.tenant ? ` of ${a.tenant}` : ''})`);
if (values.demo) console.log('Demo: 6 simulated endpoints in tenants acme and globex (alerts of both teams, one acknowledged, one assigned, one escalating after a minute); data in .tandem/demo/.');
if (values.demo) for (const t of ['acme', 'globex']) console.log(`Report and contract (${t}): ${url}/#/reports/${t} · ${url}/#/ownership/${t}`);
console.log('Data in .tandem/ (delete it to start over). Ctrl-C stops both.');
