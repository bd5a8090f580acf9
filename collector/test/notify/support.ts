// Real receivers on loopback: an HTTP server that records what webhooks,
// chat and pager notifiers post (and answers as told), and a sample alert.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Notification } from '../../src/notify/notification.js';

export interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Status codes to answer with, in order, per path; then 200. */
  answer(path: string, ...statuses: number[]): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const plans = new Map<string, number[]>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { body += c; });
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body });
      const status = plans.get(path)?.shift() ?? (path.includes('pagerduty') ? 202 : 200);
      res.writeHead(status, { 'content-type': 'application/json' });
      // A path naming echo-headers quotes the request's headers in its error, as some gateways do.
      const refusal = path.includes('echo-headers') ? { error: 'bad key', key: req.headers['x-api-key'] } : { error: `refused ${path}` };
      res.end(status >= 400 ? JSON.stringify(refusal) : '{"status":"ok"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answer(path, ...statuses) { plans.set(path, statuses); },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

export function sampleNotification(over: Partial<Notification> = {}): Notification {
  return {
    kind: 'fire', alertId: 'alr_1', dedupKey: 'alr_1', tenantId: 'acme', deviceId: 'dev_1', hostname: 'fin-ws-07', ruleId: 'firewall-off',
    category: 'security', severity: 'critical', summary: 'Firewall is off', owner: 'provider', slaMinutes: 15,
    trace: ['line 1 (security): category=security → provider', 'SLA 15 min for critical'], at: Date.parse('2026-11-18T15:00:00Z'),
    ...over,
  };
}
