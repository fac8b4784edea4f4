import { bearer, startTestApi, TestAgency, TestApi } from './support/test-api';
import { minimalWorkflow } from './support/workflow-fixtures';

describe('HTTP conventions, OpenAPI, health and metrics', () => {
  let api: TestApi;
  let agency: TestAgency;

  beforeAll(async () => {
    api = await startTestApi({ METRICS_TOKEN: 'conventions-metrics-token' });
    agency = await api.createAgency('Conventions Agency');
  });
  afterAll(() => api.close());

  it('publishes an OpenAPI document with every endpoint, schemas and examples', async () => {
    const response = await api.http().get('/api/openapi.json').expect(200);
    const spec = response.body;
    const routes = Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const expected = [
      'POST /api/v1/auth/login',
      'GET /api/v1/auth/me',
      'GET /api/v1/workflows',
      'POST /api/v1/workflows',
      'GET /api/v1/workflows/{id}',
      'PATCH /api/v1/workflows/{id}',
      'DELETE /api/v1/workflows/{id}',
      'PATCH /api/v1/workflows/{id}/toggle',
      'GET /api/v1/workflows/triggers/types',
      'GET /api/v1/workflows/actions/types',
      'GET /api/v1/workflows/{id}/versions',
      'GET /api/v1/users',
      'POST /api/v1/users',
      'PATCH /api/v1/users/{id}',
      'GET /api/v1/api-keys',
      'POST /api/v1/api-keys',
      'DELETE /api/v1/api-keys/{id}',
      'GET /api/v1/audit',
    ];
    expect(routes).toEqual(expect.arrayContaining(expected));
    expect(spec.components.schemas.WorkflowDefinition).toMatchObject({ type: 'object' });
    const create = spec.paths['/api/v1/workflows'].post;
    expect(create.requestBody.content['application/json'].examples.onboarding.value).toMatchObject({
      name: 'Onboarding kickoff',
    });
    expect(spec.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });

    const docs = await api.http().get('/api/docs').redirects(1);
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger');
  });

  it('the OpenAPI example, sent as-is with curl-like JSON, creates an automation', async () => {
    const spec = (await api.http().get('/api/openapi.json').expect(200)).body;
    const example =
      spec.paths['/api/v1/workflows'].post.requestBody.content['application/json'].examples.onboarding.value;
    const created = await api
      .http()
      .post('/api/v1/workflows')
      .set(bearer(agency.apiKey))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(example))
      .expect(201);
    const list = await api.http().get('/api/v1/workflows').set(bearer(agency.apiKey)).expect(200);
    expect(list.body.items.map((w: { id: string }) => w.id)).toContain(created.body.id);
  });

  it('answers errors as {statusCode, error, message, details}', async () => {
    const notFound = await api
      .http()
      .get('/api/v1/workflows/6a0f3f4e-0000-4000-8000-000000000000')
      .set(bearer(agency.tokens.viewer))
      .expect(404);
    expect(notFound.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Workflow not found' });
    const unknownRoute = await api.http().get('/api/v1/nothing-here').set(bearer(agency.tokens.viewer)).expect(404);
    expect(unknownRoute.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    const malformed = await api
      .http()
      .post('/api/v1/workflows')
      .set(bearer(agency.tokens.manager))
      .set('Content-Type', 'application/json')
      .send('{"name": ')
      .expect(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('rejects unknown fields on DTO bodies with the field path', async () => {
    const response = await api
      .http()
      .post('/api/v1/api-keys')
      .set(bearer(agency.tokens.admin))
      .send({ name: 'k', role: 'viewer', agencyId: agency.agencyId })
      .expect(400);
    expect(response.body.details).toEqual([expect.objectContaining({ path: 'agencyId' })]);
  });

  it('refuses bodies over 1 MiB with 413 and accepts one just under', async () => {
    const huge = minimalWorkflow('Huge');
    (huge as { description: string }).description = 'x'.repeat(1024 * 1024);
    const response = await api
      .http()
      .post('/api/v1/workflows')
      .set(bearer(agency.tokens.manager))
      .send(huge)
      .expect(413);
    expect(response.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
    const large = { ...minimalWorkflow('Large'), description: 'y'.repeat(1900) };
    await api.http().post('/api/v1/workflows').set(bearer(agency.tokens.manager)).send(large).expect(201);
  });

  it('serves liveness and readiness (Postgres and Redis) without auth, and Prometheus metrics to METRICS_TOKEN', async () => {
    expect((await api.http().get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    expect((await api.http().get('/health/ready').expect(200)).body).toEqual({
      status: 'ok',
      checks: { postgres: 'up', redis: 'up' },
    });
    await api.http().get('/metrics').expect(401);
    const metrics = await api.http().get('/metrics').set(bearer('conventions-metrics-token')).expect(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.text).toContain('# HELP');
    expect(metrics.text).toMatch(
      /automations_http_request_duration_seconds_count\{method="GET",route="\/health\/live",status="200"\} 1/,
    );
  });
});
