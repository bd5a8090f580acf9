// The running agent: schedules collections, writes each report to the spool
// first, and lets the transport deliver from there.
import { join } from 'node:path';
import { TOPICS } from '@tandem/proto';
import type { Topic } from '@tandem/proto';
import type { AgentConfig } from './config.js';
import { scheduleFor } from './config.js';
import { AgentError } from './errors.js';
import { loadCredentials } from './credentials.js';
import { createCollectContext } from './collect-context.js';
import { collectSnapshot } from './snapshot/collect-snapshot.js';
import { FileSpool } from './spool/file-spool.js';
import { SpoolWriter } from './spool/spool-writer.js';
import { TopicScheduler } from './schedule/topic-schedule.js';
import { WsTransport } from './transport/ws-transport.js';
import { DeliveryWatch } from './transport/delivery-watch.js';
import type { Logger } from './log.js';
import { deviceHostname } from './platform.js';
import { loadPolicy, savePolicy, policySchedules } from './schedule/policy.js';

export interface RunningAgent {
  /** Collects the given topics now and spools the report. */
  collectNow(topics?: readonly Topic[]): Promise<number | null>;
  stop(reason?: string): Promise<void>;
}

export async function startAgent(config: AgentConfig, log: Logger, env: NodeJS.ProcessEnv = process.env): Promise<RunningAgent> {
  const creds = loadCredentials(config.dataDir);
  if (!creds) {
    throw new AgentError('AGT_ERR_NOT_ENROLLED', `no device credential in ${config.dataDir}; run \`tandem-agent enroll --url <collector> --token <token>\` first`);
  }
  const ctx = createCollectContext(config, env);
  const spool = FileSpool.open({ dir: join(config.dataDir, 'spool'), maxBytes: config.spool.maxBytes });
  if (spool.openReport.truncatedBytes > 0) {
    log.warn('spool had a torn record at its end (likely a crash mid-write); it was cut', { bytes: spool.openReport.truncatedBytes });
  }
  if (spool.openReport.seqReset) {
    log.warn('spool seq record not trusted; starting a new one (the next Welcome sets the floor)', { reason: spool.openReport.seqReset, kept: spool.pendingCount });
  }

  const watch = new DeliveryWatch({ dataDir: config.dataDir, spool, log, stuckAfterMs: config.delivery.stuckAfterSeconds * 1000 });
  const writer = new SpoolWriter({ spool, log, onWritten: () => transport.flush() });

  /** Collects and spools; the seq, or null when the disk is full and the report waits in memory. */
  const spoolReport = async (topics: readonly Topic[]): Promise<number | null> => {
    const snapshot = await collectSnapshot(creds.deviceId, topics, ctx);
    const seq = writer.write({ ...snapshot, delivery: watch.current() });
    if (writer.problem) watch.problem(writer.problem);
    return seq;
  };

  let policyWarned = false;
  const schedules = (): Record<Topic, string> => {
    const loaded = loadPolicy(config.dataDir);
    if (loaded && !loaded.ok && !policyWarned) {
      policyWarned = true;
      log.warn('stored pushed schedule refused; using the config file\'s', { code: 'AGT_ERR_COLLECTOR_CLAIM', problems: loaded.problems });
    }
    const pushed = loaded?.ok ? loaded.schedules : {};
    return Object.fromEntries(TOPICS.map((t) => [t, pushed[t] ?? scheduleFor(config, t)])) as Record<Topic, string>;
  };

  const scheduler = new TopicScheduler(async (topics) => {
    try {
      await spoolReport(topics);
    } catch (err) {
      log.error('collection failed', { topics, error: (err as Error).message });
    }
  });

  const transport = new WsTransport({
    urls: config.collectors ?? creds.collectors,
    credentials: creds,
    spool,
    hello: { hostname: deviceHostname(env), os: ctx.platform },
    heartbeatSeconds: config.heartbeatSeconds,
    backoff: config.backoff,
    tls: config.tls,
    log,
    watch,
    onPolicy: (policy) => {
      const pushed = policySchedules(policy);
      if (!pushed.ok) {
        log.warn('refused the schedule the collector pushed; keeping the current one', { code: 'AGT_ERR_COLLECTOR_CLAIM', problems: pushed.problems });
        return;
      }
      try {
        savePolicy(config.dataDir, pushed.schedules);
      } catch (err) {
        log.error('cannot save the pushed schedule; keeping the current one', { error: (err as NodeJS.ErrnoException).code ?? (err as Error).message });
        return;
      }
      policyWarned = false;
      scheduler.apply(schedules());
      log.info('applied schedule pushed by the collector', { schedules: pushed.schedules });
    },
  });

  watch.start();
  transport.start();
  scheduler.apply(schedules());
  // First report right away so a new device shows up whole, not topic by topic.
  await spoolReport(TOPICS).catch((err) => log.error('first collection failed', { error: (err as Error).message }));

  let stopped = false;
  return {
    collectNow: (topics = TOPICS) => spoolReport(topics),
    async stop(reason) {
      if (stopped) return;
      stopped = true;
      scheduler.stop();
      writer.stop();
      watch.stop();
      await transport.stop(reason);
      spool.close();
    },
  };
}
