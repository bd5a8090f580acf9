import type { ParseSource } from '../parse-source.js';

export const DARWIN_SOURCES: ParseSource[] = [];
