// Many devices of one site going offline together is one site outage (an
// office's link is down), not one alert per device: the per-device offline
// alerts are inhibited by it and the site is reported once. Pure.

export interface SiteOutageSettings {
  /** At least this many devices offline... */
  minDevices: number;
  /** ...and at least this share of the site's devices (0–1)... */
  minShare: number;
  /** ...that went offline within this many minutes of each other. */
  withinMinutes: number;
}

export const DEFAULT_SITE_OUTAGE: SiteOutageSettings = { minDevices: 3, minShare: 0.5, withinMinutes: 10 };

export interface OfflineDevice {
  deviceId: string;
  /** When it went offline (the offline alert's pendingSince). */
  since: number;
}

export interface SiteOutage {
  site: string;
  devices: string[];
  siteDevices: number;
  /** The earliest offline time of the outage: with the site, it names the outage. */
  since: number;
}

/**
 * The outage `device` is part of, or null: the devices of the site that went
 * offline within `withinMinutes` of it, when they are enough by count and by
 * share of the site's (not revoked) devices.
 */
export function siteOutageOf(device: OfflineDevice, site: string, offline: OfflineDevice[], siteDevices: number, s: SiteOutageSettings = DEFAULT_SITE_OUTAGE): SiteOutage | null {
  const span = s.withinMinutes * 60_000;
  const together = offline.filter((o) => Math.abs(o.since - device.since) <= span);
  if (!together.some((o) => o.deviceId === device.deviceId)) together.push(device);
  const devices = [...new Set(together.map((o) => o.deviceId))].sort();
  if (devices.length < s.minDevices || siteDevices <= 0 || devices.length / siteDevices < s.minShare) return null;
  return { site, devices, siteDevices, since: Math.min(...together.map((o) => o.since)) };
}

/** How the site outage is named in the record and the message. */
export function siteOutageText(o: SiteOutage): string {
  return `site outage at ${o.site}: ${o.devices.length} of ${o.siteDevices} devices offline since ${new Date(o.since).toISOString()}`;
}

/** Where an outage is recorded (its announcement and its end): the site and its earliest offline time name it. */
export function siteOutageId(tenantId: string, site: string, since: number): string {
  return `site:${tenantId}/${site}/${since}`;
}

/** The tenant, site and start an outage's record id names, or null for another id. */
export function parseSiteOutageId(id: string): { tenantId: string; site: string; since: number } | null {
  const m = /^site:([^/]+)\/(.+)\/(\d+)$/.exec(id);
  return m ? { tenantId: m[1]!, site: m[2]!, since: Number(m[3]) } : null;
}

/** The message at an outage's end: how many of the devices it held reconnected, and which are still offline. */
export function siteBackText(site: string, held: number, stillOffline: string[]): string {
  const still = stillOffline.length > 0 ? `; still offline: ${[...stillOffline].sort().join(', ')}` : '';
  return `Site ${site} is back: ${held - stillOffline.length} of ${held} devices reconnected${still}`;
}
