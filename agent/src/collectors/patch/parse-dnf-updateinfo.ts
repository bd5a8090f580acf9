// `dnf updateinfo list --security` / `yum updateinfo list security`: one
// line per (advisory, package) pair for advisories that apply to this host,
//   dnf 4 / yum:  RHSA-2023:7549  Important/Sec.  kernel-5.14.0-362.13.1.el9_3.x86_64
//   dnf 5:        FEDORA-2024-1a2b  security  Important  pkg-1.2-3.fc40.x86_64  2024-05-01 10:00:00
// Without --security the same list carries bugfix / enhancement lines too;
// they are read and counted as not security. A package may appear under
// several advisories and versions: it is reported once, at the newest
// version, with the most severe rating and every advisory id.
import { pendingUpdate } from '@tandem/proto';
import type { PatchSource, PatchStatus, PendingUpdate } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';
import { emptyPatch } from '@tandem/proto';
import { exitReason, outputLines, patchUnknown, securityCountOf } from './parse-linux-patch-common.js';
import { compareEvr, rpmPackageNames, splitNevra } from './parse-rpm-version.js';

export interface Advisory {
  id: string;
  security: boolean;
  severity: string | null;
  /** "name.arch" of the package it updates. */
  nameArch: string;
  evr: string;
}

const ADVISORY_ID = /^[A-Za-z][\w.-]*?-\d{4}[-:]\S+$/;
const SEVERITY_RANK = ['low', 'moderate', 'important', 'critical'];

function severityOf(text: string | undefined): string | null {
  if (!text || /^(unknown|none|unspecified)$/i.test(text)) return null;
  return text;
}

/** dnf 4 / yum type column: "Important/Sec.", "Sec.", "bugfix", "enhancement", "newpackage". */
function readType(type: string): { security: boolean; severity: string | null } {
  const sec = /^(?:([^/]+)\/)?Sec\.$/i.exec(type);
  if (sec) return { security: true, severity: severityOf(sec[1]) };
  return { security: /^security$/i.test(type), severity: null };
}

function readLine(tokens: string[]): Advisory | null {
  // `--all` / `--installed` prefix each line with an "i" column.
  const t = tokens[0] === 'i' ? tokens.slice(1) : tokens;
  const [id = '', type = ''] = t;
  if (!ADVISORY_ID.test(id)) return null;
  let severity: string | undefined;
  let nevraToken: string | undefined;
  if (t.length === 3) {
    nevraToken = t[2];
  } else if (t.length >= 5 && /^\d{4}-\d{2}-\d{2}$/.test(t[t.length - 2] ?? '')) {
    // dnf 5 adds a severity column (possibly empty) and an issued date-time.
    nevraToken = t[t.length - 3];
    severity = t.length === 6 ? t[2] : undefined;
  }
  const nevra = nevraToken ? splitNevra(nevraToken) : null;
  if (!nevra) return null;
  const parsed = readType(type);
  return {
    id,
    security: parsed.security,
    severity: parsed.severity ?? (parsed.security ? severityOf(severity) : null),
    nameArch: `${nevra.name}.${nevra.arch}`,
    evr: nevra.evr,
  };
}

export function readUpdateinfo(text: string): { advisories: Advisory[] } | { problem: string } {
  const advisories: Advisory[] = [];
  for (const line of outputLines(text)) {
    const tokens = line.trim().split(/\s+/).filter(Boolean);
    if (tokens.length === 0) continue;
    const advisory = readLine(tokens);
    if (advisory) {
      advisories.push(advisory);
      continue;
    }
    // Anything else is a header or note, unless it starts like an advisory line.
    const first = tokens[0] === 'i' ? tokens[1] : tokens[0];
    if (first && ADVISORY_ID.test(first)) return { problem: `unreadable advisory line: "${line.trim().slice(0, 120)}"` };
  }
  return { advisories };
}

function moreSevere(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return SEVERITY_RANK.indexOf(b.toLowerCase()) > SEVERITY_RANK.indexOf(a.toLowerCase()) ? b : a;
}

/** One pending update per package from its security advisories. */
export function securityUpdates(advisories: Advisory[]): PendingUpdate[] {
  const byPackage = new Map<string, PendingUpdate & { ids: string[] }>();
  for (const a of advisories.filter((x) => x.security)) {
    const seen = byPackage.get(a.nameArch);
    if (!seen) {
      byPackage.set(a.nameArch, { ...pendingUpdate(a.nameArch, { availableVersion: a.evr, security: true, severity: a.severity }), ids: [a.id] });
      continue;
    }
    if (compareEvr(a.evr, seen.availableVersion ?? '') > 0) seen.availableVersion = a.evr;
    seen.severity = moreSevere(seen.severity, a.severity);
    if (!seen.ids.includes(a.id)) seen.ids.push(a.id);
  }
  return [...byPackage.values()].map(({ ids, ...u }) => ({ ...u, kb: ids.join(', ') }));
}

/**
 * Only security updates are listed, so the total pending is not known here:
 * pendingCount stays null and securityCount counts the listed packages.
 */
export function parseDnfUpdateinfoSecurity(output: ToolOutput, source: PatchSource = 'dnf'): PatchStatus {
  const command = source === 'yum' ? 'yum updateinfo list security' : 'dnf updateinfo list --security';
  if (output.exitCode !== 0) return patchUnknown(source, exitReason(command, output));
  const read = readUpdateinfo(output.stdout);
  if ('problem' in read) return patchUnknown(source, read.problem);
  const updates = rpmPackageNames(securityUpdates(read.advisories));
  return { ...emptyPatch(), source, updates, securityCount: securityCountOf(updates) };
}
