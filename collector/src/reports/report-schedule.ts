// The monthly report schedule: once per period and tenant, the previous
// month's SLA report goes to the tenant's contacts by email (HTML in the
// body, CSV and, where Chromium is installed, PDF attached). Runs on every
// node; the delivery claim makes each period go out once.
import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { channelSecret } from '../notify/channel-config.js';
import type { SmtpSettings } from '../notify/channel-config.js';
import type { ReportsConfig } from './report-config.js';
import { ReportDeliveries } from './report-deliveries.js';
import type { ReportService } from './report-service.js';
import { lastMonth } from './report-service.js';
import { periodText, slaReportCsv, slaReportHtml } from './render-sla-report.js';
import { pdfAvailable, printPdf } from './print-pdf.js';
import type { Database } from '../store/schema.js';

export interface ReportSchedule {
  /** One pass: sends every report that is due; returns the tenants sent to. */
  check(): Promise<string[]>;
  start(): void;
  stop(): void;
}

export function createReportSchedule(options: {
  db: Kysely<Database>; service: ReportService; config: ReportsConfig; smtp: SmtpSettings | null; log: FastifyBaseLogger;
  now?: () => number; timeoutMs?: number;
}): ReportSchedule {
  const now = options.now ?? Date.now;
  const deliveries = new ReportDeliveries(options.db);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<string[]> | null = null;

  async function sendOne(tenantId: string, contacts: string[]): Promise<boolean> {
    const period = lastMonth(now());
    const key = new Date(period.from).toISOString().slice(0, 7);
    if (!(await deliveries.claim(tenantId, 'sla-monthly', key, contacts, now()))) return false;
    try {
      const smtp = options.smtp;
      if (!smtp) throw new Error('no SMTP server configured (routing.smtp in collector.yaml)');
      const tenant = await options.db.selectFrom('tenants').select(['id', 'name']).where('id', '=', tenantId).executeTakeFirst();
      if (!tenant) throw new Error(`tenant ${tenantId} (reports.tenants) does not exist`);
      const report = await options.service.slaReport(tenantId, period);
      const html = slaReportHtml(report, tenant.name);
      const attachments: Array<{ filename: string; content: string | Buffer; contentType: string }> = [
        { filename: `sla-${tenantId}-${key}.csv`, content: slaReportCsv(report), contentType: 'text/csv' },
      ];
      if (pdfAvailable()) attachments.push({ filename: `sla-${tenantId}-${key}.pdf`, content: await printPdf(html), contentType: 'application/pdf' });
      const password = smtp.password ? channelSecret('reports', smtp.password) : undefined;
      const transport = nodemailer.createTransport({
        host: smtp.host, port: smtp.port, secure: smtp.secure, ...(smtp.user ? { auth: { user: smtp.user, pass: password ?? '' } } : {}),
        tls: { rejectUnauthorized: !smtp.allowInvalidCertificates },
        connectionTimeout: options.timeoutMs ?? 30_000, greetingTimeout: options.timeoutMs ?? 30_000, socketTimeout: options.timeoutMs ?? 30_000,
      });
      try {
        await transport.sendMail({
          from: smtp.from, to: contacts, subject: `[Tandem] Service report ${tenant.name}, ${periodText(report)}`,
          text: `The service report of ${tenant.name} for ${periodText(report)} is attached${report.empty ? ' (no alerts fired in this period)' : ''}.`,
          html, attachments,
        });
      } finally {
        transport.close();
      }
      await deliveries.sent(tenantId, 'sla-monthly', key, now());
      options.log.info({ tenantId, period: key, contacts: contacts.length }, 'monthly report sent');
      return true;
    } catch (err) {
      // Released, so the next check tries again; nothing is marked sent that was not.
      await deliveries.release(tenantId, 'sla-monthly', key);
      options.log.warn({ tenantId, period: key, err: (err as Error).message }, 'monthly report not sent; will retry');
      return false;
    }
  }

  async function pass(): Promise<string[]> {
    const sent: string[] = [];
    for (const [tenantId, t] of Object.entries(options.config.tenants)) {
      if (t.schedule === 'monthly' && (await sendOne(tenantId, t.contacts))) sent.push(tenantId);
    }
    return sent;
  }

  return {
    check() {
      // One pass at a time: a slow SMTP server must not let passes pile up.
      running ??= pass().finally(() => { running = null; });
      return running;
    },
    start() {
      if (timer || Object.keys(options.config.tenants).length === 0) return;
      const tick = () => void this.check().catch((err: unknown) => options.log.warn({ err }, 'report schedule failed'));
      tick();
      timer = setInterval(tick, options.config.checkEveryMinutes * 60_000);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
