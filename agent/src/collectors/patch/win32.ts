import { emptyPatch, unknownTopic } from '@tandem/proto';
import type { PatchStatus } from '@tandem/proto';
import type { CollectContext } from '../collector.js';

export async function collectPatchWin32(_ctx: CollectContext): Promise<PatchStatus> {
  return { ...emptyPatch(), ...unknownTopic('patch status on win32 is not read by this agent version') };
}
