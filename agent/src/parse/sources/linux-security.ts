import type { ParseSource } from '../parse-source.js';

export const LINUX_SECURITY_SOURCES: ParseSource[] = [];
