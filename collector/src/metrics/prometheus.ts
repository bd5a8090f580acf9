// The collector's own Prometheus metrics at GET /metrics: ingest, agents,
// alerts and the process. Counts only, never tenant or device names, so the
// endpoint can be scraped without exposing one client to another.
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyInstance } from 'fastify';
import type { IngestEmitter } from '../ingest/events.js';
import type { AlertEmitter } from '../rules/alert-events.js';

export interface MetricsOptions {
  ingest: IngestEmitter;
  alerts: AlertEmitter;
  connectedAgents: () => number;
}

export function registerMetrics(app: FastifyInstance, options: MetricsOptions): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tandem_collector_' });
  const reports = new Counter({ name: 'tandem_reports_stored_total', help: 'Agent reports stored (each once)', registers: [registry] });
  const duplicates = new Counter({ name: 'tandem_reports_duplicate_total', help: 'Agent data frames already stored (resends after a lost ack)', registers: [registry] });
  const gaps = new Counter({ name: 'tandem_spool_gaps_total', help: 'Gap records: agents that had to drop reports', registers: [registry] });
  const rejected = new Counter({ name: 'tandem_protocol_errors_total', help: 'Agent frames refused with a protocol error', labelNames: ['code'], registers: [registry] });
  const transitions = new Counter({ name: 'tandem_alert_transitions_total', help: 'Alert state changes', labelNames: ['to', 'severity'], registers: [registry] });
  new Gauge({
    name: 'tandem_agents_connected', help: 'Agents with a live connection to this collector', registers: [registry],
    collect() { this.set(options.connectedAgents()); },
  });

  options.ingest.on('report', () => reports.inc());
  options.ingest.on('duplicate', () => duplicates.inc());
  options.ingest.on('gap', () => gaps.inc());
  options.ingest.on('rejected', (e) => rejected.inc({ code: e.code }));
  options.alerts.on('change', ({ transition }) => transitions.inc({ to: transition.to, severity: transition.severity }));

  app.get('/metrics', async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  return registry;
}
