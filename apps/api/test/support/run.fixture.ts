import { Queue } from 'bullmq';
import type { RunStatus, StepStatus } from '@automations/domain';
import { bullConnectionOptions } from '@automations/engine';
import {
  ApprovalEntity,
  ApprovalStatus,
  ClientEntity,
  RunStepEntity,
  WorkflowRunEntity,
} from '@automations/persistence';
import type { TestApi } from './test-api';

/**
 * Runs, steps and approvals written straight into the database, in the states the engine leaves
 * them, so the run API can be tested without a worker.
 */
export class RunSeeder {
  constructor(
    private readonly api: TestApi,
    private readonly agencyId: string,
  ) {}

  async client(name: string): Promise<ClientEntity> {
    return this.api.dataSource
      .getRepository(ClientEntity)
      .save({ agencyId: this.agencyId, name, stage: 'onboarding', health: 'green', lastActivityAt: new Date() });
  }

  async run(
    values: { workflowId: string; clientId: string; status: RunStatus } & Partial<WorkflowRunEntity>,
  ): Promise<WorkflowRunEntity> {
    const terminal = ['completed', 'failed', 'skipped', 'cancelled', 'rejected'].includes(values.status);
    const startedAt = values.startedAt ?? new Date();
    return this.api.dataSource.getRepository(WorkflowRunEntity).save({
      agencyId: this.agencyId,
      workflowVersion: 1,
      mode: 'live',
      attempt: 1,
      leaseToken: '0',
      reason: null,
      error: null,
      triggerEvent: {
        eventId: null,
        type: 'client.stage_changed',
        data: { from: 'lead', to: 'onboarding' },
        occurredAt: startedAt.toISOString(),
      },
      clientSnapshot: {
        client: { id: values.clientId, name: 'Snapshot name', stage: 'onboarding', health: 'green' },
        metrics: { roas: 1.5 },
      },
      startedAt,
      finishedAt: terminal ? new Date(startedAt.getTime() + 1000) : null,
      ...values,
    });
  }

  async step(
    runId: string,
    values: { stepId: string; type: string; status: StepStatus } & Partial<RunStepEntity>,
  ): Promise<RunStepEntity> {
    // createdAt is a CreateDateColumn: a given value is kept on insert (tests set it to order the story).
    return this.api.dataSource.getRepository(RunStepEntity).save({
      agencyId: this.agencyId,
      runId,
      attempts: values.status === 'pending' ? 0 : 1,
      input: null,
      output: null,
      error: null,
      scheduledFor: null,
      startedAt: null,
      finishedAt: null,
      ...values,
    });
  }

  async approval(
    runId: string,
    values: { stepId: string; actionType: string; status?: ApprovalStatus } & Partial<ApprovalEntity>,
  ): Promise<ApprovalEntity> {
    return this.api.dataSource.getRepository(ApprovalEntity).save({
      agencyId: this.agencyId,
      runId,
      status: 'pending',
      renderedConfig: { platform: 'email', tone: 'friendly', template: 'Welcome' },
      expiresAt: new Date(Date.now() + 24 * 3600 * 1000),
      ...values,
    });
  }

  /** A run parked on an approval of `stepId` (its step row awaiting approval, the approval pending). */
  async awaitingApproval(
    workflowId: string,
    clientId: string,
    stepId: string,
    actionType: string,
    approval: Partial<ApprovalEntity> = {},
  ) {
    const run = await this.run({ workflowId, clientId, status: 'awaiting_approval' });
    await this.step(run.id, {
      stepId,
      type: actionType,
      status: 'awaiting_approval',
      input: { platform: 'email' },
      startedAt: new Date(),
    });
    const pending = await this.approval(run.id, { stepId, actionType, ...approval });
    return { run, approval: pending };
  }
}

/** Run ids of the jobs waiting in the test API's `runs` queue. */
export async function queuedRunJobs(api: TestApi): Promise<string[]> {
  const queue = new Queue('runs', {
    connection: bullConnectionOptions(api.config.redisUrl),
    prefix: api.config.queuePrefix,
  });
  try {
    const jobs = await queue.getJobs(['waiting', 'delayed']);
    return jobs.map((job) => (job.data as { runId: string }).runId);
  } finally {
    await queue.close();
  }
}

/** Removes the test API's queues from Redis (its prefix is unique to the test file). */
export async function dropRunQueue(api: TestApi): Promise<void> {
  const queue = new Queue('runs', {
    connection: bullConnectionOptions(api.config.redisUrl),
    prefix: api.config.queuePrefix,
  });
  try {
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
  }
}
