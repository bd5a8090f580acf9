// Shared reading of macOS security tools' text. Each of fdesetup,
// socketfilterfw, spctl and csrutil prints one answer line; the line decides,
// and a non-zero exit without an answer line is unknown with the tool's own
// words as the reason.
import { emptySecurity, unknownTopic } from '@tandem/proto';
import type { SecurityStatus } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';
import { shortLine } from '../../parse/short-line.js';

export function outputLines(output: ToolOutput): string[] {
  return `${output.stdout}\n${output.stderr}`
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Why a tool gave no answer: the exit status and its first line of text. */
export function noAnswerReason(tool: string, output: ToolOutput): string {
  const first = outputLines({ ...output, stdout: output.stderr || output.stdout, stderr: '' })[0];
  if (output.exitCode === null) return `${tool} did not finish (killed or timed out)`;
  if (output.exitCode !== 0) return `${tool} exited with ${output.exitCode}${first ? `: ${shortLine(first)}` : ''}`;
  return first ? `${tool} output not recognised: ${shortLine(first)}` : `${tool} printed nothing`;
}

export function unknownSecurity(reason: string, fields: Partial<SecurityStatus> = {}): SecurityStatus {
  return { ...emptySecurity(), ...fields, ...unknownTopic(reason) };
}
