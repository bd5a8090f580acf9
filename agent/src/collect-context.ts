import { join } from 'node:path';
import type { AgentConfig } from './config.js';
import type { CollectContext } from './collectors/collector.js';
import { createRunCommand } from './exec/run-command.js';
import { currentPlatform } from './platform.js';

export function createCollectContext(config: AgentConfig, env: NodeJS.ProcessEnv = process.env): CollectContext {
  return {
    platform: currentPlatform(env),
    run: createRunCommand({ timeoutMs: config.commandTimeoutSeconds * 1000, env }),
    now: () => new Date(),
    config,
    env,
    osPath: (path) => (env.TANDEM_FS_ROOT ? join(env.TANDEM_FS_ROOT, path) : path),
    timeZone: env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  };
}
