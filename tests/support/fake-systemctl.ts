// systemd is not PID 1 here, so `systemctl` is a fake on PATH that records
// every call (in <root>/../systemctl.log) and implements the part of its
// contract install relies on: `enable --now` and `restart` run the unit's
// exact ExecStart line as a process, `disable --now` stops it, `is-active`
// says whether it runs.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A fake systemctl: records its arguments, runs the unit's ExecStart like systemd would. */
const FAKE_SYSTEMCTL = String.raw`#!${process.execPath}
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
// The root the unit is in: a dpkg --root's, else the one install was given.
const root = process.env.DPKG_ROOT || process.env.TANDEM_INSTALL_ROOT;
const args = process.argv.slice(2);
fs.appendFileSync(path.join(root, '..', 'systemctl.log'), JSON.stringify(args) + '\n');
if (process.env.FAKE_SYSTEMCTL_FAIL && args.includes(process.env.FAKE_SYSTEMCTL_FAIL)) {
  console.error('Failed to ' + args[0] + ' unit: Access denied');
  process.exit(1);
}
const unit = args.find((a) => a.endsWith('.service'));
const pidFile = path.join(root, '..', 'service.pid');
const alive = () => { try { const pid = Number(fs.readFileSync(pidFile, 'utf8')); process.kill(pid, 0); return pid; } catch { return 0; } };
function words(line) {
  const out = []; let cur = null; let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) { if (c === '\\') cur += line[++i]; else if (c === '"') quoted = false; else cur += c; }
    else if (c === '"') { quoted = true; cur = cur ?? ''; }
    else if (c === ' ') { if (cur !== null) out.push(cur); cur = null; }
    else cur = (cur ?? '') + c;
  }
  if (cur !== null) out.push(cur);
  return out.map((w) => w.replace(/%%/g, '%').replace(/\$\$/g, '$'));
}
function start() {
  const text = fs.readFileSync(path.join(root, 'etc', 'systemd', 'system', unit), 'utf8');
  const [program, ...rest] = words(/^ExecStart=(.*)$/m.exec(text)[1]);
  const log = fs.openSync(path.join(root, '..', 'service.log'), 'a');
  const child = spawn(program, rest, { detached: true, stdio: ['ignore', log, log] });
  fs.writeFileSync(pidFile, String(child.pid));
  child.unref();
}
function stop() {
  const pid = alive();
  if (!pid) return;
  process.kill(pid, 'SIGTERM');
  const until = Date.now() + 20000;
  while (alive() && Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  if (alive()) process.kill(pid, 'SIGKILL');
}
const [verb] = args;
if (verb === 'daemon-reload') process.exit(0);
if (verb === 'enable' && args.includes('--now')) { if (!alive()) start(); process.exit(0); }
if (verb === 'disable') { stop(); process.exit(0); }
if (verb === 'restart') { stop(); start(); process.exit(0); }
if (verb === 'is-active') { const on = alive(); console.log(on ? 'active' : 'inactive'); process.exit(on ? 0 : 3); }
console.error('fake systemctl: unsupported ' + args.join(' '));
process.exit(1);
`;

/** Writes the fake as `systemctl` into `dir` (put it first on PATH). */
export function writeFakeSystemctl(dir: string): void {
  writeFileSync(join(dir, 'systemctl'), FAKE_SYSTEMCTL);
  chmodSync(join(dir, 'systemctl'), 0o755);
}
