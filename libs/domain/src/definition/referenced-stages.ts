import { getActionDescriptor } from '../actions/action-catalog';
import { pickedValues } from '../json-schema/picker-fields';
import { getTriggerDescriptor } from '../triggers/trigger-catalog';
import type { WorkflowDefinition } from '../types/workflow-definition.types';
import { isActionStep } from './step-guards';
import { walkSteps } from './step-walker';

export interface StageReference {
  /** Path in the definition, e.g. `triggers[0].config.toStage`, `steps[2].then[0].config.stage`. */
  path: string;
  stage: string;
}

/** A value holding a template (`{{trigger.toStage}}`) is only known at run time: it is not a stage reference. */
const isTemplated = (value: string) => value.includes('{{');

/**
 * Every pipeline stage the definition names (trigger configs, action configs: wherever a config schema
 * declares `x-picker: 'stage'`), in document order, so the API can check them against the agency's stages.
 */
export function collectStageReferences(definition: Pick<WorkflowDefinition, 'triggers' | 'steps'>): StageReference[] {
  const references: StageReference[] = [];
  definition.triggers.forEach((trigger, index) => {
    const descriptor = getTriggerDescriptor(trigger.type);
    if (!descriptor) return;
    for (const picked of pickedValues(descriptor.configSchema, trigger.config, 'stage')) {
      references.push({ path: `triggers[${index}].config.${picked.path}`, stage: picked.value });
    }
  });
  walkSteps(definition.steps, (step, visit) => {
    if (!isActionStep(step)) return;
    const descriptor = getActionDescriptor(step.type);
    if (!descriptor) return;
    for (const picked of pickedValues(descriptor.configSchema, step.config, 'stage')) {
      if (!isTemplated(picked.value))
        references.push({ path: `${visit.path}.config.${picked.path}`, stage: picked.value });
    }
  });
  return references;
}
