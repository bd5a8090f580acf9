import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '@tandem/proto';
import { FIELDS, keepKnownLabels, MAX_PER_DEVICE, MEASUREMENTS, reportPoints } from '../../src/metrics-sink/index.js';
import type { CommittedReport } from '../../src/metrics-sink/index.js';

const recorded = (name: string): Snapshot => JSON.parse(readFileSync(join(import.meta.dirname, 'testdata', `${name}.json`), 'utf8')) as Snapshot;
const committed = (snapshot: Snapshot, latest = snapshot, site: string | null = 'HQ'): CommittedReport => ({ tenantId: 'acme', deviceId: snapshot.deviceId, site, snapshot, latest });
const at = (iso: string) => Date.parse(iso);

describe('metrics sink: snapshot to points', () => {
  it('maps a full Windows laptop report to one point per mount, per job, for patch and for security', () => {
    const s = recorded('windows-laptop');
    const firstSeen = new Map([['KB5032190', at('2026-11-16T09:00:00.000Z')], ['KB5031455', at('2026-11-29T09:00:00.000Z')]]);
    const points = reportPoints(committed(s), { updateFirstSeen: firstSeen });
    const time = at(s.collectedAt);
    const tags = { tenant: 'acme', device: 'dev-win-01', site: 'HQ', os: 'win32' };
    expect(points).toEqual([
      { measurement: 'tandem_disk', tags: { ...tags, mount: 'C:' }, fields: { used_percent: 91.8, free_bytes: 41861623808 }, time },
      { measurement: 'tandem_disk', tags: { ...tags, mount: 'D:' }, fields: { used_percent: 20, free_bytes: 800161631437 }, time },
      // The oldest pending update was first seen 14 days before this report.
      { measurement: 'tandem_patch', tags, fields: { pending: 3, security: 2, reboot_required: 1, oldest_pending_seconds: 14 * 86400 }, time },
      // Last success 36 h before collection; the last run failed.
      { measurement: 'tandem_backup', tags: { ...tags, job: 'windows-server-backup:Nightly' }, fields: { age_seconds: 36 * 3600, last_ok: 0 }, time },
      // Defender on but stale; the firewall is off (a profile is off); D: is not encrypted.
      { measurement: 'tandem_security', tags, fields: { antivirus_on: 1, antivirus_up_to_date: 0, firewall_on: 0, encryption_on: 0 }, time },
    ]);
  });

  it('writes nothing for an unknown or absent topic and leaves unknown numbers out, never zero', () => {
    const s = recorded('linux-server-partial');
    const latest = { ...s, inventory: { ...recorded('windows-laptop').inventory!, os: 'linux' as const } };
    const points = reportPoints(committed(s, latest, null));
    const tags = { tenant: 'acme', device: 'dev-lin-07', site: '(none)', os: 'linux' };
    // Patch is unknown, security absent, the second volume has no numbers, the borg job never ran: none becomes a point.
    expect(points.map((p) => p.measurement)).toEqual(['tandem_disk', 'tandem_backup']);
    // The OS comes from the latest status when this report carries no inventory; a device without a site is site (none).
    expect(points[0]).toEqual({ measurement: 'tandem_disk', tags: { ...tags, mount: '/' }, fields: { used_percent: 42.2, free_bytes: 28926459904 }, time: at(s.collectedAt) });
    expect(points[1]!.fields).toEqual({ age_seconds: 7 * 3600 + 15 * 60 + 30, last_ok: 1 });
    expect(points[1]!.tags.job).toBe('restic:nightly');
  });

  it('reports zero age when nothing is pending and no age when first-seen times are unknown', () => {
    const s = recorded('windows-laptop');
    const none = { ...s, patch: { ...s.patch!, pendingCount: 0, securityCount: 0, updates: [] } };
    expect(reportPoints(committed(none)).find((p) => p.measurement === 'tandem_patch')!.fields.oldest_pending_seconds).toBe(0);
    expect(reportPoints(committed(s)).find((p) => p.measurement === 'tandem_patch')!.fields).not.toHaveProperty('oldest_pending_seconds');
  });

  it('bounds the mount and job label sets of one device and the length of each label', () => {
    const s = recorded('linux-server-partial');
    const volume = s.disk!.volumes[0]!;
    const many = { ...s, disk: { ...s.disk!, volumes: Array.from({ length: 40 }, (_, i) => ({ ...volume, mount: `/mnt/snap-${i}` })) } };
    const long = { ...s, disk: { ...s.disk!, volumes: [{ ...volume, mount: `/${'x'.repeat(300)}` }] } };
    expect(reportPoints(committed(many)).filter((p) => p.measurement === 'tandem_disk')).toHaveLength(MAX_PER_DEVICE);
    expect(reportPoints(committed(long))[0]!.tags.mount).toHaveLength(64);
  });

  it('keeps a device\'s mount labels bounded over its reports: known ones always, new ones only below the bound', () => {
    const s = recorded('linux-server-partial');
    const volume = s.disk!.volumes[0]!;
    const withMounts = (mounts: string[]) => committed({ ...s, backup: null, disk: { ...s.disk!, volumes: mounts.map((mount) => ({ ...volume, mount })) } });
    let known = new Map() as Parameters<typeof keepKnownLabels>[1];
    const mountsOf = (r: CommittedReport) => {
      const out = keepKnownLabels(reportPoints(r), known);
      known = out.known;
      return out.points.map((p) => p.tags.mount);
    };
    // Removable drives and mounted snapshots come and go: the first 16 labels are the device's.
    expect(mountsOf(withMounts(Array.from({ length: 10 }, (_, i) => `/a${i}`)))).toHaveLength(10);
    expect(mountsOf(withMounts(Array.from({ length: 10 }, (_, i) => `/b${i}`)))).toEqual(['/b0', '/b1', '/b2', '/b3', '/b4', '/b5']);
    expect(mountsOf(withMounts(['/', '/a3', '/b9']))).toEqual(['/a3']);
    expect(known.get('mount')!.size).toBe(MAX_PER_DEVICE);
  });

  it('never turns free text into a tag, and each measurement writes only its declared fields', () => {
    const points = reportPoints(committed(recorded('windows-laptop')), { updateFirstSeen: new Map() });
    const text = JSON.stringify(points.map((p) => p.tags));
    for (const freeText of ['Microsoft Defender', 'not available', 'KB5032190', 'FIN-LT-042', 'EliteBook']) expect(text).not.toContain(freeText);
    for (const p of points) {
      expect(Object.values(MEASUREMENTS)).toContain(p.measurement);
      for (const f of Object.keys(p.fields)) expect(FIELDS[p.measurement as keyof typeof FIELDS]).toContain(f);
    }
  });

  it('maps a report with an unparseable collection time to no points', () => {
    expect(reportPoints(committed({ ...recorded('windows-laptop'), collectedAt: 'yesterday' }))).toEqual([]);
  });
});
