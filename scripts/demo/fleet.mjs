// The demo fleet: simulated endpoints in two client organizations. Each is a
// real agent process acting as its OS and fed recorded tool outputs (the
// same recordings the agent's parser tests use), some healthy, some not.
import { debianPrograms as debian, dfPrograms, macPrograms as mac, windowsPrograms as windows } from '../../tests/support/recorded-endpoints.mjs';

export const TENANTS = [
  { id: 'acme', name: 'Acme Dental Group' },
  { id: 'globex', name: 'Globex Logistics' },
];

/**
 * Endpoints: `backupAgeHours` ages the newest file the file-freshness backup
 * job watches; `files` are OS files under the agent's replayed file tree.
 */
export const FLEET = [
  {
    name: 'acme-fs01', tenant: 'acme', site: 'hq', tags: ['files'], platform: 'linux', backupAgeHours: 100,
    files: { '/var/run/reboot-required': '*** System restart required ***\n' },
    programs: { ...debian({ apt: 'security-only-debian12', simulate: 'ubuntu2204-dist-upgrade-new-kernel' }), ...dfPrograms([{ device: '/dev/sda1', fsType: 'ext4', mount: '/', sizeGb: 60, usedPercent: 41 }, { device: '/dev/sdb1', fsType: 'xfs', mount: '/srv', sizeGb: 2000, usedPercent: 96.4 }]) },
  },
  {
    name: 'acme-ws-07', tenant: 'acme', site: 'hq', tags: ['front-desk'], platform: 'win32', backupAgeHours: 5,
    programs: { ...windows({ caption: 'Microsoft Windows 11 Pro', productType: 1, chassisTypes: [3], realTime: false, firewallPublic: false, wua: 'security-only-compact' }), ...dfPrograms([{ device: 'C:', fsType: 'NTFS', mount: 'C:', sizeGb: 475, usedPercent: 62 }]) },
  },
  {
    name: 'acme-mbp-03', tenant: 'acme', site: 'clinic-north', tags: ['dentist'], platform: 'darwin', backupAgeHours: 2,
    programs: { ...mac({ model: 'MacBookPro18,3', filevault: 'off', softwareupdate: 'many-pending-restart' }), ...dfPrograms([{ device: '/dev/disk3s1s1', fsType: 'apfs', mount: '/', sizeGb: 994, usedPercent: 55 }]) },
  },
  {
    name: 'globex-dc01', tenant: 'globex', site: 'warehouse', tags: ['domain-controller'], platform: 'win32', backupAgeHours: 3,
    programs: { ...windows({ caption: 'Microsoft Windows Server 2022 Standard', productType: 2, chassisTypes: [1] }), ...dfPrograms([{ device: 'C:', fsType: 'NTFS', mount: 'C:', sizeGb: 127, usedPercent: 48 }, { device: 'D:', fsType: 'NTFS', mount: 'D:', sizeGb: 500, usedPercent: 71 }]) },
  },
  {
    name: 'globex-nas', tenant: 'globex', site: 'warehouse', tags: ['storage'], platform: 'linux', backupAgeHours: 80,
    programs: { ...debian({ ufw: 'inactive' }), ...dfPrograms([{ device: '/dev/md0', fsType: 'ext4', mount: '/', sizeGb: 30, usedPercent: 22 }, { device: '/dev/md1', fsType: 'ext4', mount: '/volume1', sizeGb: 8000, usedPercent: 91 }]) },
  },
  {
    name: 'globex-lt-12', tenant: 'globex', site: 'office', tags: ['sales'], platform: 'darwin', backupAgeHours: 1,
    programs: { ...mac({ model: 'MacBookAir10,1' }), ...dfPrograms([{ device: '/dev/disk3s1s1', fsType: 'apfs', mount: '/', sizeGb: 245, usedPercent: 38 }]) },
  },
];

/** Demo accounts: the provider's NOC, Acme's internal IT admin, a Globex viewer. */
export const ACCOUNTS = [
  { email: 'noc@northwind.example', name: 'Northwind NOC', role: 'provider-noc' },
  { email: 'it@acme.example', name: 'Acme IT', role: 'internal-admin', tenant: 'acme' },
  { email: 'viewer@globex.example', name: 'Globex viewer', role: 'internal-viewer', tenant: 'globex' },
];

/** Ownership per demo tenant; `sink` receives the notifications. */
export function ownershipYaml(tenantId, sink) {
  if (tenantId === 'acme') {
    return `# Acme keeps its workstations and Macs during office hours; the MSP owns servers and security.
teams:
  internal:
    name: Acme IT
    channels: [{ name: acme-it-hook, type: webhook, url: "${sink}/acme-it" }]
    hours: { timeZone: Europe/Berlin, days: [mon, tue, wed, thu, fri], from: "08:00", to: "17:00" }
    away:
      - { from: 2026-12-21, until: 2027-01-04, reason: "only admin on holiday" }
  provider:
    name: Northwind MSP NOC
    channels: [{ name: noc-hook, type: webhook, url: "${sink}/noc" }]
defaults: { owner: provider, sla: { critical: 30m, warning: 4h, info: 1d } }
lines:
  - { id: security, match: { category: security }, owner: provider, sla: { critical: 15m, warning: 2h } }
  - { id: servers, match: { role: server }, owner: provider, sla: { critical: 30m, warning: 2h } }
  - { id: office-devices, match: { role: [workstation, laptop] }, owner: internal, sla: { warning: 8h } }
coverage: { outsideHours: other, away: other }
escalation: { to: both, repeatEvery: 30m, maxReminders: 4 }
guardrails:
  lockedLines: [security]
  unmutable: { rules: [antivirus-off, firewall-off] }
`;
  }
  return `# Globex hands everything to the MSP, 24/7.
teams:
  internal:
    name: Globex IT
    channels: [{ name: globex-it-hook, type: webhook, url: "${sink}/globex-it" }]
  provider:
    name: Northwind MSP NOC
    channels: [{ name: noc-hook, type: webhook, url: "${sink}/noc" }]
defaults: { owner: provider, sla: { critical: 1h, warning: 8h, info: 3d } }
lines: []
escalation: { to: both, repeatEvery: 1h, maxReminders: 2 }
`;
}
