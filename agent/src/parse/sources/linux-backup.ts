import type { ParseSource } from '../parse-source.js';

export const LINUX_BACKUP_SOURCES: ParseSource[] = [];
