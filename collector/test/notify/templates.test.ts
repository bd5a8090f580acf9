// Templates on their own: every shipped default renders for every kind of
// notification and channel; the field catalog and the rendered view agree;
// validation names the field, the channel and the file; values are escaped
// for each channel's format; a channel's own template reaches a real receiver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCollectorConfig } from '../../src/config.js';
import { CollectorError } from '../../src/errors.js';
import { channelSchema } from '../../src/notify/channel-config.js';
import { groupNotifications, NOTIFICATION_KINDS, plainText } from '../../src/notify/notification.js';
import type { Notification } from '../../src/notify/notification.js';
import { createNotifyPipeline } from '../../src/notify/notify-pipeline.js';
import { checkTemplate } from '../../src/notify/templates/check-template.js';
import { DEFAULT_TEMPLATES, TEMPLATE_PARTS } from '../../src/notify/templates/channel-templates.js';
import type { TemplateChannelType } from '../../src/notify/templates/channel-templates.js';
import { renderMessage } from '../../src/notify/templates/render-template.js';
import { FIELD_NAMES, TEMPLATE_FIELDS, templateView } from '../../src/notify/templates/template-fields.js';
import { CHANNEL_TYPES } from '../../src/notify/channel-config.js';
import { parseOwnership } from '../../src/routing/load-ownership.js';
import { sampleNotification, startReceiver } from './support.js';
import type { Receiver } from './support.js';

const TYPES = Object.keys(TEMPLATE_PARTS) as TemplateChannelType[];
const group = (kind: Notification['kind']) => groupNotifications(
  Array.from({ length: 14 }, (_, i) => sampleNotification({ kind, alertId: `alr_${i}`, dedupKey: `alr_${i}`, hostname: `ws-${i}`, summary: `Disk / is ${80 + i}% full` })),
  `grp-${kind}-alr_0`,
);
const links = { publicUrl: 'https://tandem.example/' };

describe('shipped defaults', () => {
  it('exist for every channel type, and pass their own validation', () => {
    expect(TYPES.sort()).toEqual([...CHANNEL_TYPES].sort());
    for (const type of TYPES) for (const [part, text] of Object.entries(DEFAULT_TEMPLATES[type])) expect({ type, part, problems: checkTemplate(text) }).toEqual({ type, part, problems: [] });
  });

  it('render every part for every kind of notification, single and grouped, with nothing left unrendered', () => {
    for (const type of TYPES) for (const kind of NOTIFICATION_KINDS) for (const n of [sampleNotification({ kind }), group(kind)]) {
      const m = renderMessage({ notification: n, type, layers: [], links });
      expect(Object.keys(m).sort()).toEqual(Object.keys(TEMPLATE_PARTS[type]).sort());
      for (const [part, text] of Object.entries(m)) {
        expect(text, `${type}.${part} for ${kind}`).not.toMatch(/\{\{|\}\}|undefined|\[object Object\]/);
        expect(text.length, `${type}.${part} for ${kind}`).toBeGreaterThan(0);
      }
    }
  });

  it('keep the text people know: the email body is the plain text, with the alert link below', () => {
    const single = renderMessage({ notification: sampleNotification(), type: 'email', layers: [], links: { publicUrl: null } });
    expect(single.text).toBe(plainText(sampleNotification()));
    expect(renderMessage({ notification: group('fire'), type: 'email', layers: [], links: { publicUrl: null } }).text).toBe(plainText(group('fire')));
    expect(renderMessage({ notification: sampleNotification(), type: 'email', layers: [], links }).text).toBe(`${plainText(sampleNotification())}\n\nhttps://tandem.example/#/alerts/alr_1`);
    expect(renderMessage({ notification: group('resolve'), type: 'email', layers: [], links }).subject).toBe('[Tandem] 14 alerts resolved: firewall-off (acme)');
    const html = renderMessage({ notification: group('fire'), type: 'email', layers: [], links }).html!;
    expect(html).toContain('<li>ws-0: Disk / is 80% full [critical, alr_0]</li>');
    expect(html).toContain('<p>… and 4 more</p>');
    expect(html).toContain('<a href="https://tandem.example/#/alerts/alr_0">Open the alert</a>');
  });
});

describe('the field catalog', () => {
  const at = (view: Record<string, unknown>, name: string) => name.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], view);
  const leaves = (v: unknown, prefix = ''): string[] => (v !== null && typeof v === 'object' && !Array.isArray(v)
    ? Object.entries(v).flatMap(([k, x]) => leaves(x, prefix ? `${prefix}.${k}` : k)) : [prefix]);

  it('is exactly what the view holds, with the declared kinds', () => {
    for (const n of [sampleNotification(), group('fire')]) {
      const view = templateView(n, links);
      expect(leaves(view).sort()).toEqual([...FIELD_NAMES].sort());
      for (const [name, spec] of Object.entries(TEMPLATE_FIELDS)) {
        const v = at(view, name);
        if (spec.kind === 'list') {
          expect(Array.isArray(v), name).toBe(true);
          for (const item of v as unknown[]) if (typeof item === 'object') expect(Object.keys(item as object).sort(), name).toEqual(Object.keys(spec.item!).sort());
        } else if (spec.kind === 'flag') expect(typeof v, name).toBe('boolean');
        else expect(typeof v, name).toBe('string');
      }
    }
  });
});

describe('validation', () => {
  it.each([
    ['{{alert.sevrity}}', /^unknown field "alert\.sevrity"; known fields: headline, kind, .*alert\.severity/],
    ['{{#alert.summary}}x{{/alert.summary}}', /^section \{\{#alert\.summary\}\} is over "alert\.summary", which is text, not a list or a flag$/],
    ['{{trace}}', /^field "trace" is a list: use \{\{#trace\}\}…\{\{\/trace\}\}$/],
    ['{{> header}}', /^partials \(\{\{> header\}\}\) are not supported$/],
    ['{{#trace}}unclosed', /^does not compile: Unclosed section "trace"/],
    ['{{#group.alerts}}{{hostnme}}{{/group.alerts}}', /^unknown field "hostnme"; known fields: .*; inside \{\{#group\.alerts\}\} also id, hostname, deviceId/],
    ['{{#group.alerts}}{{#severity}}x{{/severity}}{{/group.alerts}}', /which is text, not a list or a flag/],
    ['{{.}}', /^unknown field "\."/],
  ])('%s', (text, problem) => {
    const problems = checkTemplate(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
  });

  it('accepts fields, item fields, the parent\'s fields inside a list, flags and inverted sections', () => {
    expect(checkTemplate('{{#isGroup}}{{#group.alerts}}{{hostname}} {{alert.rule}} {{tenant.id}}\n{{/group.alerts}}{{/isGroup}}{{^isGroup}}{{{alert.summary}}}{{/isGroup}}{{#trace}}{{.}}{{/trace}}{{! a comment }}')).toEqual([]);
  });

  it('an ownership config with a bad template names the file, the channel, the part and the field, and lists the known fields', () => {
    const yaml = [
      'teams:',
      '  internal: { channels: [] }',
      '  provider:',
      '    channels:',
      '      - name: noc-slack',
      '        type: slack',
      '        url: https://hooks.slack.example/T1',
      '        template: { body: "{{alert.sevrity}} on {{device.hostname}}", subject: "no such part" }',
      'templates:',
      '  email: { subject: "{{#alert.rule}}x{{/alert.rule}}" }',
    ].join('\n');
    const parsed = parseOwnership(yaml, '/etc/tandem/acme.yaml');
    expect(parsed.ok).toBe(false);
    const problems = (parsed as { problems: string[] }).problems;
    expect(problems).toContainEqual(expect.stringMatching(/^\/etc\/tandem\/acme\.yaml: teams\.provider\.channels\[0\]\.template\.body: channel "noc-slack": unknown field "alert\.sevrity"; known fields: headline, .*alert\.severity/));
    expect(problems).toContain('/etc/tandem/acme.yaml: teams.provider.channels[0].template.subject: unknown key');
    expect(problems).toContainEqual(expect.stringMatching(/^\/etc\/tandem\/acme\.yaml: templates\.email\.subject: templates for email channels: section \{\{#alert\.rule\}\} is over "alert\.rule"/));
  });

  it('a tenant\'s template for a type applies to its channels of that type; a channel\'s own part wins', () => {
    const parsed = parseOwnership([
      'teams:',
      '  internal: { channels: [{ name: a, type: webhook, url: "https://a.example/h" }, { name: b, type: webhook, url: "https://b.example/h", template: { text: "B {{alert.id}}" } }] }',
      '  provider: { channels: [] }',
      'templates: { webhook: { text: "T {{alert.id}}" } }',
    ].join('\n'), 'x.yaml');
    expect(parsed.ok).toBe(true);
    const [a, b] = (parsed as { config: { teams: { internal: { channels: Array<{ template?: unknown }> } } } }).config.teams.internal.channels;
    expect(a!.template).toEqual({ text: 'T {{alert.id}}' });
    expect(b!.template).toEqual({ text: 'B {{alert.id}}' });
  });

  it('collector.yaml: a collector-wide template that names an unknown field is a config error naming the file', () => {
    expect(() => parseCollectorConfig('routing: { notify: { templates: { pagerduty: { summary: "{{alert.nope}}" } } } }', '/etc/tandem/collector.yaml')).toThrow(CollectorError);
    expect(() => parseCollectorConfig('routing: { notify: { templates: { pagerduty: { summary: "{{alert.nope}}" } } } }', '/etc/tandem/collector.yaml'))
      .toThrow(/\/etc\/tandem\/collector\.yaml: routing\.notify\.templates\.pagerduty\.summary: routing\.notify\.templates for pagerduty channels: unknown field "alert\.nope"/);
  });
});

describe('escaping per channel', () => {
  const hostile = sampleNotification({ summary: '<script>x</script> & <!channel> *bold* [link](https://evil.example)' });
  const render = (type: TemplateChannelType, parts: Record<string, string>) => renderMessage({ notification: hostile, type, layers: [parts], links });

  it('email HTML escapes markup, the plain parts do not', () => {
    const m = render('email', { html: '<p>{{alert.summary}}</p>', text: '{{alert.summary}}' });
    expect(m.html).toBe('<p>&lt;script&gt;x&lt;/script&gt; &amp; &lt;!channel&gt; *bold* [link](https://evil.example)</p>');
    expect(m.text).toBe(hostile.summary);
  });

  it('Slack: a value cannot mention @channel or make a link; the template can', () => {
    expect(render('slack', { body: '<{{links.alert}}|open>: {{alert.summary}}' }).body).toBe('<https://tandem.example/#/alerts/alr_1|open>: &lt;script&gt;x&lt;/script&gt; &amp; &lt;!channel&gt; *bold* [link](https://evil.example)');
  });

  it('Teams: emphasis marks are escaped and a value cannot close into a link', () => {
    expect(render('teams', { title: '**{{alert.summary}}**' }).title).toBe('**<script>x</script> & <!channel> \\*bold\\* [link]\\(https://evil.example)**');
  });

  it('triple braces write a value unescaped where a template means it', () => {
    expect(render('email', { html: '{{{alert.summary}}}' }).html).toBe(hostile.summary);
  });
});

describe('a channel\'s template, delivered', () => {
  let rx: Receiver;
  beforeAll(async () => { rx = await startReceiver(); });
  afterAll(async () => { await rx.close(); });

  it('changes the human text of a real Slack post and a webhook, not its structure; collector-wide templates apply under the channel\'s', async () => {
    const pipeline = createNotifyPipeline({
      attempts: 1, backoffMs: 1, timeoutMs: 5000, dedupMinutes: 0, smtp: null, publicUrl: 'https://tandem.example',
      templates: { slack: { text: 'ALERT {{alert.rule}}' }, webhook: { text: 'wide {{alert.id}}' } },
    });
    const slack = channelSchema.parse({ name: 'noc-slack', type: 'slack', url: `${rx.url}/slack`, template: { body: ':rotating_light: *{{device.hostname}}* {{alert.summary}} — <{{links.alert}}|open>', footer: '' } });
    const hook = channelSchema.parse({ name: 'hook', type: 'webhook', url: `${rx.url}/hook` });
    await pipeline.deliver(sampleNotification(), [{ channel: slack, team: 'provider', inHours: true }, { channel: hook, team: 'provider', inHours: true }], false);
    const post = JSON.parse(rx.received.find((r) => r.path === '/slack')!.body);
    expect(post).toEqual({
      text: 'ALERT firewall-off',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: ':rotating_light: *fin-ws-07* Firewall is off — <https://tandem.example/#/alerts/alr_1|open>' } }],
    });
    const body = JSON.parse(rx.received.find((r) => r.path === '/hook')!.body);
    expect(body.text).toBe('wide alr_1');
    expect(body.alert.id).toBe('alr_1');
  });
});

describe('docs/templates.md', () => {
  it('lists exactly the fields of the catalog, with their kinds', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../docs/templates.md', import.meta.url), 'utf8');
    const rows = [...text.matchAll(/^\| `([^`]+)` \| (text|list|flag) \|/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(Object.entries(TEMPLATE_FIELDS).map(([name, f]) => [name, f.kind]));
  });
});
