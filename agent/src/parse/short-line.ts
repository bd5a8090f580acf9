/**
 * A line of tool output quoted in a reason, cut to a length people read.
 * Reasons travel in every report and show in alerts; a tool that prints a
 * megabyte on one line must not put that megabyte into each of them.
 */
export function shortLine(line: string, max = 200): string {
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
