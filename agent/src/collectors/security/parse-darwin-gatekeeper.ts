// `spctl --status`: Gatekeeper. The sentence decides whatever the exit code
// (scripts in the field disagree on what spctl returns when assessments are
// off); the exit code only explains a missing sentence.
import { emptySecurity } from '@tandem/proto';
import type { SecurityStatus } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';
import { noAnswerReason, outputLines, unknownSecurity } from './parse-darwin-output.js';

export function parseSpctlStatus(output: ToolOutput): SecurityStatus {
  const lines = outputLines(output);
  if (lines.some((l) => /^assessments enabled\b/i.test(l))) return { ...emptySecurity(), checks: { gatekeeper: 'on' } };
  if (lines.some((l) => /^assessments disabled\b/i.test(l))) return { ...emptySecurity(), checks: { gatekeeper: 'off' } };
  return unknownSecurity(noAnswerReason('spctl --status', output), { checks: { gatekeeper: 'unknown' } });
}
