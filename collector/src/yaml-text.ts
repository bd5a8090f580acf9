// The one way the collector reads YAML it was given (config files, rule
// packs, ownership configs): a syntax error names the source, line and column.
import { parse, YAMLParseError } from 'yaml';
import { MAX_YAML_DEPTH, yamlTooDeep } from './yaml-depth.js';

export type YamlRead = { ok: true; value: unknown } | { ok: false; problem: string };

export function readYaml(text: string, name: string): YamlRead {
  if (yamlTooDeep(text)) return { ok: false, problem: `${name}: not valid YAML: nested more than ${MAX_YAML_DEPTH} levels deep` };
  try {
    return { ok: true, value: parse(text) };
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? `:${err.linePos[0].line}:${err.linePos[0].col}` : '';
    return { ok: false, problem: `${name}${where}: not valid YAML: ${(err as Error).message.split('\n')[0]}` };
  }
}
