import type { EntityManager } from 'typeorm';
import type { WorkflowDefinition } from '@automations/domain';
import {
  openDefinition,
  RunStepEntity,
  type SecretBox,
  WorkflowRunEntity,
  WorkflowVersionEntity,
} from '@automations/persistence';
import type { StepProgress } from '@automations/domain';

/**
 * The definition a run executes: the workflow version recorded when the run was triggered. Sensitive config
 * values (email recipients) are stored sealed; with `box` they are opened (the executor sends to them), without
 * it they stay sealed (enough for callers that only need the step tree).
 */
export async function loadRunDefinition(
  manager: EntityManager,
  run: Pick<WorkflowRunEntity, 'workflowId' | 'workflowVersion'>,
  box?: SecretBox,
): Promise<WorkflowDefinition> {
  const version = await manager
    .getRepository(WorkflowVersionEntity)
    .findOneOrFail({ where: { workflowId: run.workflowId, version: run.workflowVersion } });
  return box
    ? openDefinition(box, { agencyId: version.agencyId, workflowId: version.workflowId }, version.definition)
    : version.definition;
}

/** Step rows of a run, as the planner reads them. */
export async function loadRunProgress(
  manager: EntityManager,
  runId: string,
): Promise<{ rows: Map<string, RunStepEntity>; progress: Map<string, StepProgress> }> {
  const steps = await manager.getRepository(RunStepEntity).find({ where: { runId } });
  const rows = new Map(steps.map((step) => [step.stepId, step]));
  const progress = new Map<string, StepProgress>(
    steps.map((step) => [
      step.stepId,
      { status: step.status, branch: (step.output as { branch?: 'then' | 'else' } | null)?.branch },
    ]),
  );
  return { rows, progress };
}
