// The monthly report goes to each tenant's contacts once per period, through
// a real SMTP server; a failed send is retried, never marked sent.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { createReportService } from '../../src/reports/report-service.js';
import { createReportSchedule } from '../../src/reports/report-schedule.js';
import { ReportDeliveries } from '../../src/reports/report-deliveries.js';
import { reportsConfigSchema } from '../../src/reports/report-config.js';

let h: Harness;
let smtp: SMTPServer;
let port: number;
let refuse = false;
const mails: Array<{ to: string[]; raw: string }> = [];
const NOW = Date.parse('2026-12-01T10:00:00Z');

beforeAll(async () => {
  h = await startHarness();
  smtp = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'],
    onRcptTo(address, _s, cb) {
      if (refuse) return cb(Object.assign(new Error('mailbox full'), { responseCode: 452 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  port = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await h.close();
  await new Promise<void>((r) => smtp.close(() => r()));
});

describe('monthly report schedule', () => {
  it('validates the reports config, naming what is wrong', () => {
    const r = reportsConfigSchema.safeParse({ tenants: { acme: { schedule: 'weekly', contacts: ['not-an-address'] } } });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['tenants.acme.schedule: expected monthly', 'tenants.acme.contacts.0: expected an email address']);
  });

  it('sends last month\'s report once per period, and retries a failed send', async () => {
    const service = createReportService({ db: h.server.store.db, routing: h.server.routing.engine, rulePack: () => h.server.rules.rulePack(),
      ruleSettings: (id, labels) => h.server.rules.ruleSettings(id, labels), now: () => NOW,
    });
    const schedule = createReportSchedule({
      db: h.server.store.db, service, log: h.server.app.log, now: () => NOW, timeoutMs: 10_000,
      config: reportsConfigSchema.parse({ tenants: { acme: { schedule: 'monthly', contacts: ['it@acme.example', 'cfo@acme.example'] } } }),
      smtp: { host: '127.0.0.1', port, secure: false, from: 'reports@msp.example', allowInvalidCertificates: true },
    });
    refuse = true;
    expect(await schedule.check()).toEqual([]);
    expect(await new ReportDeliveries(h.server.store.db).list('acme')).toEqual([]);
    refuse = false;
    expect(await schedule.check()).toEqual(['acme']);
    expect(await schedule.check()).toEqual([]);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['it@acme.example', 'cfo@acme.example']);
    // Unfolded headers, quoted-printable soft line breaks joined.
    const raw = mails[0]!.raw.replace(/\r\n[ \t]+/g, ' ').replace(/=\r\n/g, '');
    expect(raw).toContain('Subject: [Tandem] Service report Acme, 2026-11-01 to 2026-11-30');
    expect(raw).toContain('is attached (no alerts fired in this period).');
    expect(raw).toMatch(/filename="?sla-acme-2026-11\.csv/);
    const deliveries = await new ReportDeliveries(h.server.store.db).list('acme');
    expect(deliveries).toEqual([{ kind: 'sla-monthly', period: '2026-11', state: 'sent', sentAt: NOW, contacts: ['it@acme.example', 'cfo@acme.example'] }]);
  }, 120_000);
});
