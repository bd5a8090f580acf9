// SMART health from smartmontools' JSON output (`smartctl -H -j <device>`,
// smartctl 7.0+). The exit status is a bit mask; bit 3 means the drive
// itself reports it is failing, even when the JSON is cut short.

export type SmartHealth = 'ok' | 'failing' | 'unknown';

/** `smartctl --scan -j`: the devices smartctl can address. */
export function parseSmartctlScan(text: string): string[] {
  try {
    const doc = JSON.parse(text) as { devices?: Array<{ name?: unknown }> };
    return (doc.devices ?? []).map((d) => d.name).filter((n): n is string => typeof n === 'string' && n.startsWith('/dev/'));
  } catch {
    return [];
  }
}

/** One device's verdict from `smartctl -H -j`, with the tool's exit code. */
export function parseSmartctlHealth(text: string, exitCode: number | null): SmartHealth {
  if (exitCode !== null && (exitCode & 0b1000) !== 0) return 'failing';
  try {
    const doc = JSON.parse(text) as { smart_status?: { passed?: unknown } };
    if (doc.smart_status?.passed === true) return 'ok';
    if (doc.smart_status?.passed === false) return 'failing';
  } catch {
    // Unreadable output: the verdict is unknown, not "ok".
  }
  return 'unknown';
}

/** The whole disk a partition lives on: /dev/sda1 → /dev/sda, /dev/nvme0n1p2 → /dev/nvme0n1. */
export function wholeDisk(device: string): string | null {
  if (!device.startsWith('/dev/')) return null;
  const nvme = /^(\/dev\/nvme\d+n\d+)(p\d+)?$/.exec(device);
  if (nvme) return nvme[1]!;
  const classic = /^(\/dev\/(?:sd|hd|vd|xvd)[a-z]+)\d*$/.exec(device);
  return classic ? classic[1]! : null;
}
