// The OS name and version, read the OS's own way, so a replay of another
// OS's outputs (tests, demo) reports that OS and not the machine it runs on.

export interface OsName {
  osName: string | null;
  osVersion: string | null;
}

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

/** Windows: `Get-CimInstance Win32_OperatingSystem | Select-Object Caption,Version | ConvertTo-Json`. */
export function parseWin32OperatingSystem(text: string): OsName {
  try {
    const raw = JSON.parse(text.replace(/^\uFEFF/, '').trim()) as unknown;
    const o = (Array.isArray(raw) ? raw[0] : raw) as { Caption?: unknown; Version?: unknown } | undefined;
    return {
      osName: typeof o?.Caption === 'string' ? o.Caption.replace(/^Microsoft\s+/, '').trim() : null,
      osVersion: typeof o?.Version === 'string' ? o.Version : null,
    };
  } catch {
    return { osName: null, osVersion: null };
  }
}
