import { emptySecurity, unknownTopic } from '@tandem/proto';
import type { SecurityStatus } from '@tandem/proto';
import type { CollectContext } from '../collector.js';

export async function collectSecurityWin32(_ctx: CollectContext): Promise<SecurityStatus> {
  return { ...emptySecurity(), ...unknownTopic('security status on win32 is not read by this agent version') };
}
