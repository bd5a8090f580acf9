import { emptySecurity, unknownTopic } from '@tandem/proto';
import type { SecurityStatus } from '@tandem/proto';
import type { CollectContext } from '../collector.js';

export async function collectSecurityLinux(_ctx: CollectContext): Promise<SecurityStatus> {
  return { ...emptySecurity(), ...unknownTopic('security status on linux is not read by this agent version') };
}
