import { emptyPatch, unknownTopic } from '@tandem/proto';
import type { PatchStatus } from '@tandem/proto';
import type { CollectContext } from '../collector.js';

export async function collectPatchLinux(_ctx: CollectContext): Promise<PatchStatus> {
  return { ...emptyPatch(), ...unknownTopic('patch status on linux is not read by this agent version') };
}
