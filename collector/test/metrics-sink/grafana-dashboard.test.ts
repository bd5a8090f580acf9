// The Grafana dashboard shipped in deploy/grafana/ is checked for shape: it
// parses, every panel queries the provisioned data source, and every query
// names a measurement and field the metrics sink writes (declared once in
// src/metrics-sink/points.ts), so renaming a series breaks this test, not a
// customer's dashboard.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FIELDS, MEASUREMENTS } from '../../src/metrics-sink/index.js';

const grafana = fileURLToPath(new URL('../../../deploy/grafana/', import.meta.url));
const dashboards = readdirSync(join(grafana, 'dashboards')).filter((f) => f.endsWith('.json'));

interface Panel { id: number; type: string; title: string; datasource: { uid: string }; gridPos: { x: number; y: number; w: number; h: number }; targets: Array<{ refId: string; query: string; datasource: { uid: string } }> }

function uses(query: string): Array<{ measurement: string; field: string }> {
  const measurements = [...query.matchAll(/r\._measurement == "([^"]+)"/g)].map((m) => m[1]!);
  const fields = [...query.matchAll(/r\._field == "([^"]+)"/g)].map((m) => m[1]!);
  return measurements.flatMap((measurement) => fields.map((field) => ({ measurement, field })));
}

describe('Grafana dashboards', () => {
  const datasource = (parse(readFileSync(join(grafana, 'provisioning', 'datasources', 'tandem.yaml'), 'utf8')) as { datasources: Array<{ uid: string; type: string }> }).datasources[0]!;
  const provider = (parse(readFileSync(join(grafana, 'provisioning', 'dashboards', 'tandem.yaml'), 'utf8')) as { providers: Array<{ type: string; options: { path: string } }> }).providers[0]!;

  it('ships at least one dashboard, loaded by the provider from the folder compose mounts', () => {
    expect(dashboards.length).toBeGreaterThan(0);
    expect(datasource.type).toBe('influxdb');
    const compose = readFileSync(fileURLToPath(new URL('../../../deploy/compose/compose.yaml', import.meta.url)), 'utf8');
    expect(compose).toContain(`../grafana/dashboards:${provider.options.path}:ro`);
    expect(compose).toContain('../grafana/provisioning/datasources/tandem.yaml:/etc/grafana/provisioning/datasources/');
  });

  for (const file of dashboards) {
    const dash = JSON.parse(readFileSync(join(grafana, 'dashboards', file), 'utf8')) as { uid: string; title: string; panels: Panel[] };

    it(`${file}: every panel queries the provisioned data source, laid out without overlap`, () => {
      expect(dash.uid).toMatch(/^[a-z0-9-]{1,40}$/);
      expect(new Set(dash.panels.map((p) => p.id)).size).toBe(dash.panels.length);
      for (const p of dash.panels) {
        expect(p.datasource.uid, p.title).toBe(datasource.uid);
        expect(p.targets.length, p.title).toBeGreaterThan(0);
        for (const t of p.targets) expect(t.datasource.uid, p.title).toBe(datasource.uid);
        expect(p.gridPos.x + p.gridPos.w, p.title).toBeLessThanOrEqual(24);
      }
      const cells = new Set<string>();
      for (const p of dash.panels) {
        for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++) {
          for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
            const cell = `${x},${y}`;
            expect(cells.has(cell), `${p.title} overlaps another panel at ${cell}`).toBe(false);
            cells.add(cell);
          }
        }
      }
    });

    it(`${file}: every query names a measurement and field the sink writes, and every measurement is shown`, () => {
      const shown = new Set<string>();
      for (const p of dash.panels) {
        for (const t of p.targets) {
          const used = uses(t.query);
          expect(used.length, `${p.title} ${t.refId} names no measurement and field`).toBeGreaterThan(0);
          for (const { measurement, field } of used) {
            expect(Object.values(MEASUREMENTS), `${p.title}: ${measurement}`).toContain(measurement);
            expect(FIELDS[measurement as keyof typeof FIELDS], `${p.title}: ${measurement}.${field}`).toContain(field);
            shown.add(measurement);
          }
        }
      }
      expect([...shown].sort()).toEqual(Object.values(MEASUREMENTS).sort());
    });
  }
});
