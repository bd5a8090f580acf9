// The endpoint protection (EDR) rules of the shipped pack, replayed with a
// fake clock: each sensor fact raises its own alert, per product, and a fact
// the tool did not give (null) neither raises nor clears one.
import { describe, expect, it } from 'vitest';
import { endpointProtection } from '@tandem/proto';
import type { EndpointProtection, Snapshot } from '@tandem/proto';
import { DeviceSim, defaultPack, HOUR, iso } from './support.js';
import { parseRulePack } from '../../src/rules/load-rules.js';

const MIN_PER_H = 60;
const FALCON = 'CrowdStrike Falcon';

function withSensor(fields: Partial<EndpointProtection> = {}, product = FALCON) {
  return (s: Snapshot, sim: DeviceSim) => {
    s.security!.endpointProtection = [endpointProtection(product, {
      installed: true, running: true, onboarded: true, connected: true, lastContactAt: iso(sim.now), version: '7.14.16703.0',
      outdated: false, reducedFunctionality: false, tamperProtection: true, ...fields,
    })];
  };
}
const sensor = (f: Partial<EndpointProtection>) => (s: Snapshot) => Object.assign(s.security!.endpointProtection[0]!, f);
/** A sensor in contact now, as each report from a connected sensor says. */
const inContact = (s: Snapshot, sim: DeviceSim) => sensor({ connected: true, lastContactAt: iso(sim.now) })(s);

describe('endpoint protection rules', () => {
  it('a healthy sensor raises nothing over days', () => {
    const sim = new DeviceSim();
    sim.at(0, withSensor());
    for (let m = 30; m < 4 * 24 * MIN_PER_H; m += 30) {
      sim.at(m, (s, x) => {
        inContact(s, x);
        s.backup!.jobs[0]!.lastSuccessAt = iso(x.now - HOUR);
        s.security!.antivirus[0]!.signaturesUpdatedAt = iso(x.now - HOUR);
      });
    }
    expect(sim.open()).toEqual([]);
  });

  it('reduced functionality mode is critical after 30 minutes and clears when the sensor leaves it', () => {
    const sim = new DeviceSim();
    sim.at(0, withSensor({ reducedFunctionality: true }));
    expect(sim.state('edr-reduced-functionality', FALCON)).toBe('pending:critical');
    sim.at(31);
    expect(sim.state('edr-reduced-functionality', FALCON)).toBe('firing:critical');
    expect(sim.alert('edr-reduced-functionality', FALCON)?.summary).toBe('CrowdStrike Falcon is in reduced functionality mode: it runs but does not fully protect');
    // The tool stops saying (null): nothing changes.
    sim.at(40, sensor({ reducedFunctionality: null }));
    expect(sim.state('edr-reduced-functionality', FALCON)).toBe('firing:critical');
    sim.at(50, sensor({ reducedFunctionality: false }));
    expect(sim.state('edr-reduced-functionality', FALCON)).toBe('resolved');
  });

  it('a disconnected sensor warns after 24 h without contact, is critical after 72 h, resolves on contact', () => {
    const sim = new DeviceSim();
    sim.at(0, withSensor());
    sim.at(10, sensor({ connected: false }));
    expect(sim.state('edr-disconnected', FALCON)).toBe('none');
    sim.at(24 * MIN_PER_H + 1);
    expect(sim.state('edr-disconnected', FALCON)).toBe('pending:warning');
    sim.at(25 * MIN_PER_H + 2);
    expect(sim.state('edr-disconnected', FALCON)).toBe('firing:warning');
    expect(sim.alert('edr-disconnected', FALCON)?.summary).toBe(`CrowdStrike Falcon has had no contact with its cloud since ${iso(sim.now - (25 * MIN_PER_H + 2) * 60_000)}`);
    sim.at(73 * MIN_PER_H);
    expect(sim.state('edr-disconnected', FALCON)).toBe('firing:critical');
    sim.at(73 * MIN_PER_H + 5, inContact);
    expect(sim.state('edr-disconnected', FALCON)).toBe('resolved');
  });

  it('a tool that says "disconnected" without a time warns after an hour', () => {
    const sim = new DeviceSim();
    sim.at(0, withSensor({ connected: false, lastContactAt: null }, 'SentinelOne'));
    sim.at(61);
    expect(sim.state('edr-disconnected', 'SentinelOne')).toBe('firing:warning');
  });

  it('tamper protection off warns after an hour, per product', () => {
    const sim = new DeviceSim();
    sim.at(0, (s, x) => {
      withSensor({ tamperProtection: false })(s, x);
      s.security!.endpointProtection.push(endpointProtection('Microsoft Defender for Endpoint', { installed: true, running: true, onboarded: true, tamperProtection: true }));
    });
    sim.at(61);
    expect(sim.state('edr-tamper-protection-off', FALCON)).toBe('firing:warning');
    expect(sim.state('edr-tamper-protection-off', 'Microsoft Defender for Endpoint')).toBe('none');
    sim.at(70, sensor({ tamperProtection: true }));
    expect(sim.state('edr-tamper-protection-off', FALCON)).toBe('resolved');
  });

  it('a sensor that stops running is critical after 15 minutes; one never onboarded warns', () => {
    const sim = new DeviceSim();
    sim.at(0, withSensor({ running: false, onboarded: false, detail: 'the Sense service is not running' }, 'Microsoft Defender for Endpoint'));
    sim.at(16);
    expect(sim.state('edr-not-running', 'Microsoft Defender for Endpoint')).toBe('firing:critical');
    expect(sim.alert('edr-not-running', 'Microsoft Defender for Endpoint')?.summary).toBe('Microsoft Defender for Endpoint is installed but its sensor is not running (the Sense service is not running)');
    sim.at(61);
    expect(sim.state('edr-not-onboarded', 'Microsoft Defender for Endpoint')).toBe('firing:warning');
  });

  it('outdated: as the tool says, and below a minimum version set for a tenant', () => {
    const sim = new DeviceSim();
    sim.at(0, withSensor({ outdated: true }, 'Microsoft Defender for Endpoint'));
    expect(sim.state('edr-outdated', 'Microsoft Defender for Endpoint')).toBe('firing:warning');
    sim.at(1, sensor({ outdated: false }));
    expect(sim.state('edr-outdated', 'Microsoft Defender for Endpoint')).toBe('resolved');

  });

  it('a minimum version per product comes from an override for one tenant; an unknown version changes nothing', () => {
    // The shipped rule with a tenant's minimum, as collector.yaml's rules.overrides or a tuned threshold gives it.
    const tuned = () => {
      const pack = defaultPack();
      pack.overrides.push({ match: { tenant: ['acme'] }, rules: ['edr-outdated'], params: { minFalcon: '7.10' }, forMs: null, enabled: null });
      return pack;
    };
    const acme = new DeviceSim(tuned(), 'acme');
    acme.at(0, withSensor({ outdated: null, version: '7.9.17011.0' }));
    expect(acme.state('edr-outdated', FALCON)).toBe('firing:warning');
    acme.at(1, sensor({ version: null }));
    expect(acme.state('edr-outdated', FALCON)).toBe('firing:warning');
    acme.at(2, sensor({ version: '7.10.0.0' }));
    expect(acme.state('edr-outdated', FALCON)).toBe('resolved');

    const other = new DeviceSim(tuned(), 'globex');
    other.at(0, withSensor({ outdated: null, version: '7.9.17011.0' }));
    expect(other.state('edr-outdated', FALCON)).toBe('none');
  });

  it('refuses a minimum that is not a version, and versionBelow on a fact that is not text, with the path', () => {
    const r = parseRulePack(`
rules:
  - id: edr-old
    category: security
    severity: warning
    summary: old
    each: security.endpointProtection
    params: { min: 'latest' }
    when: item.version versionBelow $min
  - id: edr-odd
    category: security
    severity: warning
    summary: odd
    each: security.endpointProtection
    when: item.running versionBelow 7
`, 'rules.yaml');
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.problems).toEqual([
      'rules.yaml: rules[0].when: parameter $min: expected a version like 7.14 or \'7.14.16703\', got "latest"',
      'rules.yaml: rules[1].when: "versionBelow" does not apply to item.running (a boolean); use one of ==, !=, isNull, notNull',
    ]);
  });
});
