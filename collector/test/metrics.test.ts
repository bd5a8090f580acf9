import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawAgent, sampleSnapshot, startHarness } from './support/harness.js';
import type { Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => { h = await startHarness('rules: { overrides: [{ rule: disk-full, for: 0s }] }'); });
afterAll(async () => { await h.close(); });

function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : NaN;
}

describe('Prometheus /metrics', () => {
  it('counts stored reports, resends, protocol errors, alert changes and connected agents', async () => {
    const d = await h.enroll();
    const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.secret);
    agent.hello(d.deviceId);
    agent.report(1, sampleSnapshot(d.deviceId, 97));
    agent.report(2, sampleSnapshot(d.deviceId, 97));
    agent.report(2, sampleSnapshot(d.deviceId, 97));
    await agent.waitFor((fs) => fs.filter((f) => f.body === 'ack').length === 3);
    const bad = await h.enroll();
    const rogue = await RawAgent.connect(h.wsUrl, bad.deviceId, bad.secret);
    rogue.sendRaw(Buffer.from('not protobuf'));
    await rogue.waitClosed();

    let text = '';
    for (let i = 0; i < 50; i++) {
      text = await (await fetch(`${h.url}/metrics`)).text();
      if (value(text, 'tandem_alert_transitions_total{to="firing",severity="critical"}') >= 1) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(value(text, 'tandem_reports_stored_total')).toBe(2);
    expect(value(text, 'tandem_reports_duplicate_total')).toBe(1);
    expect(value(text, 'tandem_protocol_errors_total{code="COL_ERR_FRAME_DECODE"}')).toBe(1);
    expect(value(text, 'tandem_agents_connected')).toBe(1);
    expect(value(text, 'tandem_alert_transitions_total{to="firing",severity="critical"}')).toBeGreaterThanOrEqual(1);
    expect(text).toContain('tandem_collector_process_resident_memory_bytes');
    // Counts only: no tenant or device names.
    expect(text).not.toContain(d.deviceId);
    expect(text).not.toContain('acme');
    agent.close();
  });
});
