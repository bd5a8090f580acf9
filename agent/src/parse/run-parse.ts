import { AgentError } from '../errors.js';
import type { ParseOptions, ToolOutput } from './parse-source.js';
import { findSource, SOURCES } from './registry.js';

/** What `tandem-agent parse <source>` prints: the facts under the topic the source feeds. */
export function runParse(sourceName: string, output: ToolOutput, options: ParseOptions): Record<string, unknown> {
  const source = findSource(sourceName);
  if (!source) {
    throw new AgentError('AGT_ERR_PARSE_SOURCE', `unknown source "${sourceName}"; known sources: ${SOURCES.map((s) => s.name).join(', ') || '(none)'}`);
  }
  return { [source.topic]: source.parse(output, options) };
}
