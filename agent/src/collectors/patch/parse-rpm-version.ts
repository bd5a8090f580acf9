// RPM names and versions as dnf, yum and zypper print them.

/** "name.arch" for a check-update line's first column, split at the last dot. */
export function splitNameArch(nameArch: string): { name: string; arch: string } | null {
  const at = nameArch.lastIndexOf('.');
  if (at <= 0) return null;
  // Architectures are plain words (x86_64, noarch, i686, aarch64); a cut
  // "kernel-core-5.14.0-36" must not read as arch "0-36".
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(nameArch.slice(at + 1))) return null;
  return { name: nameArch.slice(0, at), arch: nameArch.slice(at + 1) };
}

/** The architectures RPM-based distributions build for; a name's last dotted word is stripped only when it is one of these. */
const RPM_ARCHES = new Set([
  'noarch', 'x86_64', 'i386', 'i486', 'i586', 'i686', 'athlon', 'aarch64', 'armv6hl', 'armv7hl', 'armv7l', 'armhfp',
  'ppc64', 'ppc64le', 'ppc64p7', 's390', 's390x', 'riscv64', 'loongarch64', 'ia64', 'mips64el', 'src', 'nosrc',
]);

/**
 * Package names as other tools and other hosts spell them: "glibc.x86_64"
 * becomes "glibc", so the same package has one name across apt, dnf and
 * zypper fleets and across architectures. On a multilib host that lists one
 * name for several architectures, each keeps its "name.arch" (dnf's own
 * key), so neither hides the other.
 */
export function rpmPackageNames<T extends { name: string }>(updates: readonly T[]): T[] {
  const split = updates.map((u) => {
    const na = splitNameArch(u.name);
    return na && RPM_ARCHES.has(na.arch) ? na.name : u.name;
  });
  const count = new Map<string, number>();
  for (const name of split) count.set(name, (count.get(name) ?? 0) + 1);
  return updates.map((u, i) => ((count.get(split[i] as string) ?? 0) > 1 ? u : { ...u, name: split[i] as string }));
}

/** "[epoch:]version-release"; neither version nor release may contain "-". */
export function isEvr(text: string): boolean {
  return /^(\d+:)?[^\s:-]+-[^\s:-]+$/.test(text);
}

/**
 * Splits "name-[epoch:]version-release.arch" (NEVRA, as updateinfo prints
 * it). The name may contain dashes; version and release may not.
 */
export function splitNevra(nevra: string): { name: string; evr: string; arch: string } | null {
  const na = splitNameArch(nevra);
  if (!na) return null;
  const rel = na.name.lastIndexOf('-');
  if (rel <= 0) return null;
  const ver = na.name.lastIndexOf('-', rel - 1);
  if (ver <= 0) return null;
  const evr = na.name.slice(ver + 1);
  if (!isEvr(evr)) return null;
  return { name: na.name.slice(0, ver), evr, arch: na.arch };
}

/** rpmvercmp: alternating digit and letter segments; "~" sorts before anything, "^" after the base. */
export function compareRpmSegment(a: string, b: string): number {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && !/[A-Za-z0-9~^]/.test(a.charAt(i))) i++;
    while (j < b.length && !/[A-Za-z0-9~^]/.test(b.charAt(j))) j++;
    const ca = a.charAt(i);
    const cb = b.charAt(j);
    if (ca === '~' || cb === '~') {
      if (ca !== '~') return 1;
      if (cb !== '~') return -1;
      i++; j++;
      continue;
    }
    if (ca === '^' || cb === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (ca !== '^') return 1;
      if (cb !== '^') return -1;
      i++; j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const digits = /[0-9]/.test(ca);
    const pattern = digits ? /^[0-9]+/ : /^[A-Za-z]+/;
    const sa = pattern.exec(a.slice(i))?.[0] ?? '';
    const sb = pattern.exec(b.slice(j))?.[0] ?? '';
    if (sb === '') return digits ? 1 : -1;
    if (digits) {
      const na = sa.replace(/^0+/, '');
      const nb = sb.replace(/^0+/, '');
      if (na.length !== nb.length) return na.length > nb.length ? 1 : -1;
      if (na !== nb) return na > nb ? 1 : -1;
    } else if (sa !== sb) {
      return sa > sb ? 1 : -1;
    }
    i += sa.length;
    j += sb.length;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

/** Compares two "[epoch:]version-release" strings the way rpm orders them. */
export function compareEvr(a: string, b: string): number {
  const parse = (evr: string) => {
    const colon = evr.indexOf(':');
    const epoch = colon > 0 ? Number(evr.slice(0, colon)) : 0;
    const rest = colon > 0 ? evr.slice(colon + 1) : evr;
    const dash = rest.lastIndexOf('-');
    return { epoch, version: dash >= 0 ? rest.slice(0, dash) : rest, release: dash >= 0 ? rest.slice(dash + 1) : '' };
  };
  const x = parse(a);
  const y = parse(b);
  if (x.epoch !== y.epoch) return x.epoch > y.epoch ? 1 : -1;
  return compareRpmSegment(x.version, y.version) || compareRpmSegment(x.release, y.release);
}
