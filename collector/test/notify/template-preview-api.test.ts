// The template preview over the real API: a tenant's channels rendered with
// the templates in force, an edited template before it is saved, and the
// refusals (a bad field named with tenant and channel, another tenant).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';

let h: Harness;
let globexAdmin: string;

const ownership = [
  'teams:',
  '  internal:',
  '    channels:',
  '      - { name: it-mail, type: email, to: [it@acme.example] }',
  '  provider:',
  '    channels:',
  '      - name: noc-slack',
  '        type: slack',
  '        url: https://hooks.slack.example/T1/B2/secret-path-1234',
  '        template: { body: "*{{device.hostname}}*: {{alert.summary}} ({{owner.team}}, {{sla.minutes}} min)" }',
  'templates:',
  '  email: { subject: "[acme] {{title}}" }',
].join('\n');

const preview = (body: unknown, token = h.adminToken) => fetch(`${h.url}/api/v1/notify/templates/preview`, {
  method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
}).then(async (r) => ({ status: r.status, body: await r.json() as any }));

beforeAll(async () => {
  h = await startHarness('publicUrl: https://tandem.example\n');
  await h.server.store.createTenant({ id: 'globex', name: 'Globex' });
  globexAdmin = (await h.server.store.createApiToken({ tenantId: 'globex', name: 'globex it', role: 'internal-admin' })).token;
  const put = await fetch(`${h.url}/api/v1/tenants/acme/ownership`, { method: 'PUT', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/yaml' }, body: ownership });
  expect(put.status).toBe(200);
}, 60_000);
afterAll(async () => { await h?.close(); });

describe('POST /api/v1/notify/templates/preview', () => {
  it('renders a sample alert for every channel of the tenant with the templates in force', async () => {
    const r = await preview({ tenantId: 'acme', sample: { hostname: 'fin-ws-07', summary: 'Disk C: is 97% full', severity: 'critical' } });
    expect(r.status).toBe(200);
    const byName = Object.fromEntries(r.body.previews.map((p: any) => [p.channel, p]));
    expect(byName['noc-slack']).toMatchObject({ team: 'provider', type: 'slack', parts: { body: '*fin-ws-07*: Disk C: is 97% full (provider, 240 min)', text: '[FIRING critical] disk-full on fin-ws-07: Disk C: is 97% full' } });
    expect(byName['noc-slack'].payload.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*fin-ws-07*: Disk C: is 97% full (provider, 240 min)' } });
    expect(byName['it-mail'].parts.subject).toBe('[acme] disk-full on fin-ws-07: Disk C: is 97% full');
    expect(byName['it-mail'].parts.text).toContain('https://tandem.example/#/alerts/alr_sample');
    // The channel's URL (a credential) is not part of a preview.
    expect(JSON.stringify(r.body)).not.toContain('secret-path-1234');
  });

  it('previews an edited template for one channel before it is saved, and a group', async () => {
    const r = await preview({ tenantId: 'acme', channel: 'noc-slack', template: { body: '{{group.count}} × {{alert.rule}}{{#group.listed}}\n• {{hostname}}{{/group.listed}}' }, sample: { count: 3 } });
    expect(r.status).toBe(200);
    expect(r.body.previews).toHaveLength(1);
    expect(r.body.previews[0].parts.body).toBe('3 × disk-full\n• sample-ws-01\n• sample-ws-02\n• sample-ws-03');
  });

  it('refuses an edited template that names an unknown field, naming the tenant, the channel and the field', async () => {
    const r = await preview({ tenantId: 'acme', channel: 'noc-slack', template: { body: '{{alert.sevrity}}', colour: 'red' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('COL_ERR_BAD_REQUEST');
    expect(r.body.error.message).toContain('tenant acme: template.colour: unknown part for a slack channel; its parts are text, body, footer');
    expect(r.body.error.message).toMatch(/template\.body: channel "noc-slack": unknown field "alert\.sevrity"; known fields: headline, .*alert\.severity/);
  });

  it('internal IT previews its own team\'s channels (it sees the provider\'s by name only)', async () => {
    const acmeAdmin = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'acme it', role: 'internal-admin' })).token;
    const r = await preview({ tenantId: 'acme' }, acmeAdmin);
    expect(r.body.previews.map((p: any) => p.channel)).toEqual(['it-mail']);
    expect((await preview({ tenantId: 'acme', channel: 'noc-slack' }, acmeAdmin)).status).toBe(404);
  });

  it('another tenant, or a channel that does not exist, is not found', async () => {
    expect((await preview({ tenantId: 'acme' }, globexAdmin)).status).toBe(404);
    const r = await preview({ tenantId: 'acme', channel: 'nope' });
    expect(r.status).toBe(404);
    expect(r.body.error.message).toBe('channel nope is not in tenant acme\'s ownership config');
  });

  it('lists the fields, each channel type\'s parts and the shipped defaults', async () => {
    const r = await fetch(`${h.url}/api/v1/notify/templates/fields`, { headers: { authorization: `Bearer ${globexAdmin}` } }).then((x) => x.json() as any);
    expect(r.fields.map((f: any) => f.name)).toContain('sla.dueAt');
    expect(Object.keys(r.parts.email)).toEqual(['subject', 'text', 'html']);
    expect(r.defaults.webhook.text).toBe('{{headline}}');
  });
});
