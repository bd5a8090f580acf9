// Email over SMTP (nodemailer). SMTP reply codes classify failures: 4xx and
// connection trouble are temporary, 5xx and bad credentials are not.
import nodemailer from 'nodemailer';
import { channelSecret } from '../channel-config.js';
import type { ChannelConfig, SmtpSettings } from '../channel-config.js';
import { groupTitle, headline, isGroup } from '../notification.js';
import type { Notification } from '../notification.js';
import type { Notifier, NotifierOptions } from '../notifier.js';
import { NotifyError } from '../notify-error.js';
import { defaultMessage } from '../templates/render-template.js';

type EmailChannel = Extract<ChannelConfig, { type: 'email' }>;

const TEMPORARY_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET']);

/** One alert: its headline; a group: "[Tandem] 200 alerts: disk-full (acme)". */
export const emailSubject = (n: Notification): string => (isGroup(n) ? `[Tandem] ${groupTitle(n)}` : headline(n));

export function createEmailNotifier(c: EmailChannel, o: NotifierOptions & { smtp: SmtpSettings | null }): Notifier {
  return {
    channel: c.name,
    type: 'email',
    async send(n, message = defaultMessage(n, 'email')) {
      const smtp = c.smtp ?? o.smtp;
      if (!smtp) throw new NotifyError(c.name, 'no SMTP server configured (routing.smtp in collector.yaml or the channel\'s smtp)', false);
      const password = smtp.password ? channelSecret(c.name, smtp.password, o.env) : undefined;
      const secrets = [smtp.password ?? '', password ?? ''];
      const transport = nodemailer.createTransport({
        host: smtp.host, port: smtp.port, secure: smtp.secure,
        ...(smtp.user ? { auth: { user: smtp.user, pass: password ?? '' } } : {}),
        tls: { rejectUnauthorized: !smtp.allowInvalidCertificates },
        connectionTimeout: o.timeoutMs, greetingTimeout: o.timeoutMs, socketTimeout: o.timeoutMs,
      });
      try {
        await transport.sendMail({ from: smtp.from, to: c.to, subject: (message.subject || emailSubject(n)).replace(/[\r\n]+/g, ' '), text: message.text, html: message.html || undefined, headers: isGroup(n) ? { 'X-Tandem-Group': n.group.key } : { 'X-Tandem-Alert': n.alertId } });
      } catch (err) {
        const e = err as Error & { code?: string; responseCode?: number };
        if (e.responseCode) {
          throw new NotifyError(c.name, `SMTP ${e.responseCode}`, e.responseCode < 500, { cause: err, secrets });
        }
        if (e.code === 'EAUTH') throw new NotifyError(c.name, 'SMTP authentication failed', false, { cause: err, secrets });
        throw new NotifyError(c.name, `SMTP ${e.code ?? 'error'}`, TEMPORARY_CODES.has(e.code ?? '') || !e.code, { cause: err, secrets });
      } finally {
        transport.close();
      }
    },
  };
}
