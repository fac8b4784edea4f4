import {
  planNextStep,
  renderStepConfig,
  walkSteps,
  type ActionStep,
  type Condition,
  type StepProgress,
  type WorkflowDefinition,
} from '@automations/domain';
import { conditionContextOf, templateContextOf, type ClientSnapshot } from '../context/client-snapshot';
import type { CommunicationDrafter } from '../integrations/communication-drafter';
import { TemplateDrafter } from '../integrations/template-drafter';
import { explainCondition } from './condition-explainer';
import type { DraftPreview, PreviewEvent, PreviewWarning, StepPreview, WorkflowPreview } from './preview.types';
import { describeAction, describeStep } from './step-description';
import { applyEvent, evaluateTriggers, type PreviewFacts } from './trigger-preview';

export interface SimulationInput {
  definition: WorkflowDefinition;
  workflowName: string;
  facts: PreviewFacts;
  event?: PreviewEvent;
  /** Drafts `draft_communication` steps instead of the template drafter (the caller asked for AI). */
  aiDrafter?: CommunicationDrafter;
  now: Date;
}

const templateDrafter = new TemplateDrafter();

const usesTimeFields = (condition: Condition) =>
  ('all' in condition ? condition.all : condition.any).some((rule) => rule.field.startsWith('time.'));
const TRIGGER_REFERENCE = /\{\{\s*trigger\.|"field":"trigger\./;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function draftPreview(
  step: ActionStep<'draft_communication'>,
  rendered: Record<string, unknown>,
  snapshot: ClientSnapshot,
  trigger: Record<string, unknown>,
  input: SimulationInput,
  path: string,
  warnings: PreviewWarning[],
): Promise<DraftPreview> {
  const client = snapshot.client;
  const common = {
    platform: step.config.platform,
    tone: step.config.tone,
    client: { name: client.name, stage: client.stage, health: client.health, assigneeName: client.assignee?.name },
    trigger,
    agencyName: snapshot.agency.name,
  };
  if (input.aiDrafter) {
    try {
      // As the action does: the model gets the instructions raw and the client's data as data.
      const draft = await input.aiDrafter.draft({ ...common, template: step.config.template });
      return { content: draft.content, generator: draft.generator, ...(draft.model ? { model: draft.model } : {}) };
    } catch (error) {
      // The drafter's errors are classified and never carry the API key.
      warnings.push({
        code: 'ai_draft_failed',
        path,
        message: `The AI draft failed (${errorMessage(error)}); showing the template draft instead`,
      });
    }
  }
  const draft = await templateDrafter.draft({ ...common, template: String(rendered.template) });
  return { content: draft.content, generator: draft.generator };
}

/**
 * Walks the workflow the way a run would (`planNextStep` over an in-memory progress map) for one
 * client snapshot and an optional event, and says what each step would do. Pure: it reads only its
 * input and writes nothing; every action "completes", delays and approvals are passed as if they
 * had elapsed or been granted, branches and step conditions are decided on the snapshot.
 */
export async function simulateWorkflow(input: SimulationInput): Promise<WorkflowPreview> {
  const { definition, workflowName, now } = input;
  const warnings: PreviewWarning[] = [];
  const applied = input.event ? applyEvent(input.facts, input.event, now) : { facts: input.facts, data: undefined };
  const facts = applied.facts;
  const snapshot = facts.snapshot;
  const evaluation = evaluateTriggers(
    definition.triggers,
    facts,
    input.event && applied.data ? { type: input.event.type, data: applied.data } : undefined,
    now,
  );

  if (definition.isActive === false)
    warnings.push({
      code: 'workflow_inactive',
      message: 'The workflow is disabled: it starts no runs until it is enabled',
    });
  if (!evaluation.trigger.fired) {
    warnings.push({
      code: 'trigger_not_fired',
      message: `The workflow would not start (${evaluation.trigger.reason}); the steps show what a run would do if it did`,
    });
  }
  if (
    !input.event &&
    evaluation.trigger.basis === 'state' &&
    TRIGGER_REFERENCE.test(JSON.stringify(definition.steps))
  ) {
    warnings.push({
      code: 'no_event',
      message:
        'No event given: trigger fields other than trigger.date are empty in templates and conditions; pass `event` to preview them',
    });
  }

  const paths = new Map<string, string>();
  walkSteps(definition.steps, (step, visit) => paths.set(step.id, visit.path));
  const templateContext = templateContextOf(snapshot, evaluation.fields, workflowName);
  const progress = new Map<string, StepProgress>();
  const steps: StepPreview[] = [];
  let clock = evaluation.startsAt;
  let approvalsPassed = 0;
  let emitsEvents = false;
  /** A step's condition explained at the current clock, warning when it reads time.* after an approval. */
  const explainStepCondition = (condition: Condition, path: string) => {
    if (approvalsPassed && usesTimeFields(condition))
      warnings.push({
        code: 'time_after_approval',
        path,
        message: 'This condition reads time.*: it is evaluated as if every earlier approval was granted at once',
      });
    return explainCondition(condition, conditionContextOf(snapshot, evaluation.fields, clock));
  };

  // Each iteration settles one step, so the walk ends within the number of steps.
  for (let guard = 0; guard <= paths.size; guard += 1) {
    const next = planNextStep(definition.steps, progress);
    if (next.kind === 'done') break;
    const step = next.step;
    const path = paths.get(step.id) ?? '';

    if (next.kind === 'branch') {
      const branch = next.step;
      const { holds, explanation } = explainStepCondition(branch.condition, path);
      const taken = holds ? 'then' : 'else';
      const inner = taken === 'then' ? branch.then : (branch.else ?? []);
      progress.set(branch.id, { status: 'completed', branch: taken });
      steps.push({
        stepId: branch.id,
        type: 'branch',
        path,
        outcome: 'branch',
        branch: taken,
        reason: explanation,
        wouldDo: inner.length
          ? `Take the “${taken}” path (${inner.length} step${inner.length === 1 ? '' : 's'})`
          : `Take the “${taken}” path: nothing to do there, continue after the branch`,
      });
      continue;
    }

    const action = next.step;
    if (action.condition) {
      const { holds, explanation } = explainStepCondition(action.condition, path);
      if (!holds) {
        progress.set(action.id, { status: 'skipped' });
        steps.push({
          stepId: action.id,
          type: action.type,
          path,
          outcome: 'skipped',
          reason: explanation,
          wouldDo: `Skip this step: its condition is not met (${explanation})`,
        });
        continue;
      }
    }

    const waitMinutes = action.delayMinutes ?? 0;
    const awaitsApproval = Boolean(action.requiresApproval || definition.requiresApproval);
    clock = new Date(clock.getTime() + waitMinutes * 60_000);
    if (awaitsApproval) approvalsPassed += 1;
    const renderedConfig = renderStepConfig(action, templateContext);
    const preview: StepPreview = {
      stepId: action.id,
      type: action.type,
      path,
      outcome: waitMinutes > 0 ? 'wait' : awaitsApproval ? 'await_approval' : 'execute',
      ...(waitMinutes > 0 ? { waitMinutes } : {}),
      awaitsApproval,
      renderedConfig,
      wouldDo: describeStep(
        describeAction(action, templateContext, snapshot, workflowName),
        waitMinutes,
        awaitsApproval,
      ),
    };
    if (action.type === 'draft_communication')
      preview.draftPreview = await draftPreview(
        action,
        renderedConfig,
        snapshot,
        evaluation.fields,
        input,
        path,
        warnings,
      );
    if (
      action.type === 'create_ticket' ||
      (action.type === 'update_client' &&
        renderedConfig.stage !== undefined &&
        renderedConfig.stage !== snapshot.client.stage)
    )
      emitsEvents = true;
    steps.push(preview);
    progress.set(action.id, { status: 'completed' });
  }

  if (emitsEvents)
    warnings.push({
      code: 'emits_events',
      message:
        'Some steps emit events (ticket.created, client.stage_changed) that may start other workflows; the preview does not follow them',
    });
  const client = snapshot.client;
  return {
    client: {
      id: facts.sample ? null : client.id,
      name: client.name,
      stage: client.stage,
      health: client.health,
      sample: facts.sample,
    },
    trigger: evaluation.trigger,
    steps,
    warnings,
  };
}
