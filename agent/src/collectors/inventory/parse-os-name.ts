// The OS name and version, read the OS's own way, so a replay of another
// OS's outputs (tests, demo) reports that OS and not the machine it runs on.

import type { Chassis } from '@tandem/proto';

export interface OsName {
  osName: string | null;
  osVersion: string | null;
  /** The device's role when the OS says it plainly (Windows product type, Mac model). */
  chassis?: Chassis | null;
}

// SMBIOS chassis types that are portable: laptop, notebook, sub-notebook, tablet, convertible, detachable, …
const PORTABLE_CHASSIS = new Set([8, 9, 10, 11, 14, 30, 31, 32]);

/** Linux: /etc/os-release (NAME, VERSION_ID; PRETTY_NAME as a fallback). */
export function parseOsRelease(text: string): OsName {
  const fields = new Map<string, string>();
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) fields.set(m[1]!, m[2]!.replace(/^(["'])(.*)\1$/, '$2'));
  }
  return { osName: fields.get('NAME') ?? fields.get('PRETTY_NAME') ?? null, osVersion: fields.get('VERSION_ID') ?? null };
}

/** macOS: `sw_vers` ("ProductName:\tmacOS", "ProductVersion:\t14.2.1"). */
export function parseSwVers(text: string): OsName {
  const get = (key: string) => new RegExp(`^${key}:\\s*(.+)$`, 'm').exec(text.replace(/\r/g, ''))?.[1]?.trim() ?? null;
  return { osName: get('ProductName'), osVersion: get('ProductVersion') };
}

/** macOS: `sysctl -n hw.model` ("MacBookPro18,3" is a laptop; iMac, Mac mini, Mac Studio, Mac Pro are not). */
export function chassisFromMacModel(model: string): Chassis | null {
  const m = model.trim();
  if (!m) return null;
  return /^MacBook/i.test(m) ? 'laptop' : 'workstation';
}

/**
 * Windows: the agent's projection of Win32_OperatingSystem and
 * Win32_SystemEnclosure: {Caption, Version, ProductType, ChassisTypes}.
 * ProductType 1 is a workstation, 2 a domain controller, 3 a server.
 */
export function parseWin32OperatingSystem(text: string): OsName {
  try {
    const raw = JSON.parse(text.replace(/^\uFEFF/, '').trim()) as unknown;
    const o = (Array.isArray(raw) ? raw[0] : raw) as { Caption?: unknown; Version?: unknown; ProductType?: unknown; ChassisTypes?: unknown } | undefined;
    const types = (Array.isArray(o?.ChassisTypes) ? o.ChassisTypes : [o?.ChassisTypes]).map(Number);
    const productType = Number(o?.ProductType);
    const chassis: Chassis | null = productType === 2 || productType === 3 ? 'server'
      : types.some((t) => PORTABLE_CHASSIS.has(t)) ? 'laptop'
        : productType === 1 ? 'workstation' : null;
    return {
      osName: typeof o?.Caption === 'string' ? o.Caption.replace(/^Microsoft\s+/, '').trim() : null,
      osVersion: typeof o?.Version === 'string' ? o.Version : null,
      chassis,
    };
  } catch {
    return { osName: null, osVersion: null };
  }
}
