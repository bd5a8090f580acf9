// A broken config file stops the process with a message naming the file,
// the key and what was expected.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENT_CLI, COLLECTOR_CLI, runNode, tempDir } from '../support/processes.js';

function configFile(text: string): string {
  const file = join(tempDir('cfg'), 'config.yaml');
  writeFileSync(file, text);
  return file;
}

describe('broken config files', () => {
  it('collector: wrong type', async () => {
    const file = configFile('listen: { port: "http" }\n');
    const r = await runNode(COLLECTOR_CLI, ['serve', '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}: listen.port:`);
    expect(r.stderr).toMatch(/expected number/);
  });

  it('collector: broken YAML', async () => {
    const file = configFile('listen:\n  port: [8080\n');
    const r = await runNode(COLLECTOR_CLI, ['serve', '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: not valid YAML`));
  });

  it('agent: unknown key and bad schedule', async () => {
    const file = configFile('dataDir: data\nschedules: { disk: "often" }\ncolectors: ["ws://x"]\n');
    const r = await runNode(AGENT_CLI, ['run', '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}: schedules.disk: expected a cron expression`);
    expect(r.stderr).toMatch(/colectors/);
  });

  it('agent: missing file', async () => {
    const r = await runNode(AGENT_CLI, ['collect', '--once', '--config', '/nonexistent/agent.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot read config /nonexistent/agent.yaml: ENOENT');
  });
});
