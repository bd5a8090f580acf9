// Ubuntu's /usr/lib/update-notifier/apt-check prints "pending;security" on
// STDERR (stdout stays empty) and nothing else unless --human-readable is
// given. It names no packages, so only the counts are known. A pasted answer
// often arrives on stdin instead, so stdout is read when stderr has none.
import type { PatchStatus } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';
import { emptyPatch } from '@tandem/proto';
import { exitReason, outputLines, patchUnknown } from './parse-linux-patch-common.js';

const COUNTS = /^(\d+);(\d+)$/;

function countsLine(text: string): { line: string | null; lastLine: string | null } {
  const lines = outputLines(text).map((l) => l.trim()).filter(Boolean);
  // Python warnings may precede the answer; the answer is the last line.
  const lastLine = lines[lines.length - 1] ?? null;
  return { line: lastLine !== null && COUNTS.test(lastLine) ? lastLine : null, lastLine };
}

export function parseAptCheck(output: ToolOutput): PatchStatus {
  if (output.exitCode !== 0) return patchUnknown('apt', exitReason('apt-check', output));
  const fromStderr = countsLine(output.stderr);
  const fromStdout = countsLine(output.stdout);
  const line = fromStderr.line ?? fromStdout.line;
  if (!line) {
    const seen = fromStderr.lastLine ?? fromStdout.lastLine;
    return patchUnknown('apt', seen ? `apt-check did not print "pending;security" counts; last line: "${seen.slice(0, 120)}"` : 'apt-check printed nothing');
  }
  const [pending = 0, security = 0] = line.split(';').map(Number);
  if (security > pending) return patchUnknown('apt', `apt-check reports ${security} security updates but only ${pending} updates in all`);
  return { ...emptyPatch(), source: 'apt', pendingCount: pending, securityCount: security };
}
