// Jira Service Management (Jira Cloud REST API v3). Auth: Basic
// `email:apiToken`. Issues are created in `mapping.project` with the label
// `tandem-<alert id>` as correlation key, found by JQL (`labels = "…"`);
// notes are comments (Atlassian document format); close and reopen are
// workflow transitions, picked by the category of their target status
// (done, to-do), since every workflow names its statuses differently. State
// model: closed in a done-category status; untouched in a to-do-category
// status with no assignee.
import { NotifyError } from '../../notify/notify-error.js';
import { correlationTag, field, mapString } from '../connector.js';
import type { ConnectorContext, ConnectorSpec, RemoteTicket } from '../connector.js';
import { basicAuth } from '../ticket-http.js';

const FIELDS = 'status,assignee';
const adf = (text: string) => ({ type: 'doc', version: 1, content: text.split('\n').map((line) => (line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' })) });

export const jira: ConnectorSpec = {
  system: 'jira',
  label: 'Jira Service Management',
  credentials: ['email', 'apiToken'],
  mapping: ['project'],
  optionalMapping: ['issueType'],
  create(ctx: ConnectorContext) {
    const headers = () => ({ authorization: basicAuth(ctx.secret('email'), ctx.secret('apiToken')) });
    const toTicket = (t: unknown): RemoteTicket => {
      const id = field(t, 'id');
      const key = field(t, 'key');
      if (typeof id !== 'string' || typeof key !== 'string') throw new NotifyError(ctx.channel, 'Jira answered an issue without id and key', false);
      const category = field(t, 'fields.status.statusCategory.key');
      const assignee = field(t, 'fields.assignee.displayName') ?? field(t, 'fields.assignee.accountId');
      return {
        id, ref: key,
        state: category === 'done' ? 'closed' : category === 'new' && !assignee ? 'untouched' : 'working',
        detail: assignee ? `assigned to ${String(assignee)}` : `status ${String(field(t, 'fields.status.name') ?? '')}`,
      };
    };
    const get = async (id: string) => {
      const r = await ctx.http({ method: 'GET', path: `/rest/api/3/issue/${id}`, headers: headers(), query: { fields: FIELDS }, accept: [404] });
      return r.status === 404 ? null : toTicket(r.body);
    };
    const note = async (id: string, text: string) => {
      await ctx.http({ method: 'POST', path: `/rest/api/3/issue/${id}/comment`, headers: headers(), body: { body: adf(text) } });
    };
    const transition = async (id: string, category: 'done' | 'new') => {
      const r = await ctx.http({ method: 'GET', path: `/rest/api/3/issue/${id}/transitions`, headers: headers() });
      const list = field(r.body, 'transitions');
      const t = Array.isArray(list) ? list.find((x) => field(x, 'to.statusCategory.key') === category) : undefined;
      if (!t) throw new NotifyError(ctx.channel, `Jira issue ${id} has no transition to a ${category === 'done' ? 'done' : 'to-do'} status`, false);
      await ctx.http({ method: 'POST', path: `/rest/api/3/issue/${id}/transitions`, headers: headers(), body: { transition: { id: String(field(t, 'id')) } } });
    };
    return {
      async find(key) {
        const r = await ctx.http({ method: 'GET', path: '/rest/api/3/search/jql', headers: headers(), query: { jql: `labels = "${correlationTag(key)}" ORDER BY created DESC`, fields: FIELDS, maxResults: '1' } });
        const issues = field(r.body, 'issues');
        return Array.isArray(issues) && issues.length > 0 ? toTicket(issues[0]) : null;
      },
      get,
      async create(t) {
        const r = await ctx.http({
          method: 'POST', path: '/rest/api/3/issue', headers: headers(),
          body: { fields: { project: { key: mapString(ctx, 'project') }, issuetype: { name: mapString(ctx, 'issueType', 'Task') }, summary: t.title.slice(0, 254), description: adf(t.text), labels: [correlationTag(t.key)] } },
        });
        const id = field(r.body, 'id');
        const key = field(r.body, 'key');
        if (typeof id !== 'string' || typeof key !== 'string') throw new NotifyError(ctx.channel, 'Jira answered the create without id and key', false);
        return { id, ref: key, state: 'untouched', detail: 'new' };
      },
      note,
      async close(id, text) {
        await note(id, text);
        await transition(id, 'done');
      },
      async reopen(id, text) {
        await transition(id, 'new');
        await note(id, text);
        return (await get(id)) ?? { id, ref: id, state: 'untouched', detail: 'reopened' };
      },
    };
  },
};
