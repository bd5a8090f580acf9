// Local servers for each ticket system, implementing the part of its
// documented REST contract that Tandem uses: the auth scheme (refused with
// 401 otherwise), the paths, the request bodies it requires (400 when a
// required field is missing), the search by correlation key, and its
// answers. They are written from the vendors' API documentation, not
// recorded from their clouds. Faults can be planned: the next answers
// replaced (429 with Retry-After, 500 with an error body), or a request
// carried out and its answer lost.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TicketSystem } from '../../src/tickets/ticket-config.js';

export interface Recorded {
  at: number;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Fault {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Carry the request out, then answer with the fault (an answer lost on the way). */
  afterwards?: boolean;
  /** Only for requests like this; default: the next request. */
  when?: (method: string, path: string) => boolean;
}

interface Answer {
  status: number;
  body?: unknown;
}

type Row = Record<string, unknown> & { id: number; notes: string[] };

export interface FakeTicket {
  id: string;
  ref: string;
  /** Title and description as created. */
  text: string;
  notes: string[];
  closed: boolean;
}

export interface FakeSystem {
  system: TicketSystem;
  url: string;
  requests: Recorded[];
  /** The channel config pointing at this server (credentials as env: references). */
  channel(name: string, over?: Record<string, unknown>): Record<string, unknown>;
  env: Record<string, string>;
  tickets(): FakeTicket[];
  /** A person takes the ticket. */
  assign(id: string): void;
  /** The next answers, whatever the request. */
  fail(...faults: Fault[]): void;
  close(): Promise<void>;
}

interface Req {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  json: unknown;
  raw: string;
}

interface Vendor {
  system: TicketSystem;
  env: Record<string, string>;
  credentials: Record<string, string>;
  mapping: Record<string, string | number>;
  authorized(r: Req): boolean;
  handle(r: Req, db: Row[]): Answer | null;
  view(t: Row): FakeTicket;
  assign(t: Row): void;
}

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
const bad = (message: string): Answer => ({ status: 400, body: { message } });
const missing = (body: unknown, ...fields: string[]): string | null => {
  for (const f of fields) {
    let cur: unknown = body;
    for (const k of f.split('.')) cur = typeof cur === 'object' && cur !== null ? (cur as Record<string, unknown>)[k] : undefined;
    if (cur === undefined || cur === null || cur === '') return f;
  }
  return null;
};
const obj = (v: unknown) => (v ?? {}) as Record<string, unknown>;
const adfText = (doc: unknown): string => JSON.stringify(doc).match(/"text":"((?:[^"\\]|\\.)*)"/g)?.map((m) => JSON.parse(m.slice(7)) as string).join('\n') ?? '';

async function startFake(v: Vendor): Promise<FakeSystem> {
  const db: Row[] = [];
  const requests: Recorded[] = [];
  const faults: Fault[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { raw += c; });
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://fake');
      requests.push({ at: Date.now(), method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, headers: req.headers, body: raw });
      const send = (a: Answer, headers: Record<string, string> = {}) => {
        res.writeHead(a.status, { 'content-type': 'application/json', ...headers });
        res.end(a.body === undefined ? '' : typeof a.body === 'string' ? a.body : JSON.stringify(a.body));
      };
      const at = faults.findIndex((f) => !f.when || f.when(req.method ?? 'GET', u.pathname));
      const fault = at >= 0 ? faults.splice(at, 1)[0] : undefined;
      if (fault && !fault.afterwards) return send({ status: fault.status, body: fault.body ?? '' }, fault.headers);
      let json: unknown = null;
      const isJson = String(req.headers['content-type'] ?? '').startsWith('application/json');
      if (raw && isJson) {
        try {
          json = JSON.parse(raw);
        } catch {
          return send(bad('body is not JSON'));
        }
      }
      const r: Req = { method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, headers: req.headers, json, raw };
      if (!v.authorized(r)) return send({ status: 401, body: { message: 'not authorized' } });
      const answer = v.handle(r, db) ?? { status: 404, body: { message: `no route ${r.method} ${r.path}` } };
      if (fault) return send({ status: fault.status, body: fault.body ?? '' }, fault.headers);
      send(answer);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    system: v.system, url, requests, env: v.env,
    channel: (name, over = {}) => ({ name, type: 'ticket', system: v.system, url, credentials: v.credentials, mapping: v.mapping, ...over }),
    tickets: () => db.map((t) => v.view(t)),
    assign: (id) => v.assign(db.find((t) => String(t.id) === id || t.sys_id === id)!),
    fail: (...f) => { faults.push(...f); },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

const byId = (db: Row[], id: string | undefined) => db.find((t) => String(t.id) === id);

// ── ConnectWise PSA ───────────────────────────────────────────────────────
function connectwise(): Vendor {
  const A = '/v4_6_release/apis/3.0/service/tickets';
  return {
    system: 'connectwise',
    env: { CW_COMPANY: 'acmemsp', CW_PUBLIC: 'pubKey123456', CW_PRIVATE: 'privSecret-cw-0001', CW_CLIENT: 'client-id-cw-0001' },
    credentials: { company: 'env:CW_COMPANY', publicKey: 'env:CW_PUBLIC', privateKey: 'env:CW_PRIVATE', clientId: 'env:CW_CLIENT' },
    mapping: { board: 'Help Desk', company: 'ACME' },
    authorized: (r) => r.headers.authorization === basic('acmemsp+pubKey123456', 'privSecret-cw-0001') && r.headers.clientid === 'client-id-cw-0001',
    handle(r, db) {
      if (r.method === 'GET' && r.path === A) {
        const m = /^externalXRef="([^"]*)"$/.exec(r.query.get('conditions') ?? '');
        if (!m) return bad('unsupported conditions');
        return { status: 200, body: db.filter((t) => t.externalXRef === m[1]).sort((a, b) => b.id - a.id).slice(0, Number(r.query.get('pageSize') ?? 25)) };
      }
      if (r.method === 'POST' && r.path === A) {
        const miss = missing(r.json, 'summary', 'board.name', 'company.identifier');
        if (miss) return bad(`${miss} is required`);
        const b = obj(r.json);
        const t: Row = { id: 1000 + db.length, summary: b.summary, initialDescription: b.initialDescription, externalXRef: b.externalXRef, board: b.board, company: b.company, status: b.status ?? { name: 'New' }, owner: null, closedFlag: false, notes: [] };
        db.push(t);
        return { status: 201, body: t };
      }
      const one = new RegExp(`^${A}/(\\d+)(/notes)?$`).exec(r.path);
      const t = byId(db, one?.[1]);
      if (!one || !t) return null;
      if (r.method === 'GET' && !one[2]) return { status: 200, body: t };
      if (r.method === 'POST' && one[2]) {
        if (missing(r.json, 'text')) return bad('text is required');
        t.notes.push(String(obj(r.json).text));
        return { status: 201, body: { id: t.notes.length, ticketId: t.id } };
      }
      if (r.method === 'PATCH' && !one[2]) {
        if (!Array.isArray(r.json)) return bad('expected a JSON Patch array');
        for (const op of r.json as Array<{ op: string; path: string; value: { name: string } }>) {
          if (op.op !== 'replace' || op.path !== 'status') return bad(`unsupported patch ${op.path}`);
          t.status = op.value;
          t.closedFlag = op.value.name === 'Closed';
        }
        return { status: 200, body: t };
      }
      return null;
    },
    view: (t) => ({ id: String(t.id), ref: `#${t.id}`, text: `${String(t.summary)}\n${String(t.initialDescription)}`, notes: t.notes, closed: t.closedFlag === true }),
    assign: (t) => { t.owner = { id: 7, identifier: 'jdoe' }; },
  };
}

// ── Autotask ──────────────────────────────────────────────────────────────
function autotask(): Vendor {
  const A = '/ATServicesRest/V1.0/Tickets';
  return {
    system: 'autotask',
    env: { AT_CODE: 'integration-code-0001', AT_USER: 'api@acmemsp.example', AT_SECRET: 'autotask-secret-0001' },
    credentials: { integrationCode: 'env:AT_CODE', username: 'env:AT_USER', secret: 'env:AT_SECRET' },
    mapping: { companyID: 174, queueID: 29683487 },
    authorized: (r) => r.headers.apiintegrationcode === 'integration-code-0001' && r.headers.username === 'api@acmemsp.example' && r.headers.secret === 'autotask-secret-0001',
    handle(r, db) {
      if (r.method === 'GET' && r.path === `${A}/query`) {
        const q = JSON.parse(r.query.get('search') ?? '{}') as { filter?: Array<{ op: string; field: string; value: string }> };
        const f = q.filter?.[0];
        if (!f || f.op !== 'eq' || f.field !== 'externalID') return bad('unsupported filter');
        const items = db.filter((t) => t.externalID === f.value);
        return { status: 200, body: { items, pageDetails: { count: items.length, requestCount: 500, prevPageUrl: null, nextPageUrl: null } } };
      }
      if (r.method === 'POST' && r.path === A) {
        const miss = missing(r.json, 'companyID', 'queueID', 'title', 'status', 'priority');
        if (miss) return { status: 500, body: { errors: [`${miss} is required`] } };
        const t: Row = { ...obj(r.json), id: 5000 + db.length, ticketNumber: `T20261201.${String(db.length + 1).padStart(4, '0')}`, assignedResourceID: null, notes: [] };
        db.push(t);
        return { status: 200, body: { itemId: t.id } };
      }
      if (r.method === 'PATCH' && r.path === A) {
        const t = byId(db, String(obj(r.json).id));
        if (!t) return { status: 404, body: { errors: ['no such ticket'] } };
        Object.assign(t, obj(r.json), { notes: t.notes });
        return { status: 200, body: { itemId: t.id } };
      }
      const one = new RegExp(`^${A}/(\\d+)(/Notes)?$`).exec(r.path);
      const t = byId(db, one?.[1]);
      if (!one || !t) return null;
      if (r.method === 'GET' && !one[2]) return { status: 200, body: { item: t } };
      if (r.method === 'POST' && one[2]) {
        const miss = missing(r.json, 'description', 'noteType', 'publish');
        if (miss) return { status: 500, body: { errors: [`${miss} is required`] } };
        t.notes.push(String(obj(r.json).description));
        return { status: 200, body: { itemId: t.notes.length } };
      }
      return null;
    },
    view: (t) => ({ id: String(t.id), ref: String(t.ticketNumber), text: `${String(t.title)}\n${String(t.description)}`, notes: t.notes, closed: t.status === 5 }),
    assign: (t) => { t.assignedResourceID = 29682885; },
  };
}

// ── HaloPSA ───────────────────────────────────────────────────────────────
function halopsa(): Vendor {
  const tokens = new Set<string>();
  return {
    system: 'halopsa',
    env: { HALO_ID: 'halo-client-0001', HALO_SECRET: 'halo-secret-value-0001' },
    credentials: { clientId: 'env:HALO_ID', clientSecret: 'env:HALO_SECRET' },
    mapping: { clientID: 12, tenant: 'acmemsp' },
    authorized(r) {
      if (r.path === '/auth/token') return true;
      const m = /^Bearer (.+)$/.exec(String(r.headers.authorization ?? ''));
      return m !== null && tokens.has(m[1]!);
    },
    handle(r, db) {
      if (r.method === 'POST' && r.path === '/auth/token') {
        const f = new URLSearchParams(r.raw);
        if (f.get('grant_type') !== 'client_credentials' || f.get('client_id') !== 'halo-client-0001' || f.get('client_secret') !== 'halo-secret-value-0001' || r.query.get('tenant') !== 'acmemsp') {
          return { status: 401, body: { error: 'invalid_client' } };
        }
        const token = `tok${tokens.size + 1}-${'x'.repeat(20)}`;
        tokens.add(token);
        return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: 3600, scope: 'all' } };
      }
      if (r.method === 'GET' && r.path === '/api/Tickets') {
        const s = r.query.get('search') ?? '';
        const tickets = db.filter((t) => String(t.summary).includes(s)).sort((a, b) => b.id - a.id);
        return { status: 200, body: { page_no: 1, page_size: 10, record_count: tickets.length, tickets } };
      }
      if (r.method === 'POST' && r.path === '/api/Tickets') {
        if (!Array.isArray(r.json) || r.json.length !== 1) return bad('expected an array of tickets');
        const b = obj(r.json[0]);
        if (b.id !== undefined) {
          const t = byId(db, String(b.id));
          if (!t) return bad('no such ticket');
          Object.assign(t, b, { notes: t.notes });
          return { status: 201, body: t };
        }
        const miss = missing(b, 'summary', 'client_id');
        if (miss) return bad(`${miss} is required`);
        const t: Row = { ...b, id: 300 + db.length, agent_id: 0, notes: [] };
        db.push(t);
        return { status: 201, body: t };
      }
      if (r.method === 'POST' && r.path === '/api/Actions') {
        const a = Array.isArray(r.json) ? obj(r.json[0]) : {};
        const t = byId(db, String(a.ticket_id));
        if (!t || missing(a, 'note')) return bad('ticket_id and note are required');
        t.notes.push(String(a.note));
        return { status: 201, body: { id: t.notes.length, ticket_id: t.id } };
      }
      const one = /^\/api\/Tickets\/(\d+)$/.exec(r.path);
      const t = byId(db, one?.[1]);
      if (r.method === 'GET' && t) return { status: 200, body: t };
      return null;
    },
    view: (t) => ({ id: String(t.id), ref: `#${t.id}`, text: `${String(t.summary)}\n${String(t.details)}`, notes: t.notes, closed: t.status_id === 9 }),
    assign: (t) => { t.agent_id = 5; t.status_id = 2; },
  };
}

// ── Jira Service Management ───────────────────────────────────────────────
function jira(): Vendor {
  const STATUS = { new: { name: 'To Do', statusCategory: { key: 'new' } }, indeterminate: { name: 'In Progress', statusCategory: { key: 'indeterminate' } }, done: { name: 'Done', statusCategory: { key: 'done' } } };
  const TRANSITIONS = [
    { id: '11', name: 'Reopen', to: STATUS.new }, { id: '21', name: 'Start', to: STATUS.indeterminate }, { id: '31', name: 'Resolve', to: STATUS.done },
  ];
  const find = (db: Row[], idOrKey: string | undefined) => db.find((t) => String(t.id) === idOrKey || t.key === idOrKey);
  return {
    system: 'jira',
    env: { JIRA_EMAIL: 'ops@acme.example', JIRA_TOKEN: 'jira-api-token-0001' },
    credentials: { email: 'env:JIRA_EMAIL', apiToken: 'env:JIRA_TOKEN' },
    mapping: { project: 'ITSM' },
    authorized: (r) => r.headers.authorization === basic('ops@acme.example', 'jira-api-token-0001'),
    handle(r, db) {
      if (r.method === 'GET' && r.path === '/rest/api/3/search/jql') {
        const m = /^labels = "([^"]+)" ORDER BY created DESC$/.exec(r.query.get('jql') ?? '');
        if (!m) return bad('unsupported JQL');
        const issues = db.filter((t) => (obj(t.fields).labels as string[]).includes(m[1]!)).reverse().slice(0, Number(r.query.get('maxResults') ?? 50)).map((t) => ({ id: String(t.id), key: t.key, fields: t.fields }));
        return { status: 200, body: { issues, isLast: true } };
      }
      if (r.method === 'POST' && r.path === '/rest/api/3/issue') {
        const miss = missing(r.json, 'fields.project.key', 'fields.issuetype.name', 'fields.summary');
        if (miss) return { status: 400, body: { errorMessages: [], errors: { [miss]: 'required' } } };
        const f = obj(obj(r.json).fields);
        const id = String(10000 + db.length);
        const key = `${String(obj(f.project).key)}-${db.length + 1}`;
        db.push({ id: Number(id), key, fields: { ...f, status: STATUS.new, assignee: null }, notes: [] });
        return { status: 201, body: { id, key, self: `/rest/api/3/issue/${id}` } };
      }
      const one = /^\/rest\/api\/3\/issue\/([^/]+)(\/comment|\/transitions)?$/.exec(r.path);
      const t = find(db, one?.[1]);
      if (!one || !t) return one ? { status: 404, body: { errorMessages: ['Issue does not exist'] } } : null;
      const issue = { id: String(t.id), key: t.key, fields: t.fields };
      if (r.method === 'GET' && !one[2]) return { status: 200, body: issue };
      if (r.method === 'POST' && one[2] === '/comment') {
        if (obj(obj(r.json).body).type !== 'doc') return bad('body must be an Atlassian document');
        t.notes.push(adfText(obj(r.json).body));
        return { status: 201, body: { id: String(t.notes.length) } };
      }
      if (r.method === 'GET' && one[2] === '/transitions') return { status: 200, body: { transitions: TRANSITIONS } };
      if (r.method === 'POST' && one[2] === '/transitions') {
        const tr = TRANSITIONS.find((x) => x.id === String(obj(obj(r.json).transition).id));
        if (!tr) return bad('no such transition');
        obj(t.fields).status = tr.to;
        return { status: 204 };
      }
      return null;
    },
    view: (t) => ({ id: String(t.id), ref: String(t.key), text: `${String(obj(t.fields).summary)}\n${adfText(obj(t.fields).description)}`, notes: t.notes, closed: obj(obj(obj(t.fields).status).statusCategory).key === 'done' }),
    assign: (t) => { obj(t.fields).assignee = { accountId: '5b10a2844c20165700ede21g', displayName: 'Jo Doe' }; },
  };
}

// ── ServiceNow ────────────────────────────────────────────────────────────
function servicenow(): Vendor {
  const T = '/api/now/table/incident';
  const out = (t: Row) => ({ sys_id: t.sys_id, number: t.number, state: t.state, assigned_to: t.assigned_to });
  return {
    system: 'servicenow',
    env: { SN_USER: 'tandem.integration', SN_PASSWORD: 'servicenow-password-0001' },
    credentials: { username: 'env:SN_USER', password: 'env:SN_PASSWORD' },
    mapping: { assignmentGroup: 'Service Desk' },
    authorized: (r) => r.headers.authorization === basic('tandem.integration', 'servicenow-password-0001'),
    handle(r, db) {
      if (r.method === 'GET' && r.path === T) {
        const m = /^correlation_id=([^^]+)(\^ORDERBYDESCsys_created_on)?$/.exec(r.query.get('sysparm_query') ?? '');
        if (!m) return bad('unsupported sysparm_query');
        return { status: 200, body: { result: db.filter((t) => t.correlation_id === m[1]).reverse().slice(0, Number(r.query.get('sysparm_limit') ?? 100)).map(out) } };
      }
      if (r.method === 'POST' && r.path === T) {
        const miss = missing(r.json, 'short_description');
        if (miss) return bad(`${miss} is required`);
        const n = db.length;
        const t: Row = { ...obj(r.json), id: n, sys_id: `${'a'.repeat(24)}${String(n).padStart(8, '0')}`, number: `INC${String(10001 + n).padStart(7, '0')}`, state: '1', assigned_to: '', notes: [] };
        db.push(t);
        return { status: 201, body: { result: out(t) } };
      }
      const one = new RegExp(`^${T}/([0-9a-f]{32})$`).exec(r.path);
      const t = db.find((x) => x.sys_id === one?.[1]);
      if (!one) return null;
      if (!t) return { status: 404, body: { error: { message: 'No Record found', detail: 'Record doesn\'t exist or ACL restricts the record retrieval' }, status: 'failure' } };
      if (r.method === 'GET') return { status: 200, body: { result: out(t) } };
      if (r.method === 'PATCH') {
        const b = obj(r.json);
        if (b.state === '6' && (missing(b, 'close_code') || missing(b, 'close_notes'))) return { status: 403, body: { error: { message: 'Data Policy Exception', detail: 'Resolution code and Resolution notes are mandatory' }, status: 'failure' } };
        if (typeof b.work_notes === 'string') t.notes.push(b.work_notes);
        if (typeof b.close_notes === 'string') t.notes.push(b.close_notes);
        for (const k of ['state', 'close_code']) if (b[k] !== undefined) t[k] = b[k];
        return { status: 200, body: { result: out(t) } };
      }
      return null;
    },
    view: (t) => ({ id: String(t.sys_id), ref: String(t.number), text: `${String(t.short_description)}\n${String(t.description)}`, notes: t.notes, closed: t.state === '6' || t.state === '7' }),
    assign: (t) => { t.assigned_to = { link: 'https://x/api/now/table/sys_user/6816f79cc0a8016401c5a33be04be441', value: '6816f79cc0a8016401c5a33be04be441' }; t.state = '2'; },
  };
}

// ── Freshservice ──────────────────────────────────────────────────────────
function freshservice(): Vendor {
  return {
    system: 'freshservice',
    env: { FS_KEY: 'freshservice-api-key-0001' },
    credentials: { apiKey: 'env:FS_KEY' },
    mapping: { requesterEmail: 'it@acme.example', groupID: 4 },
    authorized: (r) => r.headers.authorization === basic('freshservice-api-key-0001', 'X'),
    handle(r, db) {
      if (r.method === 'GET' && r.path === '/api/v2/tickets/filter') {
        const m = /^"tag:'([^']+)'"$/.exec(r.query.get('query') ?? '');
        if (!m) return bad('query must be a quoted filter expression');
        const tickets = db.filter((t) => (t.tags as string[]).includes(m[1]!));
        return { status: 200, body: { tickets, total: tickets.length } };
      }
      if (r.method === 'POST' && r.path === '/api/v2/tickets') {
        const miss = missing(r.json, 'subject', 'description', 'email', 'status', 'priority');
        if (miss) return { status: 400, body: { description: 'Validation failed', errors: [{ field: miss, message: 'It should not be blank', code: 'missing_field' }] } };
        const t: Row = { ...obj(r.json), id: 20 + db.length, responder_id: null, notes: [] };
        db.push(t);
        return { status: 201, body: { ticket: t } };
      }
      const one = /^\/api\/v2\/tickets\/(\d+)(\/notes)?$/.exec(r.path);
      const t = byId(db, one?.[1]);
      if (!one || !t) return null;
      if (r.method === 'GET' && !one[2]) return { status: 200, body: { ticket: t } };
      if (r.method === 'PUT' && !one[2]) {
        Object.assign(t, obj(r.json), { notes: t.notes });
        return { status: 200, body: { ticket: t } };
      }
      if (r.method === 'POST' && one[2]) {
        if (missing(r.json, 'body')) return bad('body is required');
        t.notes.push(String(obj(r.json).body).replace(/<br>/g, '\n'));
        return { status: 201, body: { conversation: { id: t.notes.length, private: obj(r.json).private } } };
      }
      return null;
    },
    view: (t) => ({ id: String(t.id), ref: `#${t.id}`, text: `${String(t.subject)}\n${String(t.description).replace(/<br>/g, '\n')}`, notes: t.notes, closed: t.status === 4 || t.status === 5 }),
    assign: (t) => { t.responder_id = 1000; },
  };
}

// ── Zendesk ───────────────────────────────────────────────────────────────
function zendesk(): Vendor {
  return {
    system: 'zendesk',
    env: { ZD_EMAIL: 'ops@acme.example', ZD_TOKEN: 'zendesk-api-token-0001' },
    credentials: { email: 'env:ZD_EMAIL', apiToken: 'env:ZD_TOKEN' },
    mapping: { groupID: 360001 },
    authorized: (r) => r.headers.authorization === basic('ops@acme.example/token', 'zendesk-api-token-0001'),
    handle(r, db) {
      if (r.method === 'GET' && r.path === '/api/v2/tickets') {
        const ext = r.query.get('external_id');
        if (!ext) return bad('external_id is required here');
        const tickets = db.filter((t) => t.external_id === ext);
        return { status: 200, body: { tickets, count: tickets.length, next_page: null, previous_page: null } };
      }
      if (r.method === 'POST' && r.path === '/api/v2/tickets') {
        const b = obj(obj(r.json).ticket);
        const miss = missing(b, 'comment.body');
        if (miss) return { status: 422, body: { error: 'RecordInvalid', description: 'Record validation errors', details: { base: [{ description: `${miss} is required` }] } } };
        const t: Row = { ...b, id: 40 + db.length, description: obj(b.comment).body, status: 'new', assignee_id: null, notes: [] };
        delete t.comment;
        db.push(t);
        return { status: 201, body: { ticket: t } };
      }
      const one = /^\/api\/v2\/tickets\/(\d+)$/.exec(r.path);
      const t = byId(db, one?.[1]);
      if (!one || !t) return one ? { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } } : null;
      if (r.method === 'GET') return { status: 200, body: { ticket: t } };
      if (r.method === 'PUT') {
        if (t.status === 'closed') return { status: 422, body: { error: 'RecordInvalid', description: 'Status: closed prevents ticket update' } };
        const b = obj(obj(r.json).ticket);
        if (b.comment) t.notes.push(String(obj(b.comment).body));
        if (typeof b.status === 'string') t.status = b.status;
        return { status: 200, body: { ticket: t } };
      }
      return null;
    },
    view: (t) => ({ id: String(t.id), ref: `#${t.id}`, text: `${String(t.subject)}\n${String(t.description)}`, notes: t.notes, closed: t.status === 'solved' || t.status === 'closed' }),
    assign: (t) => { t.assignee_id = 77; t.status = 'open'; },
  };
}

const VENDORS: Record<TicketSystem, () => Vendor> = { connectwise, autotask, halopsa, jira, servicenow, freshservice, zendesk };

export const startFakeSystem = (system: TicketSystem): Promise<FakeSystem> => startFake(VENDORS[system]());
