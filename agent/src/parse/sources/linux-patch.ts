import type { ParseSource } from '../parse-source.js';

export const LINUX_PATCH_SOURCES: ParseSource[] = [];
