// The site and tags a device enrolls with: what its enrollment token sets,
// plus what the installer asked for, within what the token allows. An
// admin who issues a token for one site or with a tag has decided it; an
// installer may add labels but never override the admin's.

export interface Labels {
  site: string | null;
  tags: string[];
}

export type LabelDecision = { ok: true; labels: Labels } | { ok: false; reason: string };

/** The part of a `key=value` tag before its "=", or null for a plain tag. */
function tagKey(tag: string): string | null {
  const at = tag.indexOf('=');
  return at > 0 ? tag.slice(0, at) : null;
}

/**
 * - site: the token's when it has one; a different requested site is refused.
 *   A token without a site takes the requested one.
 * - tags: the union of both, the token's always kept. A requested `key=value`
 *   tag whose key the token already sets to another value is refused (a
 *   device's `role=server` from the token cannot become `role=kiosk`).
 */
export function enrollLabels(token: Labels, requested: { site?: string | undefined; tags?: readonly string[] | undefined }): LabelDecision {
  const site = requested.site ?? null;
  if (token.site !== null && site !== null && site !== token.site) {
    return { ok: false, reason: `the enrollment token is for site "${token.site}"; it cannot enroll a device at site "${site}" (leave --site out, or ask for a token for that site)` };
  }
  const tokenValues = new Map<string, string>();
  for (const tag of token.tags) {
    const key = tagKey(tag);
    if (key !== null) tokenValues.set(key, tag);
  }
  const conflicts = (requested.tags ?? []).filter((tag) => {
    const key = tagKey(tag);
    const fixed = key === null ? undefined : tokenValues.get(key);
    return fixed !== undefined && fixed !== tag;
  });
  if (conflicts.length > 0) {
    const pairs = conflicts.map((tag) => `"${tag}" (the token sets "${tokenValues.get(tagKey(tag)!)}")`);
    return { ok: false, reason: `the enrollment token fixes these tags; refused ${pairs.join(', ')}` };
  }
  return { ok: true, labels: { site: token.site ?? site, tags: [...new Set([...token.tags, ...(requested.tags ?? [])])] } };
}
