import { bearer, TestAgency, TestApi, startTestApiWithTwoAgencies } from './support/test-api';
import { minimalWorkflow } from './support/workflow-fixtures';

type Method = 'get' | 'post' | 'patch' | 'delete';

describe('tenancy and roles', () => {
  let api: TestApi;
  let owner: TestAgency;
  let intruder: TestAgency;
  let workflowId: string;
  let apiKeyId: string;

  beforeAll(async () => {
    ({ api, alpha: owner, beta: intruder } = await startTestApiWithTwoAgencies(['Owner Agency', 'Intruder Agency']));
    workflowId = (
      await api
        .http()
        .post('/api/v1/workflows')
        .set(bearer(owner.tokens.manager))
        .send(minimalWorkflow('Owned'))
        .expect(201)
    ).body.id;
    apiKeyId = (
      await api
        .http()
        .post('/api/v1/api-keys')
        .set(bearer(owner.tokens.admin))
        .send({ name: 'owned key', role: 'viewer' })
        .expect(201)
    ).body.id;
  });
  afterAll(() => api.close());

  const call = (method: Method, path: string, token: string, body?: object) => {
    const req = api.http()[method](path).set(bearer(token));
    return body ? req.send(body) : req;
  };

  it('answers 404 for every id of another agency, and changes nothing', async () => {
    const probes: [Method, string, object?][] = [
      ['get', `/api/v1/workflows/${workflowId}`],
      ['patch', `/api/v1/workflows/${workflowId}`, { name: 'Hijacked' }],
      ['patch', `/api/v1/workflows/${workflowId}/toggle`, { isActive: false }],
      ['get', `/api/v1/workflows/${workflowId}/versions`],
      ['get', `/api/v1/workflows/${workflowId}/versions/1`],
      ['delete', `/api/v1/workflows/${workflowId}`],
      ['get', `/api/v1/users/${owner.userIds.manager}`],
      ['patch', `/api/v1/users/${owner.userIds.manager}`, { role: 'viewer' }],
      ['delete', `/api/v1/api-keys/${apiKeyId}`],
    ];
    for (const [method, path, body] of probes) {
      for (const token of [intruder.tokens.admin, intruder.apiKey]) {
        const response = await call(method, path, token, body);
        expect([method, path, response.status]).toEqual([method, path, 404]);
      }
    }
    const workflow = await call('get', `/api/v1/workflows/${workflowId}`, owner.tokens.viewer).expect(200);
    expect(workflow.body).toMatchObject({ name: 'Owned', isActive: true, version: 1 });
    const manager = await call('get', `/api/v1/users/${owner.userIds.manager}`, owner.tokens.admin).expect(200);
    expect(manager.body.role).toBe('manager');
    const keys = await call('get', '/api/v1/api-keys', owner.tokens.admin).expect(200);
    expect(keys.body.items.find((k: { id: string }) => k.id === apiKeyId).revokedAt).toBeNull();
  });

  it("never lists another agency's rows", async () => {
    const lists = ['/api/v1/workflows', '/api/v1/users', '/api/v1/api-keys', '/api/v1/audit'];
    for (const path of lists) {
      const response = await call('get', path, intruder.tokens.admin).expect(200);
      const text = JSON.stringify(response.body);
      expect(text).not.toContain(workflowId);
      expect(text).not.toContain(owner.userIds.manager);
      expect(text).not.toContain(apiKeyId);
    }
  });

  it('ignores an agencyId smuggled into a body or query: the credential decides', async () => {
    await call('post', '/api/v1/workflows', intruder.tokens.manager, {
      ...minimalWorkflow('Smuggled'),
      agencyId: owner.agencyId,
    }).expect(400);
    await call('get', `/api/v1/workflows?agencyId=${owner.agencyId}`, intruder.tokens.manager).expect(400);
  });

  /** [role, method, path, body, allowed] — every write of this module checked against each role. */
  it.each([
    ['viewer', 'get', '/api/v1/workflows', undefined, true],
    ['viewer', 'post', '/api/v1/workflows', minimalWorkflow('By viewer'), false],
    ['manager', 'post', '/api/v1/workflows', minimalWorkflow('By manager'), true],
    ['viewer', 'patch', 'WORKFLOW', { name: 'Renamed by viewer' }, false],
    ['manager', 'patch', 'WORKFLOW', { name: 'Renamed by manager' }, true],
    ['viewer', 'patch', 'WORKFLOW/toggle', {}, false],
    ['manager', 'patch', 'WORKFLOW/toggle', {}, true],
    ['viewer', 'delete', 'WORKFLOW', undefined, false],
    ['viewer', 'get', '/api/v1/users', undefined, true],
    [
      'manager',
      'post',
      '/api/v1/users',
      { email: 'm-made@roles.test', name: 'X', role: 'viewer', password: 'long enough password' },
      false,
    ],
    [
      'admin',
      'post',
      '/api/v1/users',
      { email: 'a-made@roles.test', name: 'X', role: 'viewer', password: 'long enough password' },
      true,
    ],
    ['manager', 'patch', `/api/v1/users/VIEWER`, { name: 'Renamed' }, false],
    ['viewer', 'get', '/api/v1/api-keys', undefined, false],
    ['manager', 'get', '/api/v1/api-keys', undefined, false],
    ['manager', 'post', '/api/v1/api-keys', { name: 'k', role: 'viewer' }, false],
    ['admin', 'post', '/api/v1/api-keys', { name: 'k', role: 'viewer' }, true],
    ['viewer', 'get', '/api/v1/audit', undefined, true],
  ] as [keyof TestAgency['tokens'], Method, string, object | undefined, boolean][])(
    '%s %s %s %j → allowed: %s',
    async (role, method, rawPath, body, allowed) => {
      const path = rawPath
        .replace('WORKFLOW', `/api/v1/workflows/${workflowId}`)
        .replace('VIEWER', owner.userIds.viewer);
      const response = await call(method, path, owner.tokens[role], body);
      if (allowed) {
        expect(response.status).toBeLessThan(300);
      } else {
        expect(response.status).toBe(403);
        expect(response.body.message).toMatch(/requires the (manager|admin) role/);
      }
    },
  );

  it('lets the role of an API key decide what it can do', async () => {
    const managerKey = (
      await call('post', '/api/v1/api-keys', owner.tokens.admin, { name: 'integrator', role: 'manager' }).expect(201)
    ).body.key;
    await call('post', '/api/v1/workflows', managerKey, minimalWorkflow('By integrator key')).expect(201);
    await call('get', '/api/v1/api-keys', managerKey).expect(403);
  });
});
