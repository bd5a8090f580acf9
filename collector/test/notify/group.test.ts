// Grouping on its own: the batching stage with a hand-driven clock, the pure
// merge, dedup of groups alert by alert, and how each notifier renders a group.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelSchema } from '../../src/notify/channel-config.js';
import type { ChannelConfig } from '../../src/notify/channel-config.js';
import { groupNotifications, headline, plainText } from '../../src/notify/notification.js';
import type { Notification } from '../../src/notify/notification.js';
import { emailSubject } from '../../src/notify/notifiers/email.js';
import { pagerDutyEvents } from '../../src/notify/notifiers/pagerduty.js';
import { slackPayload } from '../../src/notify/notifiers/slack.js';
import { teamsPayload } from '../../src/notify/notifiers/teams.js';
import { signBody, webhookPayload } from '../../src/notify/notifiers/webhook.js';
import { createDedupStage } from '../../src/notify/stages/dedup.js';
import { createGroupStage, mergeDeliveries } from '../../src/notify/stages/group.js';
import type { Delivery, DeliveryOutcome } from '../../src/notify/stages/stage.js';
import { createNotifyPipeline } from '../../src/notify/notify-pipeline.js';
import type { DeadLetter } from '../../src/notify/stages/dead-letter.js';
import { sampleNotification, startReceiver } from './support.js';
import type { Receiver } from './support.js';

const hook = channelSchema.parse({ name: 'noc-hook', type: 'webhook', url: 'https://hooks.example/noc' }) as ChannelConfig;

const diskFull = (i: number, over: Partial<Notification> = {}): Notification => sampleNotification({
  alertId: `alr_${i}`, dedupKey: `alr_${i}`, deviceId: `dev_${i}`, hostname: `ws-${String(i).padStart(3, '0')}`, ruleId: 'disk-full', category: 'disk',
  severity: 'warning', summary: `Disk / is ${90 + (i % 10)}% full`, ...over,
});
const delivery = (n: Notification, over: Partial<Delivery> = {}): Delivery => ({ notification: n, channel: hook, team: 'provider', muted: false, inHours: true, ...over });

/** A clock the test moves by hand. */
function manualTimers() {
  const timers: Array<{ fn: () => void; at: number }> = [];
  let now = 0;
  return {
    schedule(fn: () => void, ms: number) {
      const t = { fn, at: now + ms };
      timers.push(t);
      return () => { timers.splice(timers.indexOf(t), 1); };
    },
    advance(ms: number) {
      now += ms;
      for (const t of timers.filter((x) => x.at <= now)) {
        timers.splice(timers.indexOf(t), 1);
        t.fn();
      }
    },
    get count() { return timers.length; },
  };
}

describe('group stage: quiet by design', () => {
  it('sends the first of a key at once and holds the followers within the window as one follow-up, telling each its outcome', async () => {
    const clock = manualTimers();
    const stage = createGroupStage({ waitMs: 30_000, schedule: clock.schedule });
    const sent: Delivery[] = [];
    const next = async (d: Delivery): Promise<DeliveryOutcome> => { sent.push(d); return { status: 'sent', attempts: 1 }; };
    const outcomes = Array.from({ length: 200 }, (_, i) => stage(delivery(diskFull(i)), next));
    // Another rule, another channel and another kind are other keys: each goes out at once.
    const other = [
      stage(delivery(diskFull(900, { ruleId: 'backup-failed' })), next),
      stage(delivery(diskFull(901), { team: 'internal', channel: { ...hook, name: 'it-hook' } }), next),
      stage(delivery(diskFull(902, { kind: 'resolve' })), next),
    ];
    await expect(outcomes[0]).resolves.toEqual({ status: 'sent', attempts: 1 });
    await expect(Promise.all(other)).resolves.toEqual(Array(3).fill({ status: 'sent', attempts: 1 }));
    expect(sent.map((d) => d.notification.alertId)).toEqual(['alr_0', 'alr_900', 'alr_901', 'alr_902']);
    expect(stage.pending()).toBe(4);
    expect(stage.held()).toBe(199);
    clock.advance(29_999);
    expect(sent).toHaveLength(4);
    clock.advance(1);
    const results = await Promise.all(outcomes.slice(1));
    expect(sent).toHaveLength(5);
    const group = sent[4]!.notification;
    expect(group.group).toMatchObject({ key: 'grp-fire-alr_1', count: 199 });
    expect(group.group!.alerts.map((a) => a.alertId)).toEqual(Array.from({ length: 199 }, (_, i) => `alr_${i + 1}`));
    expect(group.dedupKey).toBe('grp-fire-alr_1');
    expect(results).toEqual(Array(199).fill({ status: 'sent', attempts: 1, group: { key: 'grp-fire-alr_1', size: 199 } }));
    // The key that had followers keeps a window open for what comes next; the quiet ones are closed.
    expect(stage.pending()).toBe(1);
    clock.advance(30_000);
    expect(stage.pending()).toBe(0);
  });

  it('a lone follower goes out on its own at the window end; after a quiet window the next alert is first again', async () => {
    const clock = manualTimers();
    const stage = createGroupStage({ waitMs: 30_000, schedule: clock.schedule });
    const sent: string[] = [];
    const next = async (d: Delivery): Promise<DeliveryOutcome> => { sent.push(d.notification.group ? `group:${d.notification.group.count}` : d.notification.alertId); return { status: 'sent', attempts: 1 }; };
    await stage(delivery(diskFull(1)), next);
    const follower = stage(delivery(diskFull(2)), next);
    clock.advance(30_000);
    await expect(follower).resolves.toEqual({ status: 'sent', attempts: 1 });
    // The window that sent the follower is followed by one more; when that one ends quiet, the key is closed.
    const third = stage(delivery(diskFull(3)), next);
    const fourth = stage(delivery(diskFull(4)), next);
    clock.advance(30_000);
    await Promise.all([third, fourth]);
    clock.advance(30_000);
    expect(stage.pending()).toBe(0);
    await stage(delivery(diskFull(5)), next);
    expect(sent).toEqual(['alr_1', 'alr_2', 'group:2', 'alr_5']);
  });

  it('sends a full batch of followers before the window ends, and every held follower at once on flush', async () => {
    const clock = manualTimers();
    const stage = createGroupStage({ waitMs: 30_000, maxAlerts: 3, schedule: clock.schedule });
    const sizes: number[] = [];
    const next = async (d: Delivery): Promise<DeliveryOutcome> => { sizes.push(d.notification.group?.count ?? 1); return { status: 'sent', attempts: 1 }; };
    const full = [1, 2, 3, 4].map((i) => stage(delivery(diskFull(i)), next));
    await Promise.all(full);
    expect(sizes).toEqual([1, 3]);
    const rest = [5, 6].map((i) => stage(delivery(diskFull(i)), next));
    expect(stage.held()).toBe(2);
    await stage.flush();
    await Promise.all(rest);
    expect(sizes).toEqual([1, 3, 2]);
    expect(clock.count).toBe(0);
    // After flush (shutdown) nothing waits for a window.
    await stage(delivery(diskFull(7)), next);
    expect(sizes).toEqual([1, 3, 2, 1]);
  });

  it('a window of 0 sends at once', async () => {
    const stage = createGroupStage({ waitMs: 0 });
    await expect(stage(delivery(diskFull(1)), async () => ({ status: 'sent', attempts: 1 }))).resolves.toEqual({ status: 'sent', attempts: 1 });
  });

  it('merging is pure: the first alert gives the routing, the highest severity wins, resolves keep every incident key', () => {
    expect(mergeDeliveries([delivery(diskFull(1))]).notification).toEqual(diskFull(1));
    const merged = mergeDeliveries([delivery(diskFull(1)), delivery(diskFull(2, { severity: 'critical' }))]).notification;
    expect(merged).toMatchObject({ alertId: 'alr_1', severity: 'critical', trace: diskFull(1).trace, group: { count: 2 } });
    const resolves = groupNotifications([diskFull(1, { kind: 'resolve', incidentKeys: ['grp-fire-alr_1'] }), diskFull(2, { kind: 'resolve', incidentKeys: ['grp-fire-alr_1', 'alr_2'] })], 'grp-resolve-alr_1');
    expect(resolves.incidentKeys).toEqual(['grp-fire-alr_1', 'alr_2']);
  });

  it('dedup leaves out alerts of a group that were already sent', async () => {
    const dedup = createDedupStage(5 * 60_000, () => 1000);
    const seen: Notification[] = [];
    const next = async (d: Delivery): Promise<DeliveryOutcome> => { seen.push(d.notification); return { status: 'sent', attempts: 1 }; };
    await dedup(delivery(diskFull(1)), next);
    await dedup(delivery(groupNotifications([diskFull(1), diskFull(2), diskFull(3)], 'grp-fire-alr_1')), next);
    expect(seen[1]!.group).toMatchObject({ count: 2, alerts: [{ alertId: 'alr_2' }, { alertId: 'alr_3' }] });
    expect(await dedup(delivery(groupNotifications([diskFull(2), diskFull(3)], 'grp-fire-alr_2')), next)).toEqual({ status: 'skipped', reason: 'duplicate' });
  });
});

describe('a group as each notifier renders it', () => {
  const group = groupNotifications(Array.from({ length: 200 }, (_, i) => diskFull(i)), 'grp-fire-alr_0');

  it('text: a count and the first alerts', () => {
    expect(headline(group)).toBe('[FIRING warning] 200 alerts: disk-full (acme)');
    const text = plainText(group);
    expect(text).toContain('alerts (200):');
    expect(text).toContain('  - ws-000: Disk / is 90% full   [warning, alr_0]');
    expect(text).toContain('  - ws-009: Disk / is 99% full   [warning, alr_9]');
    expect(text).not.toContain('ws-010');
    expect(text).toContain('  … and 190 more');
  });

  it('email subject', () => {
    expect(emailSubject(group)).toBe('[Tandem] 200 alerts: disk-full (acme)');
    expect(emailSubject({ ...group, kind: 'resolve' })).toBe('[Tandem] 200 alerts resolved: disk-full (acme)');
    expect(emailSubject(diskFull(1))).toBe('[FIRING warning] disk-full on ws-001: Disk / is 91% full');
  });

  it('Slack and Teams list the first ten and say how many more', () => {
    const slack = slackPayload(group);
    expect(slack.text).toBe('[FIRING warning] 200 alerts: disk-full (acme)');
    const list = (slack.blocks[1] as { text: { text: string } }).text.text.split('\n');
    expect(list).toHaveLength(11);
    expect(list[0]).toBe('• ws-000: Disk / is 90% full');
    expect(list[10]).toBe('… and 190 more');
    const card = teamsPayload(group).attachments[0]!.content;
    expect(card.body[1]).toMatchObject({ facts: expect.arrayContaining([{ title: 'Alerts', value: '200' }]) });
    expect((card.body[2] as { text: string }).text.split('\n')).toHaveLength(11);
  });

  it('webhook JSON carries the group and every alert', () => {
    const body = webhookPayload(group) as ReturnType<typeof webhookPayload> & { group: unknown; alerts: Array<{ id: string }> };
    expect(body.group).toEqual({ key: 'grp-fire-alr_0', count: 200 });
    expect(body.alerts).toHaveLength(200);
    expect(body.alerts[199]).toEqual({ id: 'alr_199', deviceId: 'dev_199', hostname: 'ws-199', severity: 'warning', summary: 'Disk / is 99% full', at: '2026-11-18T15:00:00.000Z' });
    expect(body.alert.id).toBe('alr_0');
    // A single alert keeps its shape.
    expect(Object.keys(webhookPayload(diskFull(1)))).toEqual(['version', 'kind', 'at', 'alert', 'routing', 'text']);
  });

  it('PagerDuty: one trigger per group with the group key; a resolve closes each incident key', () => {
    const [trigger, ...none] = pagerDutyEvents(group, 'RK');
    expect(none).toEqual([]);
    expect(trigger).toMatchObject({ event_action: 'trigger', dedup_key: 'grp-fire-alr_0', payload: { source: '200 devices', custom_details: { count: 200 } } });
    expect((trigger as { payload: { custom_details: { alerts: string[] } } }).payload.custom_details.alerts).toHaveLength(100);
    expect(pagerDutyEvents({ ...group, kind: 'resolve', incidentKeys: ['grp-fire-alr_0', 'alr_7'] }, 'RK')).toEqual([
      { routing_key: 'RK', event_action: 'resolve', dedup_key: 'grp-fire-alr_0' },
      { routing_key: 'RK', event_action: 'resolve', dedup_key: 'alr_7' },
    ]);
    expect(pagerDutyEvents(diskFull(3, { kind: 'resolve' }), 'RK')).toEqual([{ routing_key: 'RK', event_action: 'resolve', dedup_key: 'alr_3' }]);
  });
});

describe('the pipeline with grouping and dead letters', () => {
  let rx: Receiver;
  beforeAll(async () => { rx = await startReceiver(); });
  afterAll(async () => { await rx.close(); });

  it('a burst is the first alert at once and one signed follow-up; a permanent failure of the follow-up is one dead letter naming its alerts, without the secret', async () => {
    const letters: DeadLetter[] = [];
    const pipeline = createNotifyPipeline({
      attempts: 2, backoffMs: 1, timeoutMs: 2000, dedupMinutes: 5, groupWaitMs: 100, smtp: null,
      deadLetter: async (l) => { letters.push(l); return `dlq_${letters.length}`; },
    });
    const ok = channelSchema.parse({ name: 'ok', type: 'webhook', url: `${rx.url}/burst`, hmacSecret: 'burst-key-1234' });
    const reports = await Promise.all([1, 2, 3, 4].map((i) => pipeline.deliver(diskFull(i), [{ channel: ok, team: 'provider', inHours: true }], false)));
    expect(reports.map((r) => r[0]!.outcome)).toEqual([{ status: 'sent', attempts: 1 }, ...Array(3).fill({ status: 'sent', attempts: 1, group: { key: 'grp-fire-alr_2', size: 3 } })]);
    const posts = rx.received.filter((r) => r.path === '/burst');
    expect(posts).toHaveLength(2);
    expect(JSON.parse(posts[0]!.body).alert.id).toBe('alr_1');
    expect(posts[1]!.headers['x-tandem-signature']).toBe(signBody(posts[1]!.body, 'burst-key-1234'));
    expect(JSON.parse(posts[1]!.body).alerts.map((a: { id: string }) => a.id)).toEqual(['alr_2', 'alr_3', 'alr_4']);

    rx.answer('/refuses/s3cr3t-token-path', 403, 403);
    const bad = channelSchema.parse({ name: 'bad', type: 'webhook', url: `${rx.url}/refuses/s3cr3t-token-path` });
    const failed = await Promise.all([5, 6, 7].map((i) => pipeline.deliver(diskFull(i), [{ channel: bad, team: 'internal', inHours: true }], false)));
    const refusal = { status: 'failed', reason: 'HTTP 403: {"error":"refused [redacted]"}', retryable: false, attempts: 1 };
    expect(failed.map((r) => r[0]!.outcome)).toEqual([
      { ...refusal, deadLetter: 'dlq_1' },
      ...Array(2).fill({ ...refusal, deadLetter: 'dlq_2', group: { key: 'grp-fire-alr_6', size: 2 } }),
    ]);
    expect(letters).toHaveLength(2);
    expect(letters[1]).toMatchObject({ tenantId: 'acme', team: 'internal', channel: 'bad', channelType: 'webhook', kind: 'fire', alertIds: ['alr_6', 'alr_7'], retryable: false, attempts: 1 });
    expect(JSON.stringify(letters)).not.toContain('s3cr3t-token-path');
  });

  it('a lone alert is not held for the window: with a 10 minute window it reaches the receiver long before', async () => {
    const pipeline = createNotifyPipeline({ attempts: 1, backoffMs: 1, timeoutMs: 5000, dedupMinutes: 5, groupWaitMs: 10 * 60_000, smtp: null });
    const ch = channelSchema.parse({ name: 'lone', type: 'webhook', url: `${rx.url}/lone` });
    const started = Date.now();
    const report = await pipeline.deliver(diskFull(42), [{ channel: ch, team: 'provider', inHours: true }], false);
    // The bound is far below the window (a loaded machine may be slow, but not minutes slow).
    expect(Date.now() - started).toBeLessThan(2 * 60_000);
    expect(report[0]!.outcome).toEqual({ status: 'sent', attempts: 1 });
    expect(rx.received.filter((r) => r.path === '/lone').map((r) => JSON.parse(r.body).alert.id)).toEqual(['alr_42']);
    // A follower within the window is held, and shutdown sends it rather than dropping it.
    const follower = pipeline.deliver(diskFull(43), [{ channel: ch, team: 'provider', inHours: true }], false);
    await pipeline.flush();
    await expect(follower).resolves.toEqual([{ team: 'provider', channel: 'lone', outcome: { status: 'sent', attempts: 1 } }]);
    expect(rx.received.filter((r) => r.path === '/lone').map((r) => JSON.parse(r.body).alert.id)).toEqual(['alr_42', 'alr_43']);
  }, 3 * 60_000);
});
