import { createHmac, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { ApprovalEntity, WorkflowRunEntity } from '@automations/persistence';
import { createClient } from './support/client.fixture';
import { RunSeeder } from './support/run.fixture';
import { bearer, startTestApi, TestAgency, TestApi } from './support/test-api';
import { minimalWorkflow } from './support/workflow-fixtures';

/**
 * Hostile input across the API, as one table: every row is either refused with a 4xx whose message
 * names the field or the problem, or accepted and stored inert (then the row proves it).
 */

const TEMPLATE_INJECTION = "{{constructor.constructor('return process')()}}";
const ONE_MIB = 1024 * 1024;
/** A string that makes any JSON body larger than the 1 MiB limit. */
const ONE_MIB_STRING = 'x'.repeat(ONE_MIB);
/** A string that still fits in a body under the limit: reaches field validation. */
const NEAR_MIB_STRING = 'x'.repeat(ONE_MIB - 4096);
const HTML_AND_SLACK = '<!channel> <script>alert(1)</script> & Co';

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function signJwt(payload: object, secret: string): string {
  const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
/** Who calls: a role of the main agency, its admin API key, the other agency's admin, nobody, or a forged/stale JWT. */
type Caller =
  | 'admin'
  | 'manager'
  | 'viewer'
  | 'apiKey'
  | 'otherAdmin'
  | 'none'
  | 'jwtAlgNone'
  | 'jwtExpired'
  | 'jwtDeactivatedUser'
  | 'jwtUnknownUser'
  | 'jwtNonUuidSubject'
  | 'jwtClaimsAdminRole';

/** Everything rows may refer to, created once in beforeAll. */
interface Fixture {
  api: TestApi;
  alpha: TestAgency;
  beta: TestAgency;
  workflowId: string;
  clientId: string;
  betaClientId: string;
  failedRunId: string;
  approvalRunId: string;
  approvalId: string;
  betaRunId: string;
  apiKeyId: string;
  tokens: Record<Caller, string | null>;
}

interface Refusal {
  status: number;
  /** What the message must say: the field and/or the problem. */
  message: RegExp;
  /** A field path that `details` must name (validation errors). */
  field?: string;
}

interface Row {
  name: string;
  method: Method;
  /** Placeholders: :workflowId :clientId :betaClientId :failedRunId :approvalRunId :betaRunId :managerId :apiKeyId */
  path: string;
  as: Caller;
  /** JSON body (a function when it needs fixture ids). */
  body?: unknown | ((f: Fixture) => unknown);
  /** Raw JSON text, for what JSON.stringify cannot write (`__proto__` keys, 1e309). */
  raw?: string;
  /** A refusal, or the 2xx status of an accepted request. */
  expect: Refusal | { status: number };
  /** Proof that nothing leaked or moved (runs after the request, for refusals and acceptances alike). */
  inert?: (response: Response, f: Fixture) => Promise<void>;
}

const isRefusal = (expectation: Row['expect']): expectation is Refusal => 'message' in expectation;

const rows: Row[] = [
  // ── auth / login ─────────────────────────────────────────────────────────────────────────────
  {
    name: 'login: template payload as email',
    method: 'post',
    path: '/auth/login',
    as: 'none',
    body: { email: TEMPLATE_INJECTION, password: 'x' },
    expect: { status: 400, message: /email/, field: 'email' },
  },
  {
    name: 'login: __proto__ key in the body',
    method: 'post',
    path: '/auth/login',
    as: 'none',
    raw: '{"email":"a@b.test","password":"x","__proto__":{"polluted":true}}',
    expect: { status: 400, message: /__proto__.*not allowed/, field: '__proto__' },
  },
  {
    name: 'login: constructor.prototype key in the body',
    method: 'post',
    path: '/auth/login',
    as: 'none',
    raw: '{"email":"a@b.test","password":"x","constructor":{"prototype":{"polluted":true}}}',
    expect: { status: 400, message: /constructor\.prototype.*not allowed/, field: 'constructor.prototype' },
  },
  {
    name: 'login: role smuggled into the login body',
    method: 'post',
    path: '/auth/login',
    as: 'none',
    body: { email: 'a@b.test', password: 'x', role: 'admin' },
    expect: { status: 400, message: /unknown field/, field: 'role' },
  },
  {
    name: 'login: 1 MiB password',
    method: 'post',
    path: '/auth/login',
    as: 'none',
    body: { email: 'a@b.test', password: ONE_MIB_STRING },
    expect: { status: 413, message: /too large/ },
  },
  {
    name: 'login: 3000 nested arrays (stack exhaustion before authentication)',
    method: 'post',
    path: '/auth/login',
    as: 'none',
    raw: '['.repeat(3000) + ']'.repeat(3000),
    expect: { status: 400, message: /deeper than 64 levels/ },
    inert: async (_response, f) => {
      // The process is alive and answers the next request.
      await f.api.http().get('/health/live').expect(200);
    },
  },
  {
    name: 'login: 100 nested objects in a field',
    method: 'post',
    path: '/auth/login',
    as: 'none',
    raw: `{"email":"a@b.test","password":${'{"a":'.repeat(100)}1${'}'.repeat(100)}}`,
    expect: { status: 400, message: /deeper than 64 levels/ },
  },
  {
    name: 'JWT with alg none',
    method: 'get',
    path: '/workflows',
    as: 'jwtAlgNone',
    expect: { status: 401, message: /Invalid or expired credentials/ },
  },
  {
    name: 'JWT expired',
    method: 'get',
    path: '/workflows',
    as: 'jwtExpired',
    expect: { status: 401, message: /Invalid or expired credentials/ },
  },
  {
    name: 'JWT of a deactivated user',
    method: 'get',
    path: '/workflows',
    as: 'jwtDeactivatedUser',
    expect: { status: 401, message: /Invalid or expired credentials/ },
  },
  {
    name: 'JWT of a user that does not exist (deleted)',
    method: 'get',
    path: '/workflows',
    as: 'jwtUnknownUser',
    expect: { status: 401, message: /Invalid or expired credentials/ },
  },
  {
    name: 'JWT whose subject is not a uuid (SQL in sub)',
    method: 'get',
    path: '/workflows',
    as: 'jwtNonUuidSubject',
    expect: { status: 401, message: /Invalid or expired credentials/ },
  },
  {
    name: 'JWT of a viewer claiming role admin: the role is read from the database',
    method: 'post',
    path: '/workflows',
    as: 'jwtClaimsAdminRole',
    body: minimalWorkflow('By a self-promoted viewer'),
    expect: { status: 403, message: /requires the manager role/ },
  },

  // ── users ────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'users: invite with an unknown role',
    method: 'post',
    path: '/users',
    as: 'admin',
    body: { email: 'root@x.test', name: 'Root', role: 'superadmin', password: 'long enough password' },
    expect: { status: 400, message: /role/, field: 'role' },
  },
  {
    name: 'users: CR/LF header injection in an email',
    method: 'post',
    path: '/users',
    as: 'admin',
    body: { email: 'a@x.test\r\nBcc: victim@x.test', name: 'Inject', role: 'viewer', password: 'long enough password' },
    expect: { status: 400, message: /email/, field: 'email' },
  },
  {
    name: 'users: a manager promoting themselves to admin',
    method: 'patch',
    path: '/users/:managerId',
    as: 'manager',
    body: { role: 'admin' },
    expect: { status: 403, message: /requires the admin role/ },
    inert: async (_response, f) => {
      const me = await f.api.http().get('/api/v1/auth/me').set(bearer(f.alpha.tokens.manager)).expect(200);
      expect(me.body.role).toBe('manager');
    },
  },
  {
    name: 'users: agencyId mass assignment moves nobody',
    method: 'patch',
    path: '/users/:managerId',
    as: 'admin',
    body: (f: Fixture) => ({ name: 'Moved?', agencyId: f.beta.agencyId }),
    expect: { status: 400, message: /agencyId/, field: 'agencyId' },
    inert: async (_response, f) => {
      await f.api.http().get(`/api/v1/users/${f.alpha.userIds.manager}`).set(bearer(f.beta.tokens.admin)).expect(404);
      const user = await f.api
        .http()
        .get(`/api/v1/users/${f.alpha.userIds.manager}`)
        .set(bearer(f.alpha.tokens.admin))
        .expect(200);
      expect(user.body.name).toBe('Mia Manager');
    },
  },
  {
    name: 'users: a non-uuid id',
    method: 'patch',
    path: "/users/1'%20OR%20'1'%3D'1",
    as: 'admin',
    body: { name: 'x' },
    expect: { status: 400, message: /id: must be a UUID/, field: 'id' },
  },
  {
    name: 'users: an 11-character password',
    method: 'post',
    path: '/users',
    as: 'admin',
    body: { email: 'short.pw@x.test', name: 'Short', role: 'viewer', password: 'eleven char' },
    expect: { status: 400, message: /password: .*12 characters/, field: 'password' },
  },
  {
    name: 'users: a password that is the email',
    method: 'post',
    path: '/users',
    as: 'admin',
    body: { email: 'same.as.pw@x.test', name: 'Same', role: 'viewer', password: 'Same.As.Pw@x.test' },
    expect: { status: 400, message: /password: must not contain the email/, field: 'password' },
  },
  {
    name: 'users: a password containing the email',
    method: 'post',
    path: '/users',
    as: 'admin',
    body: { email: 'mallory@x.test', name: 'Mallory', role: 'viewer', password: 'my mallory@x.test pass' },
    expect: { status: 400, message: /password: must not contain the email/, field: 'password' },
  },
  {
    name: 'users: a password change to 11 characters',
    method: 'patch',
    path: '/users/:managerId',
    as: 'admin',
    body: { password: 'eleven char' },
    expect: { status: 400, message: /password: .*12 characters/, field: 'password' },
  },
  {
    name: 'users: a password change to one containing the email name',
    method: 'patch',
    path: '/users/:managerId',
    as: 'admin',
    body: { password: 'Manager-password-2026' },
    expect: { status: 400, message: /password: must not contain the email/, field: 'password' },
  },

  // ── api keys ─────────────────────────────────────────────────────────────────────────────────
  {
    name: 'api-keys: agencyId mass assignment',
    method: 'post',
    path: '/api-keys',
    as: 'admin',
    body: (f: Fixture) => ({ name: 'cross-tenant', role: 'admin', agencyId: f.beta.agencyId }),
    expect: { status: 400, message: /agencyId/, field: 'agencyId' },
    inert: async (_response, f) => {
      const keys = await f.api.http().get('/api/v1/api-keys').set(bearer(f.beta.tokens.admin)).expect(200);
      expect(keys.body.items.map((k: { name: string }) => k.name)).not.toContain('cross-tenant');
    },
  },
  {
    name: 'api-keys: an unknown role',
    method: 'post',
    path: '/api-keys',
    as: 'admin',
    body: { name: 'k', role: 'root' },
    expect: { status: 400, message: /role/, field: 'role' },
  },
  {
    name: 'api-keys: a manager minting an admin key',
    method: 'post',
    path: '/api-keys',
    as: 'manager',
    body: { name: 'k', role: 'admin' },
    expect: { status: 403, message: /requires the admin role/ },
  },
  {
    name: 'api-keys: revoke a non-uuid id',
    method: 'delete',
    path: '/api-keys/..%2F..%2Fetc',
    as: 'admin',
    expect: { status: 400, message: /id: must be a UUID/, field: 'id' },
  },

  // ── workflows ────────────────────────────────────────────────────────────────────────────────
  {
    name: 'workflows: template-injection payload in a step template',
    method: 'post',
    path: '/workflows',
    as: 'manager',
    body: minimalWorkflow('Injected', [
      { type: 'add_alert', config: { title: `Hi ${TEMPLATE_INJECTION}`, severity: 'info' } },
    ]),
    expect: { status: 400, message: /steps\[0\]\.config\.title/, field: 'steps[0].config.title' },
  },
  {
    name: 'workflows: {{__proto__.polluted}} template',
    method: 'post',
    path: '/workflows',
    as: 'manager',
    body: minimalWorkflow('Proto template', [
      { type: 'add_alert', config: { title: '{{client.__proto__.polluted}}', severity: 'info' } },
    ]),
    expect: { status: 400, message: /steps\[0\]\.config\.title/, field: 'steps[0].config.title' },
  },
  {
    name: 'workflows: __proto__ key inside a step config',
    method: 'post',
    path: '/workflows',
    as: 'manager',
    raw: '{"name":"Proto","triggers":[{"type":"stage_change","config":{"toStage":"active"}}],"steps":[{"type":"add_alert","config":{"title":"x","severity":"info","__proto__":{"polluted":true}}}]}',
    expect: { status: 400, message: /__proto__/, field: 'steps[0].config.__proto__' },
  },
  {
    name: 'workflows: agencyId of another agency on create',
    method: 'post',
    path: '/workflows',
    as: 'manager',
    body: (f: Fixture) => ({ ...minimalWorkflow('Smuggled'), agencyId: f.beta.agencyId }),
    expect: { status: 400, message: /agencyId/, field: 'agencyId' },
  },
  {
    name: 'workflows: counters and version mass-assigned on create',
    method: 'post',
    path: '/workflows',
    as: 'manager',
    body: { ...minimalWorkflow('Counters'), runCount: 1000, version: 42 },
    expect: { status: 400, message: /runCount/, field: 'runCount' },
  },
  {
    name: 'workflows: agencyId on PATCH does not move the workflow',
    method: 'patch',
    path: '/workflows/:workflowId',
    as: 'manager',
    body: (f: Fixture) => ({ name: 'Moved?', agencyId: f.beta.agencyId }),
    expect: { status: 400, message: /agencyId/, field: 'agencyId' },
    inert: async (_response, f) => {
      await f.api.http().get(`/api/v1/workflows/${f.workflowId}`).set(bearer(f.beta.tokens.admin)).expect(404);
      const own = await f.api
        .http()
        .get(`/api/v1/workflows/${f.workflowId}`)
        .set(bearer(f.alpha.tokens.viewer))
        .expect(200);
      expect(own.body.name).toBe('Kickoff');
    },
  },
  {
    name: 'workflows: expectedVersion NaN',
    method: 'patch',
    path: '/workflows/:workflowId',
    as: 'manager',
    body: { name: 'x', expectedVersion: 'NaN' },
    expect: { status: 400, message: /expectedVersion/, field: 'expectedVersion' },
  },
  {
    name: 'workflows: kpi threshold 1e309 (Infinity once parsed)',
    method: 'post',
    path: '/workflows',
    as: 'manager',
    raw: '{"name":"Huge","triggers":[{"type":"kpi_threshold","config":{"metric":"roas","operator":"above","value":1e309}}],"steps":[{"type":"add_alert","config":{"title":"x","severity":"info"}}]}',
    expect: { status: 400, message: /triggers\[0\]\.config\.value/, field: 'triggers[0].config.value' },
  },
  {
    name: 'workflows: name of almost 1 MiB',
    method: 'post',
    path: '/workflows',
    as: 'manager',
    body: minimalWorkflow(NEAR_MIB_STRING),
    expect: { status: 400, message: /name: must be at most/, field: 'name' },
  },
  {
    name: 'workflows: toggle with a string',
    method: 'patch',
    path: '/workflows/:workflowId/toggle',
    as: 'manager',
    body: { isActive: 'yes' },
    expect: { status: 400, message: /isActive/, field: 'isActive' },
  },
  {
    name: 'workflows: toggle smuggling status',
    method: 'patch',
    path: '/workflows/:workflowId/toggle',
    as: 'manager',
    body: { isActive: true, pausedReason: null, status: 'active' },
    expect: { status: 400, message: /unknown field/, field: 'pausedReason' },
  },
  {
    name: 'workflows: page 1e300',
    method: 'get',
    path: '/workflows?page=1e300',
    as: 'viewer',
    expect: { status: 400, message: /page/, field: 'page' },
  },
  {
    name: 'workflows: pageSize NaN',
    method: 'get',
    path: '/workflows?pageSize=NaN',
    as: 'viewer',
    expect: { status: 400, message: /pageSize/, field: 'pageSize' },
  },
  {
    name: 'workflows: version number beyond an integer',
    method: 'get',
    path: '/workflows/:workflowId/versions/99999999999999999999',
    as: 'viewer',
    expect: { status: 400, message: /version: must be an integer/, field: 'version' },
  },
  {
    name: 'workflows: test with a non-uuid clientId',
    method: 'post',
    path: '/workflows/:workflowId/test',
    as: 'manager',
    body: { clientId: "'; DROP TABLE clients; --" },
    expect: { status: 400, message: /clientId/, field: 'clientId' },
  },
  {
    name: 'workflows: test an unsaved definition with delayMinutes NaN',
    method: 'post',
    path: '/workflows/test',
    as: 'manager',
    body: {
      definition: minimalWorkflow('Preview', [
        { type: 'add_alert', delayMinutes: 'NaN', config: { title: 'x', severity: 'info' } },
      ]),
      client: { name: 'Sample', stage: 'active', health: 'green' },
    },
    expect: { status: 400, message: /definition\.steps\[0\]\.delayMinutes/, field: 'definition.steps[0].delayMinutes' },
  },
  {
    name: 'workflows: preview of a sample client named with a template payload renders it literally',
    method: 'post',
    path: '/workflows/:workflowId/test',
    as: 'manager',
    body: { client: { name: TEMPLATE_INJECTION, stage: 'active', health: 'green', metrics: { constructor: 1 } } },
    expect: { status: 200 },
    inert: async (response) => {
      const alert = response.body.steps.find((step: { stepId: string }) => step.stepId === 'alert');
      expect(alert.renderedConfig.title).toBe(`Kickoff ${TEMPLATE_INJECTION}`);
      const ping = response.body.steps.find((step: { stepId: string }) => step.stepId === 'ping');
      expect(ping.renderedConfig.message).toBe(`Hello ${TEMPLATE_INJECTION}`);
    },
  },

  // ── clients ──────────────────────────────────────────────────────────────────────────────────
  {
    name: 'clients: template payload and markup in a name are stored as text and previewed literally',
    method: 'post',
    path: '/clients',
    as: 'manager',
    body: { name: `${TEMPLATE_INJECTION} ${HTML_AND_SLACK}`, stage: 'active' },
    expect: { status: 201 },
    inert: async (response, f) => {
      const stored = await f.api
        .http()
        .get(`/api/v1/clients/${response.body.id}`)
        .set(bearer(f.alpha.tokens.viewer))
        .expect(200);
      expect(stored.body.name).toBe(`${TEMPLATE_INJECTION} ${HTML_AND_SLACK}`);
      const preview = await f.api
        .http()
        .post(`/api/v1/workflows/${f.workflowId}/test`)
        .set(bearer(f.alpha.tokens.manager))
        .send({ clientId: response.body.id })
        .expect(200);
      const steps = Object.fromEntries(
        preview.body.steps.map((s: { stepId: string; renderedConfig: Record<string, string> }) => [
          s.stepId,
          s.renderedConfig,
        ]),
      );
      expect(steps.alert.title).toBe(`Kickoff ${TEMPLATE_INJECTION} ${HTML_AND_SLACK}`);
      // The Slack message escapes `& < >`: `<!channel>` cannot ping, `<script>` is text.
      expect(steps.ping.message).toBe(
        `Hello ${TEMPLATE_INJECTION} &lt;!channel&gt; &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co`,
      );
    },
  },
  {
    name: 'clients: agencyId mass assignment on PATCH does not move the client',
    method: 'patch',
    path: '/clients/:clientId',
    as: 'manager',
    body: (f: Fixture) => ({ name: 'Moved?', agencyId: f.beta.agencyId }),
    expect: { status: 400, message: /agencyId/, field: 'agencyId' },
    inert: async (_response, f) => {
      await f.api.http().get(`/api/v1/clients/${f.clientId}`).set(bearer(f.beta.tokens.admin)).expect(404);
      const own = await f.api
        .http()
        .get(`/api/v1/clients/${f.clientId}`)
        .set(bearer(f.alpha.tokens.viewer))
        .expect(200);
      expect(own.body.name).toBe('Acme');
    },
  },
  {
    name: 'clients: deletedAt mass assignment on create',
    method: 'post',
    path: '/clients',
    as: 'manager',
    body: { name: 'Ghost', stage: 'lead', deletedAt: '2020-01-01T00:00:00Z' },
    expect: { status: 400, message: /deletedAt/, field: 'deletedAt' },
  },
  {
    name: 'clients: a 1 MiB name',
    method: 'post',
    path: '/clients',
    as: 'manager',
    body: { name: ONE_MIB_STRING, stage: 'lead' },
    expect: { status: 413, message: /too large/ },
  },
  {
    name: 'clients: a name of almost 1 MiB',
    method: 'post',
    path: '/clients',
    as: 'manager',
    body: { name: NEAR_MIB_STRING, stage: 'lead' },
    expect: { status: 400, message: /name/, field: 'name' },
  },
  {
    name: 'clients: NUL in the search query',
    method: 'get',
    path: '/clients?search=%00',
    as: 'viewer',
    expect: { status: 400, message: /search: must not contain NUL/, field: 'search' },
  },
  {
    name: 'clients: NUL inside a repeated query parameter',
    method: 'get',
    path: '/clients?stage=lead&stage=a%00b',
    as: 'viewer',
    expect: { status: 400, message: /stage: must not contain NUL/, field: 'stage' },
  },
  {
    name: 'events: NUL in a query parameter name',
    method: 'get',
    path: '/events?a%00b=1',
    as: 'viewer',
    expect: { status: 400, message: /must not contain NUL/, field: 'a\u0000b' },
  },
  {
    name: 'clients: a NUL byte in a name',
    method: 'post',
    path: '/clients',
    as: 'manager',
    body: { name: 'Acme\u0000Corp', stage: 'lead' },
    expect: { status: 400, message: /name: must not contain NUL/, field: 'name' },
  },
  {
    name: 'clients: metric value NaN',
    method: 'post',
    path: '/clients/:clientId/metrics',
    as: 'manager',
    body: { metric: 'roas', value: 'NaN' },
    expect: { status: 400, message: /value: must be a finite number/, field: 'value' },
  },
  {
    name: 'clients: metric value 1e309',
    method: 'post',
    path: '/clients/:clientId/metrics',
    as: 'manager',
    raw: '{"metric":"roas","value":1e309}',
    expect: { status: 400, message: /value: must be a finite number/, field: 'value' },
  },
  {
    name: 'clients: metric value 1.7e308 is stored as given',
    method: 'post',
    path: '/clients/:clientId/metrics',
    as: 'manager',
    body: { metric: 'spend', value: 1.7e308 },
    expect: { status: 201 },
    inert: async (_response, f) => {
      const metrics = await f.api
        .http()
        .get(`/api/v1/clients/${f.clientId}/metrics`)
        .set(bearer(f.alpha.tokens.viewer))
        .expect(200);
      expect(JSON.stringify(metrics.body)).toContain('1.7e+308');
    },
  },
  {
    name: 'clients: metric named __proto__',
    method: 'post',
    path: '/clients/:clientId/metrics',
    as: 'manager',
    body: { metric: '__proto__', value: 1 },
    expect: { status: 400, message: /metric: must be a metric name/, field: 'metric' },
  },
  {
    name: "clients: another agency's client",
    method: 'patch',
    path: '/clients/:betaClientId',
    as: 'manager',
    body: { name: 'Hijacked' },
    expect: { status: 404, message: /Client not found/ },
  },

  // ── events ───────────────────────────────────────────────────────────────────────────────────
  {
    name: 'events: a non-uuid clientId',
    method: 'post',
    path: '/events',
    as: 'apiKey',
    body: { type: 'client.activity', clientId: '../admin', data: {} },
    expect: { status: 400, message: /clientId/, field: 'clientId' },
  },
  {
    name: 'events: kpi value NaN',
    method: 'post',
    path: '/events',
    as: 'apiKey',
    body: (f: Fixture) => ({ type: 'kpi.updated', clientId: f.clientId, data: { metric: 'roas', value: 'NaN' } }),
    expect: { status: 400, message: /data\.value/, field: 'data.value' },
  },
  {
    name: 'events: kpi value 1e309 in a batch',
    method: 'post',
    path: '/events',
    as: 'apiKey',
    raw: '{"events":[{"type":"kpi.updated","clientId":":clientId","data":{"metric":"roas","value":1e309}}]}',
    expect: { status: 400, message: /events\[0\]\.data\.value/, field: 'events[0].data.value' },
  },
  {
    name: 'events: agencyId smuggled into a batch event',
    method: 'post',
    path: '/events',
    as: 'apiKey',
    body: (f: Fixture) => ({
      events: [{ type: 'client.activity', clientId: f.clientId, data: {}, agencyId: f.beta.agencyId }],
    }),
    expect: { status: 400, message: /events\[0\]\.agencyId/, field: 'events[0].agencyId' },
  },
  {
    name: 'events: __proto__ in event data',
    method: 'post',
    path: '/events',
    as: 'apiKey',
    raw: '{"type":"client.activity","clientId":":clientId","data":{"__proto__":{"polluted":true}}}',
    expect: { status: 400, message: /__proto__/, field: 'data.__proto__' },
  },
  {
    name: 'events: occurredAt NaN',
    method: 'post',
    path: '/events',
    as: 'apiKey',
    body: (f: Fixture) => ({ type: 'client.activity', clientId: f.clientId, occurredAt: 'NaN', data: {} }),
    expect: { status: 400, message: /occurredAt/, field: 'occurredAt' },
  },
  {
    name: 'events: a 1 MiB idempotency key',
    method: 'post',
    path: '/events',
    as: 'apiKey',
    body: (f: Fixture) => ({ type: 'client.activity', clientId: f.clientId, idempotencyKey: ONE_MIB_STRING, data: {} }),
    expect: { status: 413, message: /too large/ },
  },
  {
    name: 'events: template payload and CR/LF in a message are stored as data',
    method: 'post',
    path: '/events',
    as: 'apiKey',
    body: (f: Fixture) => ({
      type: 'message.received',
      clientId: f.clientId,
      data: { platform: 'gmail', from: 'ceo@acme.test', subject: 'Hi\r\nBcc: victim@x.test', body: TEMPLATE_INJECTION },
    }),
    expect: { status: 202 },
    inert: async (response, f) => {
      const event = await f.api
        .http()
        .get(`/api/v1/events/${response.body.id}`)
        .set(bearer(f.alpha.tokens.viewer))
        .expect(200);
      expect(event.body.data).toEqual({
        platform: 'gmail',
        from: 'ceo@acme.test',
        subject: 'Hi\r\nBcc: victim@x.test',
        body: TEMPLATE_INJECTION,
      });
    },
  },

  // ── records ──────────────────────────────────────────────────────────────────────────────────
  {
    name: 'records: tasks by a non-uuid clientId',
    method: 'get',
    path: '/tasks?clientId=1%27%20OR%201%3D1',
    as: 'viewer',
    expect: { status: 400, message: /clientId/, field: 'clientId' },
  },
  {
    name: 'records: notifications with a huge pageSize',
    method: 'get',
    path: '/notifications?pageSize=1000000000',
    as: 'viewer',
    expect: { status: 400, message: /pageSize/, field: 'pageSize' },
  },
  {
    name: 'records: alerts filtered by an unknown field',
    method: 'get',
    path: '/alerts?agencyId=x',
    as: 'viewer',
    expect: { status: 400, message: /agencyId/, field: 'agencyId' },
  },

  // ── integrations ─────────────────────────────────────────────────────────────────────────────
  {
    name: 'integrations: CR/LF in a Slack bot token',
    method: 'put',
    path: '/integrations/slack',
    as: 'admin',
    body: { botToken: 'xoxb-12345678\r\nX-Injected: 1' },
    expect: { status: 400, message: /botToken/, field: 'botToken' },
  },
  {
    name: 'integrations: CR/LF in the email sender name',
    method: 'put',
    path: '/integrations/email',
    as: 'admin',
    body: { fromAddress: 'robot@alpha.test', fromName: 'Robot\r\nBcc: victim@x.test' },
    expect: { status: 400, message: /fromName: must be a single line/, field: 'fromName' },
  },
  {
    name: 'integrations: javascript: URL as OpenAI base URL',
    method: 'put',
    path: '/integrations/openai',
    as: 'admin',
    body: { apiKey: 'sk-abcdefgh12345', baseUrl: 'javascript:alert(1)' },
    expect: { status: 400, message: /baseUrl/, field: 'baseUrl' },
  },
  {
    name: 'integrations: agencyId on a PUT',
    method: 'put',
    path: '/integrations/slack',
    as: 'admin',
    body: (f: Fixture) => ({ defaultChannel: 'C0123ABCD', agencyId: f.beta.agencyId }),
    expect: { status: 400, message: /agencyId/, field: 'agencyId' },
  },
  {
    name: 'integrations: a manager writing the Slack token',
    method: 'put',
    path: '/integrations/slack',
    as: 'manager',
    body: { botToken: 'xoxb-12345678-manager' },
    expect: { status: 403, message: /requires the admin role/ },
  },
  {
    name: 'integrations: kind __proto__',
    method: 'get',
    path: '/integrations/__proto__',
    as: 'manager',
    expect: { status: 404, message: /Integration not found/ },
  },

  // ── agency settings ──────────────────────────────────────────────────────────────────────────
  {
    name: 'agency: quota 1e308',
    method: 'patch',
    path: '/agency',
    as: 'admin',
    body: { settings: { maxRunsPerMinute: 1e308 } },
    expect: { status: 400, message: /settings\.maxRunsPerMinute/, field: 'settings.maxRunsPerMinute' },
  },
  {
    name: 'agency: quota NaN',
    method: 'patch',
    path: '/agency',
    as: 'admin',
    body: { settings: { maxRunsPerMinute: 'NaN' } },
    expect: { status: 400, message: /settings\.maxRunsPerMinute/, field: 'settings.maxRunsPerMinute' },
  },
  {
    name: 'agency: __proto__ in settings',
    method: 'patch',
    path: '/agency',
    as: 'admin',
    raw: '{"settings":{"__proto__":{"maxRunsPerMinute":1}}}',
    expect: { status: 400, message: /__proto__/, field: 'settings.__proto__' },
  },
  {
    name: 'agency: id mass assignment',
    method: 'patch',
    path: '/agency',
    as: 'admin',
    body: (f: Fixture) => ({ id: f.beta.agencyId, name: 'Taken over' }),
    expect: { status: 400, message: /unknown field/, field: 'id' },
  },
  {
    name: 'agency: a path as time zone',
    method: 'patch',
    path: '/agency',
    as: 'admin',
    body: { timezone: '../../etc/passwd' },
    expect: { status: 400, message: /timezone/, field: 'timezone' },
  },
  {
    name: 'agency: a manager changing quotas',
    method: 'patch',
    path: '/agency',
    as: 'manager',
    body: { settings: { maxRunsPerMinute: 10000 } },
    expect: { status: 403, message: /requires the admin role/ },
  },

  // ── runs and approvals ───────────────────────────────────────────────────────────────────────
  {
    name: 'runs: retry a non-uuid run id',
    method: 'post',
    path: '/workflows/runs/not-a-run/retry',
    as: 'manager',
    expect: { status: 400, message: /runId: must be a UUID/, field: 'runId' },
  },
  {
    name: "runs: retry another agency's run",
    method: 'post',
    path: '/workflows/runs/:betaRunId/retry',
    as: 'manager',
    expect: { status: 404, message: /Run not found/ },
  },
  {
    name: 'runs: retry does not take a status from the body',
    method: 'post',
    path: '/workflows/runs/:failedRunId/retry',
    as: 'manager',
    body: { status: 'completed' },
    expect: { status: 400, message: /status: unknown field/, field: 'status' },
    inert: async (_response, f) => {
      const run = await f.api.dataSource.getRepository(WorkflowRunEntity).findOneByOrFail({ id: f.failedRunId });
      expect(run.status).toBe('failed');
    },
  },
  {
    name: 'runs: list with status NaN',
    method: 'get',
    path: '/workflows/runs?status=NaN',
    as: 'viewer',
    expect: { status: 400, message: /status/, field: 'status' },
  },
  {
    name: 'runs: list from year 0',
    method: 'get',
    path: '/workflows/runs?from=0000-01-01T00:00:00Z',
    as: 'viewer',
    expect: { status: 400, message: /from/, field: 'from' },
  },
  {
    name: 'approvals: a manager approving',
    method: 'post',
    path: '/workflows/runs/:approvalRunId/approve',
    as: 'manager',
    expect: { status: 403, message: /requires the admin role/ },
  },
  {
    name: 'approvals: reject cannot set the approval status',
    method: 'post',
    path: '/workflows/runs/:approvalRunId/reject',
    as: 'admin',
    body: { reason: 'no', status: 'approved' },
    expect: { status: 400, message: /status/, field: 'status' },
    inert: async (_response, f) => {
      const approval = await f.api.dataSource.getRepository(ApprovalEntity).findOneByOrFail({ id: f.approvalId });
      expect(approval.status).toBe('pending');
    },
  },
  {
    name: 'approvals: approve cannot pick its decider or status',
    method: 'post',
    path: '/workflows/runs/:approvalRunId/approve',
    as: 'admin',
    body: (f: Fixture) => ({ status: 'rejected', decidedBy: f.beta.adminUserId }),
    expect: { status: 400, message: /status: unknown field/, field: 'decidedBy' },
    inert: async (_response, f) => {
      const approval = await f.api.dataSource.getRepository(ApprovalEntity).findOneByOrFail({ id: f.approvalId });
      expect(approval).toMatchObject({ status: 'pending', decidedByUserId: null });
    },
  },
  {
    name: 'approvals: a 1 MiB rejection reason',
    method: 'post',
    path: '/workflows/runs/:approvalRunId/reject',
    as: 'admin',
    body: { reason: ONE_MIB_STRING },
    expect: { status: 413, message: /too large/ },
  },
  {
    name: 'approvals: a rejection reason of almost 1 MiB',
    method: 'post',
    path: '/workflows/runs/:approvalRunId/reject',
    as: 'admin',
    body: { reason: NEAR_MIB_STRING },
    expect: { status: 400, message: /reason/, field: 'reason' },
  },
];

describe('bad input across the API: refused with a 4xx that says why, or stored inert', () => {
  let f: Fixture;

  beforeAll(async () => {
    const api = await startTestApi();
    const alpha = await api.createAgency('Alpha Bad Input');
    const beta = await api.createAgency('Beta Bad Input');
    const http = api.http;
    const workflowId = (
      await http()
        .post('/api/v1/workflows')
        .set(bearer(alpha.tokens.manager))
        .send(
          minimalWorkflow('Kickoff', [
            { id: 'alert', type: 'add_alert', config: { title: 'Kickoff {{client.name}}', severity: 'info' } },
            {
              id: 'ping',
              type: 'send_notification',
              config: { channel: 'slack', recipients: ['C0123ABCD'], message: 'Hello {{client.name}}' },
            },
          ]),
        )
        .expect(201)
    ).body.id;
    const clientId = (await createClient(api, alpha.tokens.manager, { name: 'Acme', stage: 'lead' })).id;
    const betaClientId = (await createClient(api, beta.tokens.manager, { name: 'Beta Co', stage: 'lead' })).id;

    const seeder = new RunSeeder(api, alpha.agencyId);
    const failedRun = await seeder.run({
      workflowId,
      clientId,
      status: 'failed',
      error: { stepId: 'alert', code: 'x', message: 'boom' },
    });
    await seeder.step(failedRun.id, { stepId: 'alert', type: 'add_alert', status: 'failed' });
    const parked = await seeder.awaitingApproval(workflowId, clientId, 'alert', 'add_alert');
    const betaWorkflowId = (
      await http()
        .post('/api/v1/workflows')
        .set(bearer(beta.tokens.manager))
        .send(minimalWorkflow('Beta flow'))
        .expect(201)
    ).body.id;
    const betaRun = await new RunSeeder(api, beta.agencyId).run({
      workflowId: betaWorkflowId,
      clientId: betaClientId,
      status: 'failed',
    });
    const apiKeyId = (
      await http()
        .post('/api/v1/api-keys')
        .set(bearer(alpha.tokens.admin))
        .send({ name: 'probe', role: 'viewer' })
        .expect(201)
    ).body.id;

    // A user who logs in, then is deactivated: their token is stale.
    const leaver = (
      await http()
        .post('/api/v1/users')
        .set(bearer(alpha.tokens.admin))
        .send({ email: 'leaver@alpha-bad.test', name: 'Leaver', role: 'manager', password: 'long enough password' })
        .expect(201)
    ).body;
    const leaverToken = (
      await http()
        .post('/api/v1/auth/login')
        .send({ email: 'leaver@alpha-bad.test', password: 'long enough password' })
        .expect(200)
    ).body.accessToken;
    await http()
      .patch(`/api/v1/users/${leaver.id}`)
      .set(bearer(alpha.tokens.admin))
      .send({ active: false })
      .expect(200);

    const now = Math.floor(Date.now() / 1000);
    const secret = api.config.jwtSecret;
    f = {
      api,
      alpha,
      beta,
      workflowId,
      clientId,
      betaClientId,
      failedRunId: failedRun.id,
      approvalRunId: parked.run.id,
      approvalId: parked.approval.id,
      betaRunId: betaRun.id,
      apiKeyId,
      tokens: {
        admin: alpha.tokens.admin,
        manager: alpha.tokens.manager,
        viewer: alpha.tokens.viewer,
        apiKey: alpha.apiKey,
        otherAdmin: beta.tokens.admin,
        none: null,
        jwtAlgNone: `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: alpha.userIds.admin, agencyId: alpha.agencyId, iat: now })}.`,
        jwtExpired: signJwt(
          { sub: alpha.userIds.admin, agencyId: alpha.agencyId, iat: now - 7200, exp: now - 3600 },
          secret,
        ),
        jwtDeactivatedUser: leaverToken,
        jwtUnknownUser: signJwt({ sub: randomUUID(), agencyId: alpha.agencyId, iat: now, exp: now + 600 }, secret),
        jwtNonUuidSubject: signJwt({ sub: "' OR 1=1 --", agencyId: alpha.agencyId, iat: now, exp: now + 600 }, secret),
        jwtClaimsAdminRole: signJwt(
          { sub: alpha.userIds.viewer, agencyId: alpha.agencyId, role: 'admin', iat: now, exp: now + 600 },
          secret,
        ),
      },
    };
  });
  afterAll(() => f?.api.close());

  function resolvePath(path: string): string {
    return path
      .replace(':workflowId', f.workflowId)
      .replace(':betaClientId', f.betaClientId)
      .replace(':clientId', f.clientId)
      .replace(':failedRunId', f.failedRunId)
      .replace(':approvalRunId', f.approvalRunId)
      .replace(':betaRunId', f.betaRunId)
      .replace(':managerId', f.alpha.userIds.manager)
      .replace(':apiKeyId', f.apiKeyId);
  }

  async function send(row: Row): Promise<Response> {
    let request = f.api.http()[row.method](`/api/v1${resolvePath(row.path)}`);
    const token = f.tokens[row.as];
    if (token) request = request.set(bearer(token));
    if (row.raw !== undefined) return request.set('Content-Type', 'application/json').send(resolvePath(row.raw));
    if (row.body !== undefined)
      return request.send((typeof row.body === 'function' ? row.body(f) : row.body) as object);
    return request;
  }

  it('covers at least 40 cases', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(new Set(rows.map((row) => row.name)).size).toBe(rows.length);
  });

  it.each(rows.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    const response = await send(row);
    const summary = { status: response.status, body: response.body };
    if (isRefusal(row.expect)) {
      expect(summary).toMatchObject({ status: row.expect.status, body: { statusCode: row.expect.status } });
      expect(response.body.message).toMatch(row.expect.message);
      if (row.expect.field)
        expect(response.body.details?.map((d: { path: string }) => d.path)).toContain(row.expect.field);
    } else {
      expect(summary).toMatchObject({ status: row.expect.status });
    }
    await row.inert?.(response, f);
    // Nothing any row sent may have reached Object.prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });
});
