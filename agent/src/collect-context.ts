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
    timeZone: env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  };
}
