// The snapshot schema is declared in three places that must agree: the
// .proto (wire), the snapshot JSON types with their conversion
// (proto/src/snapshot.ts, convert.ts), and the facts rules can test
// (collector/src/rules/facts.ts). Enum values are generated from the .proto;
// this test ties the rest together: a Report with every field set converts to
// a snapshot with exactly the proto's fields (and back, losing none), every
// fact path exists in both with a matching type, and every topic field is a
// fact or listed in NOT_FACTS with the reason it is not one.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type * as Protobuf from 'protobufjs';
import {
  BACKUP_RESULTS, CHECK_STATES, ENCRYPTION_STATES, TOPIC_STATES, TOPICS, reportToSnapshot, snapshotToReport, tandem,
} from '@tandem/proto';
import { DYNAMIC_ROOT_PREFIXES, INSTANCE_SOURCES, NOT_FACTS, ROOT_FACTS } from '../../src/rules/facts.js';
import type { FactType } from '../../src/rules/facts.js';
import { DEFAULT_RULES_FILE } from '../../src/rules/load-rules.js';

const protoDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'proto');
// protobufjs is the proto package's dependency; its reflection reads the .proto files themselves.
const protobuf = createRequire(join(protoDir, 'package.json'))('protobufjs') as typeof Protobuf;

function loadSchema(): Protobuf.Namespace {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => (target.startsWith('/') ? target : join(protoDir, target));
  const files = readdirSync(join(protoDir, 'tandem', 'v1')).filter((f) => f.endsWith('.proto')).map((f) => join(protoDir, 'tandem', 'v1', f));
  return root.loadSync(files).lookup('tandem.v1') as Protobuf.Namespace;
}

const schema = loadSchema();
const message = (name: string) => schema.lookupType(name);

/** The snapshot JSON name of a proto field: camelCase, times without their unit (`collected_at_ms` → `collectedAt`). */
const jsonName = (field: Protobuf.Field) => field.name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()).replace(/Ms$/, '');

/** Every field of a message as snapshot paths with their fact type; repeated messages as `path[].field`. */
function protoPaths(type: Protobuf.Type, prefix: string): Map<string, FactType> {
  const out = new Map<string, FactType>();
  for (const field of type.fieldsArray) {
    field.resolve();
    const path = `${prefix}${jsonName(field)}`;
    if (field.map) {
      out.set(`${path}.*`, 'string');
      continue;
    }
    if (field.resolvedType instanceof protobuf.Type) {
      if (field.repeated) {
        out.set(path, 'list');
        for (const [p, t] of protoPaths(field.resolvedType, `${path}[].`)) out.set(p, t);
      } else {
        for (const [p, t] of protoPaths(field.resolvedType, `${path}.`)) out.set(p, t);
      }
      continue;
    }
    if (field.repeated) out.set(path, 'list');
    else if (/(_ms|Ms)$/.test(field.name)) out.set(path, 'time');
    else if (field.type === 'bool') out.set(path, 'boolean');
    else if (field.type === 'string' || field.resolvedType instanceof protobuf.Enum) out.set(path, 'string');
    else out.set(path, 'number');
  }
  return out;
}

/** A message with every field set: scalars to a sample, enums to their last value, lists and maps with one entry. */
function fullMessage(type: Protobuf.Type): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of type.fieldsArray) {
    field.resolve();
    const one = (): unknown => {
      if (field.resolvedType instanceof protobuf.Type) return fullMessage(field.resolvedType);
      if (field.resolvedType instanceof protobuf.Enum) return Math.max(...Object.values(field.resolvedType.values));
      if (field.type === 'bool') return true;
      if (field.type === 'string') return field.name === 'os' ? 'linux' : field.name === 'chassis' ? 'server' : field.name === 'source' ? 'apt' : 'x';
      if (field.type === 'double') return 1.5;
      return /(_ms|Ms)$/.test(field.name) ? 1_795_000_000_000 : 7;
    };
    if (field.map) out[field.name] = { check: one() };
    else out[field.name] = field.repeated ? [one()] : one();
  }
  return out;
}

/** Paths present in a snapshot object, arrays as `[]`, maps (`checks`) as `.*`. */
function snapshotPaths(value: unknown, prefix: string, out = new Set<string>()): Set<string> {
  if (value === null || typeof value !== 'object') {
    out.add(prefix);
    return out;
  }
  if (Array.isArray(value)) {
    out.add(prefix);
    for (const item of value) snapshotPaths(item, `${prefix}[]`, out);
    return out;
  }
  for (const [k, v] of Object.entries(value)) {
    if (prefix === 'security.checks') out.add('security.checks.*');
    else snapshotPaths(v, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}

const reportType = message('Report');
const topicPaths = new Map<string, FactType>();
for (const topic of TOPICS) {
  const field = reportType.fields[topic];
  field?.resolve();
  if (!(field?.resolvedType instanceof protobuf.Type)) throw new Error(`Report has no message field ${topic}`);
  for (const [p, t] of protoPaths(field.resolvedType, `${topic}.`)) topicPaths.set(p, t);
}

describe('the snapshot schema, declared once', () => {
  const roundTrip = (r: tandem.v1.IReport) => tandem.v1.Report.decode(tandem.v1.Report.encode(r).finish());
  const wire = roundTrip(snakeToCamelKeys(fullMessage(reportType)));
  const snapshot = reportToSnapshot('dev', wire);

  it('converts a Report with every field set to a snapshot with exactly the .proto\'s topic fields', () => {
    const fromJson = [...new Set([...snapshotPaths(Object.fromEntries(TOPICS.map((t) => [t, snapshot[t]])), '')].map((p) => p.replace(/\[\]$/, '')))].sort();
    expect(fromJson).toEqual([...topicPaths.keys()].sort());
  });

  it('converts that snapshot back to the same Report: no field is dropped on the way', () => {
    const back = reportType.toObject(roundTrip(snapshotToReport(snapshot)), { longs: Number });
    const there = reportType.toObject(wire, { longs: Number });
    for (const topic of TOPICS) expect(back[topic], topic).toEqual(there[topic]);
  });

  it('spells every enum value of the .proto in the snapshot types (generated) and converts each both ways', () => {
    const cases: Array<[string, readonly string[]]> = [
      ['TopicState', TOPIC_STATES], ['BackupResult', BACKUP_RESULTS], ['EncryptionState', ENCRYPTION_STATES], ['CheckState', CHECK_STATES],
    ];
    for (const [name, values] of cases) {
      const wireValues = Object.keys(schema.lookupEnum(name).values).filter((v) => !v.endsWith('_UNSPECIFIED'));
      expect(values.length, name).toBe(wireValues.length);
    }
    for (const state of ENCRYPTION_STATES) {
      const s = { ...snapshot, security: { ...snapshot.security!, encryption: [{ mount: 'C:', state, method: null }] } };
      expect(reportToSnapshot('dev', roundTrip(snapshotToReport(s))).security?.encryption[0]?.state).toBe(state);
    }
  });
});

describe('the facts rules can test', () => {
  it('name only snapshot fields that exist in the .proto, with the same type', () => {
    const wrong: string[] = [];
    for (const [path, type] of Object.entries(ROOT_FACTS)) {
      const [head] = path.split('.');
      if (!(TOPICS as readonly string[]).includes(head ?? '')) continue; // device.*, agent.*, collectedAt: not topic fields
      const protoType = topicPaths.get(path);
      if (protoType !== type) wrong.push(`${path}: rules say ${type}, the .proto ${protoType ?? 'has no such field'}`);
    }
    for (const source of Object.values(INSTANCE_SOURCES)) {
      if (source.topic === null) continue;
      if (topicPaths.get(source.path) !== 'list') wrong.push(`${source.path}: not a repeated field of the .proto`);
      for (const [field, type] of Object.entries(source.item)) {
        if (NOT_FACTS[`${source.path}[].${field}`]) continue;
        const protoType = topicPaths.get(`${source.path}[].${field}`);
        if (protoType === undefined && field in COLLECTOR_ITEM_FIELDS) continue;
        if (protoType !== type) wrong.push(`${source.path}[].${field}: rules say ${type}, the .proto ${protoType ?? 'has no such field'}`);
      }
    }
    for (const prefix of Object.keys(DYNAMIC_ROOT_PREFIXES)) {
      if (!topicPaths.has(`${prefix}*`)) wrong.push(`${prefix}*: not a map field of the .proto`);
    }
    expect(wrong).toEqual([]);
  });

  it('cover every topic field of the .proto, or list it in NOT_FACTS with the reason', () => {
    const covered = (path: string) => {
      if (ROOT_FACTS[path] || NOT_FACTS[path]) return true;
      if (Object.keys(DYNAMIC_ROOT_PREFIXES).some((p) => path === `${p}*`)) return true;
      const list = Object.values(INSTANCE_SOURCES).find((s) => path.startsWith(`${s.path}[].`));
      if (list) return path.slice(list.path.length + 3) in list.item;
      return false;
    };
    expect([...topicPaths.keys()].filter((p) => !covered(p))).toEqual([]);
    // NOT_FACTS names real fields, each with a reason.
    expect(Object.entries(NOT_FACTS).filter(([p, why]) => !topicPaths.has(p) || why.length < 10).map(([p]) => p)).toEqual([]);
  });
});

/** Item fields the collector adds itself (not in the snapshot). */
const COLLECTOR_ITEM_FIELDS: Record<string, string> = { firstSeenAt: 'patch.updates: when the collector first saw the update' };

/** fromObject takes the camelCase names protobufjs generates. */
function snakeToCamelKeys(value: unknown): never {
  if (Array.isArray(value)) return value.map(snakeToCamelKeys) as never;
  if (value === null || typeof value !== 'object') return value as never;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), k === 'checks' ? v : snakeToCamelKeys(v)])) as never;
}

describe('the default rule pack', () => {
  it('compares enum facts only with values the .proto has', () => {
    const pack = readFileSync(DEFAULT_RULES_FILE, 'utf8');
    const allowed: Array<[RegExp, readonly string[]]> = [
      [/item\.lastResult\s*[!=]=\s*([\w-]+)/g, BACKUP_RESULTS],
      [/\b(?:inventory|patch|disk|backup|security)\.state\s*[!=]=\s*([\w-]+)/g, TOPIC_STATES],
      [/item\.state\s*[!=]=\s*([\w-]+)/g, [...ENCRYPTION_STATES, ...TOPIC_STATES]],
    ];
    const unknown: string[] = [];
    for (const [pattern, values] of allowed) {
      for (const m of pack.matchAll(pattern)) if (!values.includes(m[1] ?? '')) unknown.push(m[0]);
    }
    expect(unknown).toEqual([]);
    expect(pack).toContain('item.state == suspended');
  });
});
