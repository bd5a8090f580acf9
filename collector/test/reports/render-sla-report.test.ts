// The report's documents: figures as rendered, names escaped, CSV safe to open in a spreadsheet.
import { describe, expect, it } from 'vitest';
import { computeSlaReport } from '../../src/reports/sla-report.js';
import { slaReportCsv, slaReportHtml } from '../../src/reports/render-sla-report.js';
import { printPdf } from '../../src/reports/print-pdf.js';

const period = { from: Date.parse('2026-11-01T00:00:00Z'), until: Date.parse('2026-12-01T00:00:00Z') };
const firedAt = Date.parse('2026-11-03T09:00:00Z');
const report = computeSlaReport({
  tenantId: 'acme', period, now: period.until, excluded: { internal: [], provider: [] },
  devices: [
    { id: 'd1', hostname: 'ws-1', backups: [{ name: 'restic/home', lastSuccessAt: period.until - 3_600_000 }], backupFreshHours: 26 },
    { id: 'd2', hostname: 'srv-<1>', backups: [], backupFreshHours: 26 },
  ],
  patch: [
    { deviceId: 'd1', tenantId: 'acme', hostname: 'ws-1', compliant: true, reason: null, maxAgeDays: 14, securityPendingCount: 0, oldestUpdate: null, securityPendingSince: null, outOfComplianceSince: null, daysOver: 0 },
    {
      deviceId: 'd2', tenantId: 'acme', hostname: 'srv-<1>', compliant: false, reason: 'openssl has been pending longer than 30 days', maxAgeDays: 30, securityPendingCount: 2,
      oldestUpdate: 'openssl', securityPendingSince: '2026-10-20T00:00:00.000Z', outOfComplianceSince: '2026-11-19T00:00:00.000Z', daysOver: 12,
    },
    { deviceId: 'd3', tenantId: 'acme', hostname: 'ws-3', compliant: null, reason: 'no patch status reported yet', maxAgeDays: 14, securityPendingCount: null, oldestUpdate: null, securityPendingSince: null, outOfComplianceSince: null, daysOver: null },
  ],
  alerts: [{ id: 'a', deviceId: 'dev-1', ruleId: 'disk-full', category: 'disk', severity: 'warning', firedAt, history: [{ at: firedAt + 15 * 60_000, to: 'acknowledged' }], decisions: [{ at: firedAt, reason: 'fire', owner: 'internal', slaMinutes: 30 }] }],
});

describe('SLA report documents', () => {
  it('HTML shows the figures and escapes names', () => {
    const html = slaReportHtml(report, 'Acme <Corp> & Co');
    expect(html).toContain('Service report: Acme &lt;Corp&gt; &amp; Co');
    expect(html).toContain('<td>Internal IT</td><td class="num">1</td><td>15 min / 15 min</td>');
    expect(html).toContain('100% (1 of 1)');
    expect(html).not.toMatch(/<script/i);
  });

  it('patch section names the limits in force, who is over and who is unknown', () => {
    const html = slaReportHtml(report, 'Acme');
    expect(html).toContain('<p>1 of 2 devices within their patch compliance limit (14 days for 1 device, 30 days for 1 device for pending security and critical updates); 1 of 3 devices could not be assessed.</p>');
    expect(html).toContain('<tr><td>srv-&lt;1&gt;</td><td class="num">30</td><td>2026-11-19 00:00 UTC</td><td class="num">12</td><td class="num">2</td><td>openssl</td></tr>');
    expect(html).toContain('<tr><td>ws-3</td><td>no patch status reported yet</td></tr>');
    expect(html).toContain('<p>1 of 2 devices have a backup that succeeded within their limit (26 hours).</p>');
  });

  it('CSV has the patch and backup figures, one row per limit in force', () => {
    const rows = slaReportCsv(report).split('\r\n').filter((l) => /,(patch|backup),/.test(l)).map((l) => l.split(',').slice(3).join(','));
    expect(rows).toEqual([
      'patch,,devices,3', 'patch,,devices_assessed,2', 'patch,,devices_compliant,1', 'patch,,devices_out_of_compliance,1', 'patch,,devices_unknown,1',
      'patch,,devices_with_limit_14_days,1', 'patch,,devices_with_limit_30_days,1',
      'backup,,devices,2', 'backup,,devices_assessed,2', 'backup,,devices_covered,1', 'backup,,devices_with_limit_26_hours,2',
    ]);
  });

  it('CSV quotes what needs it and defuses formulas', () => {
    const csv = slaReportCsv({ ...report, tenantId: '=HYPERLINK("x")' });
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")",2026-11-01,2026-11-30,sla,internal,alerts_owned,1`);
  });
});

describe('PDF without Chromium', () => {
  it('says what is missing and that HTML and CSV still work', async () => {
    await expect(printPdf('<p>x</p>', { executablePath: '/nonexistent/chromium' })).rejects.toMatchObject({
      code: 'COL_ERR_UNAVAILABLE', statusCode: 503,
      message: 'PDF export needs Chromium at /nonexistent/chromium (install the chromium package or set TANDEM_CHROMIUM); HTML and CSV work without it',
    });
  });
});
