/** No config, rule pack or ownership config is nested anywhere near this deep. */
export const MAX_YAML_DEPTH = 100;

/**
 * Whether YAML text nests deeper than `max`, judged before parsing: brackets
 * of flow collections, and the columns of indentation and "- " markers that
 * open block collections. The YAML parser recurses per level; a few thousand
 * levels exhaust the stack, and where that happens inside V8's regular
 * expression compiler the process aborts instead of throwing.
 */
export function yamlTooDeep(text: string, max = MAX_YAML_DEPTH): boolean {
  let flow = 0;
  let indent = 0;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) {
      lineStart = true;
      indent = 0;
      continue;
    }
    // Leading blanks, tabs and "- ", "? ", ": " markers: each opens a level of block nesting.
    if (lineStart && (ch === 32 || ch === 9 || ch === 45 || ch === 63 || ch === 58)) {
      if (++indent > max * 4) return true;
      continue;
    }
    lineStart = false;
    // Brackets are counted even inside quotes: a false alarm needs a hundred unclosed ones in a string.
    if (ch === 91 || ch === 123) {
      if (++flow > max) return true;
    } else if ((ch === 93 || ch === 125) && flow > 0) {
      flow--;
    }
  }
  return false;
}
