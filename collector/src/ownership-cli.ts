// `tandem-collector ownership apply|diff`: scripted changes to a tenant's
// ownership config go through the running collector's API, so every change
// is validated, versioned, audited and re-routes open alerts exactly as a
// change made in the UI.
import { readFileSync } from 'node:fs';
import { createTwoFilesPatch } from 'diff';
import { CollectorError } from './errors.js';
import { maskOwnershipText } from './notify/channel-secrets.js';

export interface OwnershipCliOptions {
  url: string;
  token: string;
  tenant: string;
  file: string;
}

async function call(o: OwnershipCliOptions, method: 'GET' | 'PUT', body?: string): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(`${o.url.replace(/\/+$/, '')}/api/v1/tenants/${encodeURIComponent(o.tenant)}/ownership`, {
      method,
      headers: { authorization: `Bearer ${o.token}`, ...(body !== undefined ? { 'content-type': 'application/yaml' } : {}) },
      body,
    });
  } catch (err) {
    throw new CollectorError('COL_ERR_USAGE', `cannot reach the collector at ${o.url}: ${(err as Error).message}`);
  }
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown> & { error?: { code: string; message: string } };
  if (!res.ok) {
    const code = json.error?.code === 'COL_ERR_OWNERSHIP_INVALID' ? 'COL_ERR_OWNERSHIP_INVALID' : 'COL_ERR_USAGE';
    throw new CollectorError(code, `${method} ownership of ${o.tenant}: HTTP ${res.status}: ${json.error?.message ?? 'no reason given'}`);
  }
  return json;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new CollectorError('COL_ERR_USAGE', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** What would change: a unified diff of the config in force against the file ('' when equal). */
export async function ownershipDiff(o: OwnershipCliOptions): Promise<string> {
  const current = await call(o, 'GET');
  const inForce = typeof current.text === 'string' ? current.text : '';
  // The collector shows secrets masked; the file is masked the same way, so an unchanged secret is no difference.
  const wanted = maskOwnershipText(readText(o.file), { providerChannels: true }) ?? readText(o.file);
  if (inForce === wanted) return '';
  const label = current.version === null ? `${o.tenant} (built-in default)` : `${o.tenant} version ${String(current.version)}`;
  return createTwoFilesPatch(label, o.file, inForce, wanted, '', '', { context: 3 });
}

/** Replaces the config with the file's; returns the new version. */
export async function ownershipApply(o: OwnershipCliOptions): Promise<number | null> {
  const view = await call(o, 'PUT', readText(o.file));
  return typeof view.version === 'number' ? view.version : null;
}
