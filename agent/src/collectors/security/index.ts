import type { SecurityStatus } from '@tandem/proto';
import type { Collector } from '../collector.js';
import { collectSecurityLinux } from './linux.js';
import { collectSecurityDarwin } from './darwin.js';
import { collectSecurityWin32 } from './win32.js';

export const securityCollector: Collector<'security'> = {
  topic: 'security',
  collect(ctx): Promise<SecurityStatus> {
    switch (ctx.platform) {
      case 'darwin': return collectSecurityDarwin(ctx);
      case 'win32': return collectSecurityWin32(ctx);
      default: return collectSecurityLinux(ctx);
    }
  },
};
