import { AgentError } from '../errors.js';
import type { ParseOptions, ToolOutput } from './parse-source.js';
import { findSource, SOURCES } from './registry.js';
import { decodeConsole, knownCodePage } from './code-page.js';
import { decode } from '../exec/run-command.js';

/** What `tandem-agent parse <source>` prints: the facts under the topic the source feeds. */
export function runParse(sourceName: string, output: ToolOutput, options: ParseOptions): Record<string, unknown> {
  const source = findSource(sourceName);
  if (!source) {
    throw new AgentError('AGT_ERR_PARSE_SOURCE', `unknown source "${sourceName}"; known sources: ${SOURCES.map((s) => s.name).join(', ') || '(none)'}`);
  }
  return { [source.topic]: source.parse(output, options) };
}

/**
 * A saved tool output as text: a source that prints in the OEM code page
 * (manage-bde, wbadmin), or any file when `codePage` is given (a paste saved
 * as ANSI is 1252), is read as UTF-8 when it is valid UTF-8 and in that code
 * page (850 when none is given) otherwise; other files as UTF-8 or UTF-16 by
 * their byte-order mark.
 */
export function decodeToolFile(bytes: Buffer, sourceName: string, codePage: number | null = null): string {
  if (codePage !== null && !knownCodePage(codePage)) {
    throw new AgentError('AGT_ERR_USAGE', `--code-page: ${codePage} is not a code page this agent can decode (e.g. 850, 437, 1252)`);
  }
  const oem = findSource(sourceName)?.encoding === 'oem';
  return oem || codePage !== null ? decodeConsole(bytes, codePage) : decode(bytes);
}
