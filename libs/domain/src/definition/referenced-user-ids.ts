import { isUuid } from '../shared/patterns';
import type { WorkflowDefinition } from '../types/workflow-definition.types';
import { listActionSteps } from './step-walker';

/**
 * Ids of agency users the definition refers to (task assignees, `update_client.assigneeId`,
 * email recipients given as user ids), unique, in document order — so the API can check
 * that they belong to the agency.
 */
export function collectReferencedUserIds(definition: Pick<WorkflowDefinition, 'steps'>): string[] {
  const ids: string[] = [];
  for (const step of listActionSteps(definition.steps)) {
    switch (step.type) {
      case 'create_task':
        ids.push(step.config.assignee ?? '');
        break;
      case 'update_client':
        ids.push(step.config.assigneeId ?? '');
        break;
      case 'send_notification':
        if (step.config.channel === 'email') ids.push(...step.config.recipients);
        break;
      default:
        break;
    }
  }
  return [...new Set(ids.filter(isUuid))];
}
