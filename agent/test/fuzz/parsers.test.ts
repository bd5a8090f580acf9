// Every OS-output parser on arbitrary text, on huge lines and on mutated
// recorded cases: each gives facts under its topic, or `unknown` with a
// reason, and never throws. Results stay bounded by the input's size.
// Longer run: FUZZ_RUNS=100000 npx vitest run --project agent test/fuzz/parsers.test.ts
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SOURCES } from '../../src/parse/registry.js';
import type { Source } from '../../src/collectors/source.js';
import type { ToolOutput } from '../../src/parse/parse-source.js';
import { casesOf } from '../support/recorded-cases.js';
import { parseDfInodes } from '../../src/collectors/disk/parse-df-inodes.js';
import { parseSmartctlHealth, parseSmartctlScan, wholeDisk } from '../../src/collectors/disk/parse-smartctl.js';
import { chassisFromMacModel, parseOsRelease, parseSwVers, parseWin32OperatingSystem } from '../../src/collectors/inventory/parse-os-name.js';
import { compareEvr, splitNevra } from '../../src/collectors/patch/parse-rpm-version.js';
import { lastAptInstall, lastPacmanInstall, lastRpmInstall, lastZyppInstall } from '../../src/collectors/patch/parse-install-history.js';
import { parseOldStylePlist } from '../../src/collectors/backup/parse-time-machine-plist.js';
import { backupTimeOfPath } from '../../src/collectors/backup/parse-time-machine.js';
import { parseSystemctlIsActive } from '../../src/collectors/security/parse-linux-av.js';
import { selinuxFromEnforceFile, apparmorFromEnabledFile } from '../../src/collectors/security/parse-linux-lsm.js';
import { powerShellError, psDate, readPowerShellJson, unwrapClixml } from '../../src/parse/powershell-json.js';
import { FuzzLog, fuzzTimeout, hugeLine, mutated, toolText } from '../../../tests/support/fuzz.js';

const log = new FuzzLog('agent-parsers');

const OPTIONS = { timeZone: 'Europe/Berlin', now: new Date('2026-11-28T12:00:00Z') };
const zones = fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Not/AZone');

/** What a parse result must be: facts under the source's topic; `unknown` always says why. */
function checkResult(source: Source, output: ToolOutput, timeZone = OPTIONS.timeZone): void {
  const parsed = source.parse(output, { ...OPTIONS, timeZone });
  const facts = parsed as { state: string; reason: string | null };
  expect(['ok', 'unknown']).toContain(facts.state);
  if (facts.state === 'unknown') {
    expect(typeof facts.reason).toBe('string');
    expect(facts.reason!.length).toBeGreaterThan(0);
  }
  // Serializable, and bounded by what came in (a parser may echo names, not multiply them).
  const json = JSON.stringify(parsed);
  const inputLength = output.stdout.length + output.stderr.length;
  expect(json.length).toBeLessThanOrEqual(20_000 + inputLength * 8);
}

interface FuzzCase { source: string; stdout: string; stderr: string; exitCode: number | null }

function recordedCases(): FuzzCase[] {
  return SOURCES.flatMap((source) => casesOf(source).map((c) => ({ source: source.name, ...c.output })));
}

const exitCodes = fc.oneof(fc.constantFrom(0, 1, 2, 100, 101, 106, -1, 255, null), fc.integer());

describe('parse sources on arbitrary output', () => {
  for (const source of SOURCES) {
    it(source.name, async () => {
      await log.check(`${source.name}: arbitrary text`, fc.property(toolText(), toolText(), exitCodes, zones, (stdout, stderr, exitCode, tz) => {
        checkResult(source, { stdout, stderr, exitCode }, tz);
      }), 100);
    }, fuzzTimeout(100));
  }
});

describe('parse sources on mutated recorded cases', () => {
  const cases = recordedCases();
  it('has recorded cases to mutate', () => expect(cases.length).toBeGreaterThan(100));
  for (const source of SOURCES) {
    const own = cases.filter((c) => c.source === source.name);
    if (own.length === 0) continue;
    it(source.name, async () => {
      const arb = fc.constantFrom(...own).chain((c) => fc.tuple(fc.constant(c), mutated(c.stdout), exitCodes));
      await log.check(`${source.name}: mutated recorded cases`, fc.property(arb, ([c, stdout, exitCode]) => {
        checkResult(source, { stdout, stderr: c.stderr, exitCode: exitCode === 1 ? c.exitCode : exitCode });
      }), 60);
    }, fuzzTimeout(60));
  }
});

describe('parse sources on huge lines', () => {
  it('every source', async () => {
    // One run covers every source: a huge line is costly to build and to read.
    await log.check('every source: huge lines', fc.property(hugeLine(), fc.boolean(), (line, onStderr) => {
      for (const source of SOURCES) {
        checkResult(source, onStderr ? { stdout: '', stderr: line, exitCode: 1 } : { stdout: line, stderr: '', exitCode: 0 });
      }
    }), 10);
  }, fuzzTimeout(10, 4000));
});

describe('text helpers outside the registry', () => {
  const helpers: Array<[string, (text: string) => unknown]> = [
    ['parseDfInodes', parseDfInodes],
    ['parseSmartctlScan', parseSmartctlScan],
    ['parseSmartctlHealth', (t) => parseSmartctlHealth(t, t.length % 5)],
    ['wholeDisk', wholeDisk],
    ['parseOsRelease', parseOsRelease],
    ['parseSwVers', parseSwVers],
    ['chassisFromMacModel', chassisFromMacModel],
    ['parseWin32OperatingSystem', parseWin32OperatingSystem],
    ['splitNevra', splitNevra],
    ['compareEvr', (t) => compareEvr(t, t.split('').reverse().join(''))],
    ['lastAptInstall', (t) => lastAptInstall(t, 'Europe/Berlin')],
    ['lastRpmInstall', lastRpmInstall],
    ['lastZyppInstall', (t) => lastZyppInstall(t, 'Europe/Berlin')],
    ['lastPacmanInstall', (t) => lastPacmanInstall(t, 'Europe/Berlin')],
    ['backupTimeOfPath', (t) => backupTimeOfPath(t, 'Europe/Berlin')],
    ['parseSystemctlIsActive', (t) => parseSystemctlIsActive({ stdout: t, stderr: '', exitCode: 3 }, ['clamav-daemon', 'clamav-freshclam'])],
    ['selinuxFromEnforceFile', selinuxFromEnforceFile],
    ['apparmorFromEnabledFile', apparmorFromEnabledFile],
    ['readPowerShellJson', readPowerShellJson],
    ['psDate', (t) => psDate(t, 'Europe/Berlin')],
    ['unwrapClixml', unwrapClixml],
    ['powerShellError', powerShellError],
  ];
  for (const [name, helper] of helpers) {
    it(name, async () => {
      await log.check(`${name}: arbitrary text and huge lines`, fc.property(fc.oneof({ weight: 9, arbitrary: toolText() }, { weight: 1, arbitrary: hugeLine(50_000) }), (text) => {
        expect(() => JSON.stringify(helper(text) ?? null)).not.toThrow();
      }), 150);
    }, fuzzTimeout(150));
  }

  it('parseOldStylePlist', async () => {
    // It may refuse text that is not a plist, but only with its own clear error.
    await log.check('parseOldStylePlist: arbitrary text', fc.property(toolText(), (text) => {
      try {
        parseOldStylePlist(text);
      } catch (err) {
        expect(err).toBeInstanceOf(Error);
        expect((err as Error).message.length).toBeGreaterThan(0);
        expect(err).not.toBeInstanceOf(RangeError);
        expect(err).not.toBeInstanceOf(TypeError);
      }
    }), 300);
  }, fuzzTimeout(300));
});
