// The endpoint protection reading per OS with every tool replayed: what the
// collector lists equals what `tandem-agent parse` gives for the same
// recorded output, several sensors combine, a missing tool lists nothing.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OsFamily } from '@tandem/proto';
import type { CollectContext } from '../../../src/collectors/collector.js';
import type { RunCommand, RunOutcome } from '../../../src/exec/run-command.js';
import { defaultAgentConfig } from '../../../src/config.js';
import { runParse } from '../../../src/parse/run-parse.js';
import type { ToolOutput } from '../../../src/parse/parse-source.js';
import {
  readEndpointProtectionDarwin, readEndpointProtectionLinux, readEndpointProtectionWin32,
} from '../../../src/collectors/security/endpoint-protection.js';
import {
  ENDPOINT_PROTECTION_JSON, FALCONCTL_GET, FALCONCTL_STATS, SENTINELCTL_CONTROL_STATUS, SENTINELCTL_MANAGEMENT_STATUS, SENTINELCTL_STATUS,
  SENTINELCTL_VERSION, SOPHOS_SPL_VERSION,
} from '../../../src/collectors/security/sources/endpoint-protection.js';
import { MDATP_HEALTH, MDATP_HEALTH_DARWIN } from '../../../src/collectors/security/sources/linux.js';
import type { Source } from '../../../src/collectors/source.js';
import { casesOf } from '../../support/recorded-cases.js';
import type { RecordedCase } from '../../support/recorded-cases.js';

/** Answers keyed by "program arg arg"; anything else is not installed. */
function fakeRun(answers: Record<string, ToolOutput>, calls: string[] = []): RunCommand {
  return async (command, args): Promise<RunOutcome> => {
    const line = [command, ...args].join(' ');
    calls.push(line);
    const a = answers[line];
    if (!a) return { command, args, notFound: true, message: `${command} not found on PATH` };
    return { command, args, stdout: a.stdout, stderr: a.stderr, exitCode: a.exitCode, timedOut: false, truncated: false, durationMs: 1 };
  };
}

function context(platform: OsFamily, run: RunCommand, c?: Pick<RecordedCase, 'options'>, root = mkdtempSync(join(tmpdir(), 'tandem-edr-'))): CollectContext {
  return {
    platform, run, now: () => c?.options.now ?? new Date('2026-12-01T09:00:00Z'), config: defaultAgentConfig('/tmp/tandem-test-data'),
    env: {}, timeZone: c?.options.timeZone ?? 'UTC', osPath: (p) => join(root, p),
  };
}

/** The command line a source's answer is replayed for: a fixed path that is absent runs by its name from PATH. */
function line(source: Source): string {
  if (!('argv' in source.command)) throw new Error('reads a file');
  const [program, ...args] = source.command.argv;
  return [program.startsWith('/') ? program.split('/').pop() : program, ...args].join(' ');
}

const parsed = (source: Source, c: RecordedCase) => (runParse(source.name, c.output, c.options) as { security: { endpointProtection: unknown[] } }).security;

describe('endpoint protection, collector and parse agree on every recorded case', () => {
  for (const source of [FALCONCTL_GET, SENTINELCTL_CONTROL_STATUS, SENTINELCTL_MANAGEMENT_STATUS, SENTINELCTL_VERSION]) {
    for (const c of casesOf(source)) {
      it(`linux ${source.name}/${c.name}`, async () => {
        const part = await readEndpointProtectionLinux(context('linux', fakeRun({ [line(source)]: c.output }), c), null);
        // systemctl is not installed here, so running stays what the tool said.
        expect(part.value).toEqual(parsed(source, c).endpointProtection);
      });
    }
  }
  for (const c of casesOf(SOPHOS_SPL_VERSION)) {
    it(`linux sophos-spl-version/${c.name}`, async () => {
      const root = mkdtempSync(join(tmpdir(), 'tandem-edr-'));
      const file = join(root, '/opt/sophos-spl/base/VERSION.ini');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, c.output.stdout);
      const part = await readEndpointProtectionLinux(context('linux', fakeRun({}), c, root), null);
      expect(part.value).toEqual(parsed(SOPHOS_SPL_VERSION, c).endpointProtection);
    });
  }
  for (const c of casesOf(MDATP_HEALTH)) {
    it(`linux mdatp-health/${c.name}`, async () => {
      const part = await readEndpointProtectionLinux(context('linux', fakeRun({}), c), c.output);
      expect(part.value).toEqual(parsed(MDATP_HEALTH, c).endpointProtection);
      // Its failure is the antivirus reading's reason already; it is not said twice.
      expect(part.reason).toBeNull();
    });
  }
  for (const source of [MDATP_HEALTH_DARWIN, FALCONCTL_STATS, SENTINELCTL_STATUS]) {
    for (const c of casesOf(source)) {
      it(`darwin ${source.name}/${c.name}`, async () => {
        const part = await readEndpointProtectionDarwin(context('darwin', fakeRun({ [line(source)]: c.output }), c));
        const facts = parsed(source, c) as { endpointProtection: unknown[]; state: string; reason: string | null };
        expect(part.value).toEqual(facts.endpointProtection);
        expect(part.reason).toBe(facts.state === 'unknown' ? `endpoint protection: ${facts.reason}` : null);
      });
    }
  }
  for (const c of casesOf(ENDPOINT_PROTECTION_JSON)) {
    it(`win32 endpoint-protection-json/${c.name}`, async () => {
      const run: RunCommand = async (command, args) => ({ command, args, stdout: c.output.stdout, stderr: c.output.stderr, exitCode: c.output.exitCode, timedOut: false, truncated: false, durationMs: 1 });
      const part = await readEndpointProtectionWin32(context('win32', run, c));
      expect(part.value).toEqual(parsed(ENDPOINT_PROTECTION_JSON, c).endpointProtection);
    });
  }
});

describe('endpoint protection on one Linux server', () => {
  it('lists nothing, and says nothing, when no sensor is installed', async () => {
    const calls: string[] = [];
    const part = await readEndpointProtectionLinux(context('linux', fakeRun({}, calls)), null);
    expect(part).toEqual({ value: [], reason: null });
    // systemd is asked only about the units of products that are installed.
    expect(calls.some((c) => c.startsWith('systemctl'))).toBe(false);
  });

  it('combines CrowdStrike (with systemd), three sentinelctl answers and Sophos into one entry each', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tandem-edr-'));
    mkdirSync(join(root, '/opt/sophos-spl/base'), { recursive: true });
    writeFileSync(join(root, '/opt/sophos-spl/base/VERSION.ini'), 'PRODUCT_VERSION = 1.2.7.80\n');
    const ok = (stdout: string, exitCode = 0): ToolOutput => ({ stdout, stderr: '', exitCode });
    const part = await readEndpointProtectionLinux(context('linux', fakeRun({
      'falconctl -g --rfm-state --aid --version': ok('rfm-state=true, aid="44e3b7d20b434a2bb2815d9808fa3a8b", version = 7.14.16703.0\n'),
      'systemctl is-active falcon-sensor.service sophos-spl.service': ok('active\ninactive\n', 3),
      'sentinelctl control status': ok('Agent state: Enabled\n'),
      'sentinelctl management status': ok('Connectivity: Off\nManagement URL: https://usea1-015.sentinelone.net\nLast connected: 2026-11-28T06:41:13Z\n'),
      'sentinelctl version': ok('Agent version: 24.1.2.6\n'),
    }), undefined, root), null);
    expect(part.reason).toBeNull();
    expect(part.value.map((e) => [e.product, e.running, e.onboarded, e.connected, e.lastContactAt, e.version, e.reducedFunctionality])).toEqual([
      ['CrowdStrike Falcon', true, true, null, null, '7.14.16703.0', true],
      ['SentinelOne', true, true, false, '2026-11-28T06:41:13.000Z', '24.1.2.6', null],
      ['Sophos Endpoint', false, null, null, null, '1.2.7.80', null],
    ]);
    expect(part.value[2]?.detail).toBe('sophos-spl.service is not active');
  });

  it('keeps a sensor whose tool fails listed, with the reason in the topic', async () => {
    const part = await readEndpointProtectionLinux(context('linux', fakeRun({
      'falconctl -g --rfm-state --aid --version': { stdout: '', stderr: 'falconctl: This program must be run as root\n', exitCode: 255 },
    })), null);
    expect(part.value.map((e) => [e.product, e.installed, e.detail])).toEqual([['CrowdStrike Falcon', true, 'falconctl -g failed (exit 255): falconctl: This program must be run as root']]);
    expect(part.reason).toBe('endpoint protection: falconctl -g failed (exit 255): falconctl: This program must be run as root');
  });
});

describe('endpoint protection on Windows', () => {
  it('says why when PowerShell is missing', async () => {
    const part = await readEndpointProtectionWin32(context('win32', fakeRun({})));
    expect(part).toEqual({ value: [], reason: 'endpoint protection: powershell.exe not found on PATH' });
  });
});
