import type { ActionExecution } from './action-executor';

type Execution = Pick<ActionExecution, 'agencyId' | 'clientId' | 'runId' | 'workflowId'> & { step: { id: string } };

/** The columns that tie a record an action writes to the step that wrote it (agency, client, run, automation, step). */
export function stepOrigin(execution: Execution) {
  return {
    agencyId: execution.agencyId,
    clientId: execution.clientId,
    runId: execution.runId,
    workflowId: execution.workflowId,
    stepId: execution.step.id,
  };
}
