// The report's documents: figures as rendered, names escaped, CSV safe to open in a spreadsheet.
import { describe, expect, it } from 'vitest';
import { computeSlaReport } from '../../src/reports/sla-report.js';
import { slaReportCsv, slaReportHtml } from '../../src/reports/render-sla-report.js';
import { printPdf } from '../../src/reports/print-pdf.js';

const period = { from: Date.parse('2026-11-01T00:00:00Z'), until: Date.parse('2026-12-01T00:00:00Z') };
const firedAt = Date.parse('2026-11-03T09:00:00Z');
const report = computeSlaReport({
  tenantId: 'acme', period, now: period.until, excluded: { internal: [], provider: [] }, devices: [],
  alerts: [{ id: 'a', ruleId: 'disk-full', category: 'disk', severity: 'warning', firedAt, history: [{ at: firedAt + 15 * 60_000, to: 'acknowledged' }], decisions: [{ at: firedAt, reason: 'fire', owner: 'internal', slaMinutes: 30 }] }],
});

describe('SLA report documents', () => {
  it('HTML shows the figures and escapes names', () => {
    const html = slaReportHtml(report, 'Acme <Corp> & Co');
    expect(html).toContain('Service report: Acme &lt;Corp&gt; &amp; Co');
    expect(html).toContain('<td>Internal IT</td><td class="num">1</td><td>15 min / 15 min</td>');
    expect(html).toContain('100% (1 of 1)');
    expect(html).not.toMatch(/<script/i);
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
