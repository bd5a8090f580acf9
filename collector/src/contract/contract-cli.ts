// `tandem-collector ownership contract|diff --from`: the contract document
// and the plain-words diff between versions, read from the running
// collector's API, so the CLI shows exactly what the UI and the API show.
import { CollectorError } from '../errors.js';

export interface ContractCliOptions {
  url: string;
  token: string;
  tenant: string;
}

async function getText(o: ContractCliOptions, path: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${o.url.replace(/\/+$/, '')}/api/v1/tenants/${encodeURIComponent(o.tenant)}${path}`, { headers: { authorization: `Bearer ${o.token}` } });
  } catch (err) {
    throw new CollectorError('COL_ERR_USAGE', `cannot reach the collector at ${o.url}: ${(err as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) {
    const message = (() => { try { return (JSON.parse(text) as { error?: { message?: string } }).error?.message; } catch { return undefined; } })();
    throw new CollectorError('COL_ERR_USAGE', `GET ${path.split('?')[0]} of ${o.tenant}: HTTP ${res.status}: ${message ?? 'no reason given'}`);
  }
  return text;
}

const positive = (v: string, flag: string): number => {
  if (!/^[1-9]\d*$/.test(v)) throw new CollectorError('COL_ERR_USAGE', `${flag} must be a version number (1, 2, …), got "${v}"`);
  return Number(v);
};

/** The contract document as Markdown or HTML. */
export async function contractText(o: ContractCliOptions & { version?: string; format?: string }): Promise<string> {
  const format = o.format ?? 'md';
  if (format !== 'md' && format !== 'html') throw new CollectorError('COL_ERR_USAGE', `--format must be md or html, got "${format}"`);
  const version = o.version === undefined ? '' : `&version=${positive(o.version, '--version')}`;
  return getText(o, `/ownership/contract?format=${format}${version}`);
}

/** What changed between two versions (to: the current one when absent), one sentence a line. */
export async function versionDiffText(o: ContractCliOptions & { from: string; to?: string }): Promise<{ text: string; changed: boolean }> {
  const to = o.to === undefined ? '' : `&to=${positive(o.to, '--to')}`;
  const r = JSON.parse(await getText(o, `/ownership/diff?from=${positive(o.from, '--from')}${to}`)) as { from: number; to: number | null; changes: string[] };
  const head = `ownership of ${o.tenant}, version ${r.from} → ${r.to === null ? 'built-in default' : `version ${r.to}`}`;
  return { text: r.changes.length === 0 ? `${head}: no change to the contract` : [head, ...r.changes.map((c) => `- ${c}`)].join('\n'), changed: r.changes.length > 0 };
}
