// `spctl --status`: Gatekeeper. spctl exits non-zero when assessments are
// disabled, so the sentence decides and the exit code only matters when there
// is no sentence.
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
