// `pacman -Qu`: installed packages with a newer version in the local sync
// databases, one per line: "name old -> new", with " [ignored]" (translated)
// when IgnorePkg holds it back. Exit 1 with no output means nothing is
// out of date; errors are printed as "error: …" on stderr with exit 1.
// pacman has no notion of security updates.
import { pendingUpdate } from '@tandem/proto';
import type { PatchStatus, PendingUpdate } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';
import { exitReason, isBlank, outputLines, patchFromUpdates, patchUnknown } from './parse-linux-patch-common.js';

const LINE = /^(\S+) (\S+) -> (\S+)(?: \[[^\]]+\])?$/;

export function parsePacmanQu(output: ToolOutput): PatchStatus {
  const nothing = isBlank(output.stdout);
  if (output.exitCode === 1 && nothing && isBlank(output.stderr)) return patchFromUpdates('pacman', []);
  if (output.exitCode !== 0) return patchUnknown('pacman', exitReason('pacman -Qu', output));
  if (nothing) return patchUnknown('pacman', 'pacman -Qu exited 0 but listed no packages; pacman exits 1 when nothing is out of date');
  const updates: PendingUpdate[] = [];
  for (const raw of outputLines(output.stdout)) {
    const line = raw.trim();
    if (line === '') continue;
    const m = LINE.exec(line);
    if (!m) return patchUnknown('pacman', `unexpected line in pacman -Qu output: "${line.slice(0, 120)}"`);
    const [, name = '', current = '', available = ''] = m;
    // An ignored package is still out of date: report it, it just will not move on its own.
    updates.push(pendingUpdate(name, { currentVersion: current, availableVersion: available }));
  }
  return patchFromUpdates('pacman', updates);
}
