import type { ParseSource } from './parse-source.js';
import { LINUX_PATCH_SOURCES } from './sources/linux-patch.js';
import { LINUX_SECURITY_SOURCES } from './sources/linux-security.js';
import { LINUX_BACKUP_SOURCES } from './sources/linux-backup.js';
import { DARWIN_SOURCES } from './sources/darwin.js';
import { WIN32_SOURCES } from './sources/win32.js';
import { ENDPOINT_PROTECTION_SOURCES } from './sources/endpoint-protection.js';

/** Every parser the agent has, by source name; collectors and `tandem-agent parse` share them. */
export const PARSE_SOURCES: readonly ParseSource[] = [
  ...LINUX_PATCH_SOURCES,
  ...LINUX_SECURITY_SOURCES,
  ...LINUX_BACKUP_SOURCES,
  ...DARWIN_SOURCES,
  ...WIN32_SOURCES,
  ...ENDPOINT_PROTECTION_SOURCES,
];

export function findParseSource(name: string): ParseSource | undefined {
  return PARSE_SOURCES.find((s) => s.name === name);
}
