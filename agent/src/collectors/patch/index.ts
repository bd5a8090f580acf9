import type { PatchStatus } from '@tandem/proto';
import type { Collector } from '../collector.js';
import { collectPatchLinux } from './linux.js';
import { collectPatchDarwin } from './darwin.js';
import { collectPatchWin32 } from './win32.js';

export const patchCollector: Collector<'patch'> = {
  topic: 'patch',
  collect(ctx): Promise<PatchStatus> {
    switch (ctx.platform) {
      case 'darwin': return collectPatchDarwin(ctx);
      case 'win32': return collectPatchWin32(ctx);
      default: return collectPatchLinux(ctx);
    }
  },
};
