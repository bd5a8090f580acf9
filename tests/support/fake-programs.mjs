// Puts small executables in a folder that replay recorded tool output, so the
// real agent runs every OS's collectors on any machine: the agent's tests,
// the end-to-end tests and the demo fleet all use this one module.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function shQuote(s) {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Creates a folder of fake programs and returns it (use it as the whole PATH).
 * `programs`: program name (e.g. `apt`, `powershell.exe`) -> answers; the first
 * answer whose `match` is a substring of the joined arguments wins.
 */
export function createFakeBin(programs, root = mkdtempSync(join(tmpdir(), 'tandem-fakebin-'))) {
  const bin = join(root, 'bin');
  const data = join(root, 'data');
  mkdirSync(bin, { recursive: true });
  mkdirSync(data, { recursive: true });
  let n = 0;
  for (const [program, answers] of Object.entries(programs)) {
    const lines = ['#!/bin/sh', 'args="$*"'];
    for (const a of answers) {
      const id = n++;
      const cond = a.match === undefined ? 'true' : `case "$args" in *${shQuote(a.match)}*) true;; *) false;; esac`;
      lines.push(`if ${cond}; then`);
      const out = join(data, `${id}.out`);
      if (a.stdoutFile) {
        copyFileSync(a.stdoutFile, out);
        lines.push(`  /bin/cat ${shQuote(out)}`);
      } else if (a.stdout !== undefined) {
        writeFileSync(out, a.stdout);
        lines.push(`  /bin/cat ${shQuote(out)}`);
      }
      if (a.stderr !== undefined) {
        const err = join(data, `${id}.err`);
        writeFileSync(err, a.stderr);
        lines.push(`  /bin/cat ${shQuote(err)} >&2`);
      }
      lines.push(`  exit ${a.exitCode ?? 0}`, 'fi');
    }
    lines.push(`echo "fake ${program}: no recorded answer for: $args" >&2`, 'exit 127');
    const file = join(bin, program);
    writeFileSync(file, `${lines.join('\n')}\n`);
    chmodSync(file, 0o755);
  }
  return bin;
}

/**
 * A PATH with only the fake programs, so a tool this machine happens to have
 * (apt, lsblk, systemctl…) can never answer in place of a recording. The
 * fakes themselves call /bin/sh and /bin/cat by absolute path.
 */
export function fakePath(bin) {
  return bin;
}
