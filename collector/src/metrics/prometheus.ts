// The collector's own Prometheus metrics at GET /metrics: ingest, agents,
// alerts and the process. Counts only, never tenant or device names, so the
// endpoint can be scraped without exposing one client to another.
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyInstance } from 'fastify';
import type { Bus } from '../bus/index.js';
import type { WriterStats } from '../metrics-sink/index.js';

export interface MetricsOptions {
  bus: Bus;
  connectedAgents: () => number;
  /** The InfluxDB sink, when configured: its written and dropped points are counted here. */
  metricsSink?: { stats(): WriterStats } | null;
  /** Whether this node leads its cluster (always, on one node). */
  isLeader?: () => boolean;
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
  new Gauge({
    name: 'tandem_cluster_leader', help: 'Whether this node runs the cluster-wide work (escalation, routing, the due times of devices no node holds): 1 or 0', registers: [registry],
    collect() { this.set((options.isLeader?.() ?? true) ? 1 : 0); },
  });

  const sink = options.metricsSink;
  if (sink) {
    // The sink keeps the counts; these read them at scrape time.
    new Counter({
      name: 'tandem_influx_points_written_total', help: 'Metrics points InfluxDB accepted', registers: [registry],
      collect() { this.reset(); this.inc(sink.stats().written); },
    });
    new Counter({
      name: 'tandem_influx_points_dropped_total', help: 'Metrics points dropped: buffer full while InfluxDB was away, retries used up, or refused by InfluxDB',
      labelNames: ['reason'], registers: [registry],
      collect() {
        this.reset();
        for (const [reason, n] of Object.entries(sink.stats().dropped)) this.inc({ reason }, n);
      },
    });
    new Gauge({
      name: 'tandem_influx_points_pending', help: 'Metrics points queued or waiting for a retry', registers: [registry],
      collect() { this.set(sink.stats().pending); },
    });
  }

  // This node's events only: each node counts what it did, and a cluster's totals are the sum over its nodes.
  const bus = options.bus;
  const mine = { from: 'this-node' } as const;
  bus.subscribe('report.committed', () => reports.inc(), mine);
  bus.subscribe('frame.duplicate', () => duplicates.inc(), mine);
  bus.subscribe('report.gap', () => gaps.inc(), mine);
  bus.subscribe('frame.rejected', (e) => rejected.inc({ code: e.code }), mine);
  bus.subscribe('alert.changed', ({ transition }) => transitions.inc({ to: transition.to, severity: transition.severity }), mine);

  app.get('/metrics', async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  return registry;
}
