import type { Source } from '../collectors/source.js';
import { PATCH_SOURCES } from '../collectors/patch/sources/index.js';
import { SECURITY_SOURCES } from '../collectors/security/sources/index.js';
import { BACKUP_SOURCES } from '../collectors/backup/sources/index.js';

/**
 * Every source the agent has, as each topic folder declares it; the
 * collectors run the same declarations and `tandem-agent parse` looks them up here.
 */
export const SOURCES: readonly Source[] = [...PATCH_SOURCES, ...SECURITY_SOURCES, ...BACKUP_SOURCES];

export function findSource(name: string): Source | undefined {
  return SOURCES.find((s) => s.name === name);
}
