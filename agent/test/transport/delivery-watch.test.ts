import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSpool, RECORD_KIND } from '../../src/spool/file-spool.js';
import { DeliveryWatch } from '../../src/transport/delivery-watch.js';
import { createLogger } from '../../src/log.js';

describe('delivery watch', () => {
  it('logs "delivery stuck" once, keeps delivery.json current while stuck, and clears on progress', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tandem-watch-'));
    const spool = FileSpool.open({ dir: join(dataDir, 'spool'), maxBytes: 1 << 20 });
    let now = Date.parse('2026-12-01T10:00:00Z');
    const lines: { msg: string; reason?: string }[] = [];
    const watch = new DeliveryWatch({ dataDir, spool, stuckAfterMs: 60_000, now: () => now, log: createLogger('info', (l) => lines.push(JSON.parse(l) as { msg: string })) });
    const saved = () => JSON.parse(readFileSync(join(dataDir, 'delivery.json'), 'utf8')) as { stuck: boolean; pendingCount: number; reason: string | null };

    spool.append(RECORD_KIND.report, Buffer.from('a'), now);
    watch.connected('ws://c/agent/v1');
    watch.check();
    expect(watch.current().stuck).toBe(false);

    now += 61_000;
    spool.append(RECORD_KIND.report, Buffer.from('b'), now);
    watch.check();
    now += 6_000;
    spool.append(RECORD_KIND.report, Buffer.from('c'), now);
    watch.check();
    expect(watch.current()).toMatchObject({ stuck: true, stuckSince: '2026-12-01T10:00:00.000Z', pendingCount: 3 });
    expect(saved()).toMatchObject({ stuck: true, pendingCount: 3, reason: 'connected to ws://c/agent/v1, but none of the 3 waiting reports has been acknowledged since 2026-12-01T10:00:00.000Z' });
    expect(lines.filter((l) => l.msg === 'delivery stuck')).toHaveLength(1);

    spool.ack(2);
    watch.acked();
    expect(watch.current()).toMatchObject({ stuck: false, reason: null, pendingCount: 1, lastAckAt: new Date(now).toISOString() });
    expect(saved().stuck).toBe(false);
    expect(lines.at(-1)!.msg).toBe('delivery recovered');
    spool.close();
  });
});
