// The demo fleet: simulated endpoints in two client organizations. Each is a
// real agent process acting as its OS and fed recorded tool outputs (the
// same recordings the agent's parser tests use), some healthy, some not.
import { debianPrograms as debian, dfPrograms, macPrograms as mac, windowsPrograms as windows } from '../../tests/support/recorded-endpoints.mjs';

/** `apt list --upgradable` with `count` packages, every third a security update: a server far behind. */
function manyUpgradable(count) {
  const lines = ['Listing...'];
  for (let i = 1; i <= count; i++) {
    const pocket = i % 3 === 0 ? 'jammy-updates,jammy-security' : 'jammy-updates';
    lines.push(`libdemo${String(i).padStart(2, '0')}/${pocket} 1.${i}.1-0ubuntu1 amd64 [upgradable from: 1.${i}.0-0ubuntu1]`);
  }
  return `${lines.join('\n')}\n`;
}

/** Ubuntu Server: the agent reads the role (server) from the OS name, as on a real one. */
const UBUNTU_SERVER = 'NAME="Ubuntu Server"\nVERSION_ID="22.04"\nPRETTY_NAME="Ubuntu 22.04.4 LTS"\n';

/** Windows Update unreachable (a proxy blocks it): patch status is unknown, with the agent's reason. */
function updateSearchFails(programs) {
  const ps = programs['powershell.exe'].map((a) => (a.match === 'Microsoft.Update.Session'
    ? { match: a.match, stdout: '', stderr: 'Exception from HRESULT: 0x8024402C\n', exitCode: 1 }
    : a));
  return { ...programs, 'powershell.exe': ps };
}

export const TENANTS = [
  { id: 'acme', name: 'Acme Dental Group' },
  { id: 'globex', name: 'Globex Logistics' },
];

/**
 * Endpoints: `backupAgeHours` ages the newest file the file-freshness backup
 * job watches; `files` are OS files under the agent's replayed file tree.
 * Sites, tags, OS and roles (from the inventory: server, workstation,
 * laptop) are chosen so that every line of the tenants' ownership configs
 * below matches at least one device, and each team owns some alerts:
 *   acme-fs01    server, hq          → provider (servers), 64 pending updates
 *   acme-ws-07   workstation, hq     → internal (office-devices): stale backup; security → provider
 *   acme-mbp-03  laptop, clinic-north, darwin → internal (clinic-macs)
 *   globex-dc01  server, warehouse   → provider (warehouse-servers, 1 min SLA: escalates); patch unknown
 *   globex-nas   server, warehouse   → provider
 *   globex-lt-12 laptop, office      → internal (sales-laptops): stale backup
 */
export const FLEET = [
  {
    name: 'acme-fs01', tenant: 'acme', site: 'hq', tags: ['files'], platform: 'linux', backupAgeHours: 100,
    files: { '/var/run/reboot-required': '*** System restart required ***\n', '/etc/os-release': UBUNTU_SERVER },
    programs: { ...debian({ simulate: 'ubuntu2204-dist-upgrade-new-kernel' }), apt: [{ stdout: manyUpgradable(64) }], ...dfPrograms([{ device: '/dev/sda1', fsType: 'ext4', mount: '/', sizeGb: 60, usedPercent: 41 }, { device: '/dev/sdb1', fsType: 'xfs', mount: '/srv', sizeGb: 2000, usedPercent: 96.4 }]) },
  },
  {
    name: 'acme-ws-07', tenant: 'acme', site: 'hq', tags: ['front-desk'], platform: 'win32', backupAgeHours: 100,
    programs: { ...windows({ caption: 'Microsoft Windows 11 Pro', productType: 1, chassisTypes: [3], realTime: false, firewallPublic: false, wua: 'security-only-compact' }), ...dfPrograms([{ device: 'C:', fsType: 'NTFS', mount: 'C:', sizeGb: 475, usedPercent: 62 }]) },
  },
  {
    name: 'acme-mbp-03', tenant: 'acme', site: 'clinic-north', tags: ['dentist'], platform: 'darwin', backupAgeHours: 2,
    programs: { ...mac({ model: 'MacBookPro18,3', filevault: 'off', softwareupdate: 'many-pending-restart' }), ...dfPrograms([{ device: '/dev/disk3s1s1', fsType: 'apfs', mount: '/', sizeGb: 994, usedPercent: 55 }]) },
  },
  {
    name: 'globex-dc01', tenant: 'globex', site: 'warehouse', tags: ['domain-controller'], platform: 'win32', backupAgeHours: 3,
    programs: { ...updateSearchFails(windows({ caption: 'Microsoft Windows Server 2022 Standard', productType: 2, chassisTypes: [1] })), ...dfPrograms([{ device: 'C:', fsType: 'NTFS', mount: 'C:', sizeGb: 127, usedPercent: 48 }, { device: 'D:', fsType: 'NTFS', mount: 'D:', sizeGb: 500, usedPercent: 71 }]) },
  },
  {
    name: 'globex-nas', tenant: 'globex', site: 'warehouse', tags: ['storage'], platform: 'linux', backupAgeHours: 80,
    files: { '/etc/os-release': UBUNTU_SERVER },
    programs: { ...debian({ ufw: 'inactive' }), ...dfPrograms([{ device: '/dev/md0', fsType: 'ext4', mount: '/', sizeGb: 30, usedPercent: 22 }, { device: '/dev/md1', fsType: 'ext4', mount: '/volume1', sizeGb: 8000, usedPercent: 91 }]) },
  },
  {
    name: 'globex-lt-12', tenant: 'globex', site: 'office', tags: ['sales'], platform: 'darwin', backupAgeHours: 90,
    programs: { ...mac({ model: 'MacBookAir10,1' }), ...dfPrograms([{ device: '/dev/disk3s1s1', fsType: 'apfs', mount: '/', sizeGb: 245, usedPercent: 38 }]) },
  },
];

/** Demo accounts: the provider's NOC, each tenant's internal IT admin, a Globex viewer (Acme's viewer is invited through the API). */
export const ACCOUNTS = [
  { email: 'noc@northwind.example', name: 'Northwind NOC', role: 'provider-noc' },
  { email: 'it@acme.example', name: 'Acme IT', role: 'internal-admin', tenant: 'acme' },
  { email: 'it@globex.example', name: 'Globex IT', role: 'internal-admin', tenant: 'globex' },
  { email: 'viewer@globex.example', name: 'Globex viewer', role: 'internal-viewer', tenant: 'globex' },
];

/** Invited by Acme's admin through the People page's API, with a first password shown once. */
export const INVITED = { email: 'viewer@acme.example', name: 'Acme front desk', role: 'internal-viewer', tenant: 'acme', by: 'it@acme.example' };

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
  - { id: clinic-macs, match: { site: clinic-north, os: darwin }, owner: internal, sla: { critical: 1h, warning: 8h } }
  - { id: office-devices, match: { role: [workstation, laptop], site: hq }, owner: internal, sla: { warning: 8h } }
coverage: { outsideHours: other, away: other }
escalation: { to: both, repeatEvery: 30m, maxReminders: 4 }
guardrails:
  lockedLines: [security]
  unmutable: { rules: [antivirus-off, firewall-off] }
`;
  }
  return `# Globex hands nearly everything to the MSP, 24/7; its own IT keeps the sales laptops.
teams:
  internal:
    name: Globex IT
    channels: [{ name: globex-it-hook, type: webhook, url: "${sink}/globex-it" }]
  provider:
    name: Northwind MSP NOC
    channels: [{ name: noc-hook, type: webhook, url: "${sink}/noc" }]
defaults: { owner: provider, sla: { critical: 1h, warning: 8h, info: 3d } }
lines:
  # A one-minute response time, so the demo shows an escalation soon after start.
  - { id: warehouse-servers, match: { site: warehouse, role: server }, owner: provider, sla: { critical: 1m, warning: 1h } }
  - { id: sales-laptops, match: { site: office, role: laptop, tags: sales }, owner: internal, sla: { critical: 2h, warning: 1d } }
escalation: { to: both, repeatEvery: 1h, maxReminders: 2 }
`;
}
