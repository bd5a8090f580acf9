// `tandem-collector maintenance list|add|remove`: maintenance windows through
// the running collector's API, so a scripted window is checked, audited and
// bound by the guardrails exactly as one made in the UI.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { CollectorError } from '../errors.js';

// The API's JSON, read loosely: the server checked its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

export interface MaintenanceCliOptions {
  url: string;
  token: string;
  tenant: string;
}

async function call(o: MaintenanceCliOptions, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<Json> {
  let res: Response;
  try {
    res = await fetch(`${o.url.replace(/\/+$/, '')}${path}`, {
      method, headers: { authorization: `Bearer ${o.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new CollectorError('COL_ERR_USAGE', `cannot reach the collector at ${o.url}: ${(err as Error).message}`);
  }
  const json = (await res.json().catch(() => ({}))) as Json;
  if (!res.ok) throw new CollectorError('COL_ERR_USAGE', `${method} maintenance of ${o.tenant}: HTTP ${res.status}: ${json.error?.message ?? 'no reason given'}`);
  return json;
}

const line = (w: Json) => `${w.id}\t${w.owner}\t${w.rrule ?? 'once'}\t${w.start} ${w.timeZone} +${w.durationMinutes}m\tnext ${w.active ? `now until ${w.active.end}` : (w.next[0]?.start ?? 'none')}\t${w.reason}`;

export async function maintenanceList(o: MaintenanceCliOptions): Promise<{ json: unknown; text: string }> {
  const r = await call(o, 'GET', `/api/v1/maintenance?tenantId=${encodeURIComponent(o.tenant)}`);
  return { json: r.windows, text: (r.windows as Array<Json>).map(line).join('\n') || `no maintenance windows for ${o.tenant}` };
}

/** Adds the window a YAML or JSON file describes (reason, owner, start, durationMinutes, timeZone, rrule, scope, only). */
export async function maintenanceAdd(o: MaintenanceCliOptions, file: string): Promise<{ json: unknown; text: string }> {
  let body: unknown;
  try {
    body = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CollectorError('COL_ERR_USAGE', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new CollectorError('COL_ERR_USAGE', `${file}: expected a mapping of window fields`);
  const w = await call(o, 'POST', '/api/v1/maintenance', { ...body, tenantId: o.tenant });
  return { json: w, text: `scheduled ${line(w)}` };
}

export async function maintenanceRemove(o: MaintenanceCliOptions, id: string): Promise<{ json: unknown; text: string }> {
  const r = await call(o, 'DELETE', `/api/v1/maintenance/${encodeURIComponent(id)}?tenantId=${encodeURIComponent(o.tenant)}`);
  return { json: r, text: `removed maintenance window ${id}` };
}
