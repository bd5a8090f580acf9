import type { ParseSource } from '../parse-source.js';

export const WIN32_SOURCES: ParseSource[] = [];
