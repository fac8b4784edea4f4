import type { WorkflowDetailDto } from '../workflows/workflow.dto';

/**
 * The definition a template or an exported file starts from: what the automation does, without whether it is on (a
 * copy starts off), and the description only when it has one.
 */
export function shareableDefinition(workflow: WorkflowDetailDto): Record<string, unknown> {
  const definition: Record<string, unknown> = {
    name: workflow.name,
    requiresApproval: workflow.requiresApproval,
    triggers: workflow.triggers,
    steps: workflow.steps,
  };
  if (workflow.description) definition.description = workflow.description;
  return definition;
}
