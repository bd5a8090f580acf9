import si from 'systeminformation';
import { emptyInventory } from '@tandem/proto';
import type { Chassis, Inventory } from '@tandem/proto';
import type { Collector } from '../collector.js';
import { deviceHostname } from '../../platform.js';
import { readFile } from 'node:fs/promises';
import type { CollectContext } from '../collector.js';
import { isNotFound } from '../../exec/run-command.js';
import { chassisFromMacModel, parseOsRelease, parseSwVers, parseWin32OperatingSystem } from './parse-os-name.js';
import type { OsName } from './parse-os-name.js';

const WIN32_OS_SCRIPT = [
  '$os = Get-CimInstance Win32_OperatingSystem; $enc = Get-CimInstance Win32_SystemEnclosure;',
  '[pscustomobject]@{ Caption = $os.Caption; Version = $os.Version; ProductType = $os.ProductType; ChassisTypes = @($enc.ChassisTypes) } | ConvertTo-Json -Compress',
].join(' ');

/** The OS's own answer to "what are you"; null fields when it cannot tell. */
async function readOsName(ctx: CollectContext): Promise<OsName> {
  const none = { osName: null, osVersion: null };
  if (ctx.platform === 'linux') {
    return readFile(ctx.osPath('/etc/os-release'), 'utf8').then(parseOsRelease, () => none);
  }
  if (ctx.platform === 'darwin') {
    const [vers, model] = await Promise.all([ctx.run('sw_vers', []), ctx.run('sysctl', ['-n', 'hw.model'])]);
    const name = isNotFound(vers) || vers.exitCode !== 0 ? none : parseSwVers(vers.stdout);
    return { ...name, chassis: isNotFound(model) || model.exitCode !== 0 ? null : chassisFromMacModel(model.stdout) };
  }
  const outcome = await ctx.run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', WIN32_OS_SCRIPT]);
  return isNotFound(outcome) || outcome.exitCode !== 0 ? none : parseWin32OperatingSystem(outcome.stdout);
}

const LAPTOP_CHASSIS = /notebook|laptop|portable|sub notebook|convertible|detachable|tablet/i;
const SERVER_CHASSIS = /server|rack|blade|main server/i;

/** Best guess of the device's role from its chassis and OS name; null when unsure. */
export function chassisFrom(chassisType: string, osName: string | null, virtual: boolean): Chassis | null {
  if (LAPTOP_CHASSIS.test(chassisType)) return 'laptop';
  if (SERVER_CHASSIS.test(chassisType) || /server/i.test(osName ?? '')) return 'server';
  if (virtual) return 'server';
  if (/desktop|tower|mini|all in one|low profile/i.test(chassisType)) return 'workstation';
  return null;
}

function text(v: string | undefined): string | null {
  const t = (v ?? '').trim();
  return t === '' || t === '-' || /^(default string|to be filled by o\.e\.m\.|system serial number)$/i.test(t) ? null : t;
}

export const inventoryCollector: Collector<'inventory'> = {
  topic: 'inventory',
  async collect(ctx): Promise<Inventory> {
    const inv: Inventory = { ...emptyInventory(), os: ctx.platform, hostname: deviceHostname(ctx.env) };
    const problems: string[] = [];
    const [os, system, chassis, mem, cpu, name] = await Promise.allSettled([si.osInfo(), si.system(), si.chassis(), si.mem(), si.cpu(), readOsName(ctx)]);
    if (os.status === 'fulfilled') {
      if (!ctx.env.TANDEM_HOSTNAME) inv.hostname = text(os.value.hostname) ?? inv.hostname;
      inv.osName = text(os.value.distro);
      inv.osVersion = text(os.value.release);
      inv.arch = text(os.value.arch);
      inv.kernel = text(os.value.kernel);
      inv.serial = text(os.value.serial);
    } else {
      problems.push(`os info: ${String(os.reason)}`);
    }
    if (name.status === 'fulfilled' && name.value.osName) {
      inv.osName = name.value.osName;
      inv.osVersion = name.value.osVersion ?? inv.osVersion;
    }
    if (system.status === 'fulfilled') {
      inv.manufacturer = text(system.value.manufacturer);
      inv.model = text(system.value.model);
      inv.serial = text(system.value.serial) ?? inv.serial;
    }
    if (mem.status === 'fulfilled') inv.memoryBytes = mem.value.total;
    if (cpu.status === 'fulfilled') inv.cpuCores = cpu.value.cores;
    inv.uptimeSeconds = Math.floor(si.time().uptime);
    const virtual = system.status === 'fulfilled' && system.value.virtual === true;
    const fromOs = name.status === 'fulfilled' ? name.value.chassis ?? null : null;
    inv.chassis = fromOs ?? chassisFrom(chassis.status === 'fulfilled' ? chassis.value.type : '', inv.osName, virtual);
    if (problems.length > 0 && inv.osName === null) {
      return { ...inv, state: 'unknown', reason: problems.join('; ') };
    }
    return inv;
  },
};
