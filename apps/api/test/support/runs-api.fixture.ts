import type { Test } from 'supertest';
import { ApprovalEntity, AuditEventEntity, RunStepEntity, WorkflowRunEntity } from '@automations/persistence';
import { dropRunQueue, RunSeeder } from './run.fixture';
import { bearer, TestAgency, TestApi, startTestApiWithTwoAgencies } from './test-api';
import { minimalWorkflow, onboardingWorkflow } from './workflow-fixtures';

/** The 409 message when an approve or reject finds the approval past its expiry. */
export const EXPIRED = 'The approval expired; the run was rejected (timeout)';
/** The 409 message when a run has no approval left to decide. */
export const NOT_PENDING = 'This run has no pending approval';

/** A workflow whose approval step comes first, so a rejection has later steps to cancel. */
export const approvalFirstWorkflow = () =>
  minimalWorkflow('Approval first', [
    {
      id: 'draft',
      type: 'draft_communication',
      requiresApproval: true,
      config: { platform: 'email', tone: 'friendly', template: 'Hello {{client.name}}' },
    },
    { id: 'task', type: 'create_task', config: { title: 'Follow up {{client.name}}', priority: 'medium' } },
    { id: 'alert', type: 'add_alert', config: { title: 'Drafted for {{client.name}}', severity: 'info' } },
  ]);

/**
 * The world the run API specs share: a test API with agencies `alpha` and `beta`, alpha's "Onboarding kickoff"
 * (version 1) and "Approval first" workflows and its client "Acme Dental", a seeder for alpha's runs, and request and
 * row helpers. Requests default to alpha's viewer.
 */
export interface RunsApi {
  api: TestApi;
  alpha: TestAgency;
  beta: TestAgency;
  seed: RunSeeder;
  onboardingId: string;
  /** The onboarding workflow's steps as created (version 1), before any test edits it. */
  onboardingV1Steps: unknown[];
  approvalFirstId: string;
  clientId: string;
  http: TestApi['http'];
  get(path: string, token?: string): Test;
  post(path: string, token: string, body?: object): Test;
  runRow(id: string): Promise<WorkflowRunEntity>;
  /** The run's step rows keyed by step id. */
  stepRows(runId: string): Promise<Record<string, RunStepEntity>>;
  approvalRow(id: string): Promise<ApprovalEntity>;
  auditOf(runId: string, eventType: string): Promise<AuditEventEntity[]>;
  createWorkflow(agency: TestAgency, body: Record<string, unknown>): Promise<{ id: string; steps: unknown[] }>;
}

/** Starts the API and seeds the shared world; stop it with `stopRunsApi`. */
export async function startRunsApi(): Promise<RunsApi> {
  const { api, alpha, beta } = await startTestApiWithTwoAgencies(['Alpha Runs', 'Beta Runs']);
  const http = () => api.http();
  const get = (path: string, token = alpha.tokens.viewer) => http().get(`/api/v1${path}`).set(bearer(token));
  const post = (path: string, token: string, body?: object) => {
    const request = http().post(`/api/v1${path}`).set(bearer(token));
    return body === undefined ? request : request.send(body);
  };
  const createWorkflow = async (
    agency: TestAgency,
    body: Record<string, unknown>,
  ): Promise<{ id: string; steps: unknown[] }> => {
    const response = await post('/workflows', agency.tokens.manager, body).expect(201);
    return response.body;
  };

  const seed = new RunSeeder(api, alpha.agencyId);
  const onboarding = await createWorkflow(alpha, onboardingWorkflow());
  const approvalFirstId = (await createWorkflow(alpha, approvalFirstWorkflow())).id;
  const clientId = (await seed.client('Acme Dental')).id;

  return {
    api,
    alpha,
    beta,
    seed,
    onboardingId: onboarding.id,
    onboardingV1Steps: onboarding.steps,
    approvalFirstId,
    clientId,
    http,
    get,
    post,
    createWorkflow,
    runRow: (id) => api.dataSource.getRepository(WorkflowRunEntity).findOneByOrFail({ id }),
    async stepRows(runId) {
      const rows = await api.dataSource.getRepository(RunStepEntity).findBy({ runId });
      return Object.fromEntries(rows.map((row) => [row.stepId, row]));
    },
    approvalRow: (id) => api.dataSource.getRepository(ApprovalEntity).findOneByOrFail({ id }),
    auditOf: async (runId, eventType) =>
      (await api.dataSource.getRepository(AuditEventEntity).findBy({ eventType })).filter(
        (event) => event.details.runId === runId,
      ),
  };
}

export async function stopRunsApi(api: TestApi): Promise<void> {
  await api.close();
  await dropRunQueue(api);
}
