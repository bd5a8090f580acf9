// Dependency audit: `pnpm audit` against the registry's advisory database.
// Fails on a high or critical advisory that is not in scripts/audit-allowlist.json,
// where each accepted advisory names why and until when:
//   [{ "advisory": "GHSA-xxxx-xxxx-xxxx", "package": "name", "reason": "…", "until": "2027-01-31" }]
// An entry past its `until` no longer counts. When the registry does not
// serve the audit endpoint (some mirrors and proxies answer 405), the audit
// cannot run: it says so plainly and is skipped, without failing the build.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const FAIL_AT = new Set(['high', 'critical']);

function runAudit() {
  try {
    return execFileSync('pnpm', ['audit', '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  } catch (err) {
    // pnpm exits non-zero when it finds advisories, and when it cannot ask; the JSON tells which.
    if (typeof err.stdout === 'string' && err.stdout.trim().startsWith('{')) return err.stdout;
    return JSON.stringify({ error: { code: err.code ?? 'ERR_AUDIT_RUN', message: String(err.stderr || err.message).split('\n')[0] } });
  }
}

const report = JSON.parse(runAudit());
if (report.error) {
  console.log(`dependency audit SKIPPED: the registry's audit endpoint cannot be used here (${report.error.code}: ${report.error.message})`);
  console.log('run `node scripts/audit.mjs` where the npm registry serves /-/npm/v1/security/audits to check dependencies');
  process.exit(0);
}

const today = new Date().toISOString().slice(0, 10);
const allowlist = JSON.parse(readFileSync(join(root, 'scripts', 'audit-allowlist.json'), 'utf8'));
const accepted = (a) => allowlist.some((e) => (e.advisory === a.github_advisory_id || e.advisory === String(a.id)) && e.package === a.module_name && (!e.until || e.until >= today));

const advisories = Object.values(report.advisories ?? {});
const blocking = advisories.filter((a) => FAIL_AT.has(a.severity) && !accepted(a));
for (const a of advisories) {
  const mark = blocking.includes(a) ? 'FAIL' : accepted(a) ? 'allowed' : 'note';
  console.log(`${mark.padEnd(7)} ${a.severity.padEnd(8)} ${a.module_name} ${a.github_advisory_id ?? a.id}: ${a.title} (${a.url})`);
}
console.log(`dependency audit: ${advisories.length} advisories, ${blocking.length} blocking (high or critical, not allowlisted)`);
process.exit(blocking.length > 0 ? 1 : 0);
