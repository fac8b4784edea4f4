import type { WorkflowDetail } from '../../api/types';
import { draftFromWorkflow } from '../builder/draftConversion';
import type { Draft } from '../builder/draft';

/**
 * The builder's draft of a template's (filled or display) definition. `draftFromWorkflow` reads only the
 * definition's own fields (name, description, approval, triggers, steps), which a template definition has.
 */
export function draftFromDefinition(definition: Record<string, unknown>): Draft {
  const draft = draftFromWorkflow({
    description: null,
    requiresApproval: false,
    triggers: [],
    steps: [],
    ...definition,
  } as unknown as WorkflowDetail);
  return { ...draft, name: typeof definition.name === 'string' ? definition.name : '', isActive: true };
}
