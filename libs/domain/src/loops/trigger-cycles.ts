import { listActionSteps } from '../definition/step-walker';
import { TRIGGER_TYPE_OF_EVENT } from '../triggers/trigger-forms';
import type { ActionStep, Step, TriggerDefinition } from '../types/workflow-definition.types';

/**
 * Save-time loop warning (PRODUCT.md §5, issue 4): do an agency's workflows form a cycle of
 * "action type → event → trigger type"? Static and conservative: step conditions and branches are
 * ignored (any action step may run), templated values match anything, a stage_change trigger's
 * `fromStage` is ignored (the client's previous stage is unknown). A cycle here is a *possible*
 * loop; at run time the causation rules stop a real one.
 */

export interface LoopGraphWorkflow {
  id: string;
  name: string;
  triggers: readonly TriggerDefinition[];
  steps: readonly Step[];
}

/** One edge: a step of `from` emits an event that fires a trigger of `to`. */
export interface TriggerLink {
  fromWorkflowId: string;
  toWorkflowId: string;
  stepId: string;
  actionType: 'create_ticket' | 'update_client';
  eventType: 'ticket.created' | 'client.stage_changed';
  triggerType: TriggerDefinition['type'];
  /** e.g. `update_client sets stage "active"`. */
  action: string;
}

export interface TriggerCycle {
  /** The workflows of the cycle, closed: `[A, B, A]`; a self-loop is `[A, A]`. */
  workflowIds: string[];
  names: string[];
  links: TriggerLink[];
  /** `A → B → A: "A" (step open: create_ticket …) emits ticket.created, which fires "B"; …` */
  description: string;
}

/** What an action step emits, with `undefined` meaning "cannot tell statically" (templated). */
type Emission =
  | { eventType: 'client.stage_changed'; step: ActionStep; toStage: string | undefined }
  | { eventType: 'ticket.created'; step: ActionStep; category: string | undefined; priority: string | undefined };

const MAX_CYCLES = 10;

const literal = (value: unknown): string | undefined =>
  typeof value === 'string' && !value.includes('{{') ? value : undefined;

function emissionsOf(workflow: LoopGraphWorkflow): Emission[] {
  const emissions: Emission[] = [];
  for (const step of listActionSteps(workflow.steps)) {
    if (step.type === 'create_ticket') {
      emissions.push({
        eventType: 'ticket.created',
        step,
        category: literal(step.config.category),
        priority: literal(step.config.priority),
      });
    } else if (step.type === 'update_client' && step.config.stage !== undefined) {
      emissions.push({ eventType: 'client.stage_changed', step, toStage: literal(step.config.stage) });
    }
  }
  return emissions;
}

function fires(trigger: TriggerDefinition, emission: Emission): boolean {
  if (TRIGGER_TYPE_OF_EVENT[emission.eventType] !== trigger.type) return false;
  if (trigger.type === 'stage_change' && emission.eventType === 'client.stage_changed') {
    return emission.toStage === undefined || trigger.config.toStage === emission.toStage;
  }
  if (trigger.type === 'ticket_created' && emission.eventType === 'ticket.created') {
    const { category, priority } = trigger.config;
    return (
      (!category || emission.category === undefined || category === emission.category) &&
      (!priority || emission.priority === undefined || priority === emission.priority)
    );
  }
  return false;
}

function describeAction(emission: Emission): string {
  if (emission.eventType === 'client.stage_changed')
    return `update_client sets stage ${emission.toStage === undefined ? '(templated)' : `"${emission.toStage}"`}`;
  return `create_ticket${emission.category === undefined ? '' : ` in "${emission.category}"`}`;
}

/** Every "step of A fires a trigger of B" edge, one (the first) per ordered pair of workflows. */
export function findTriggerLinks(workflows: readonly LoopGraphWorkflow[]): TriggerLink[] {
  const links: TriggerLink[] = [];
  // A workflow with a scheduled trigger fires only on its schedule, never on events.
  const consumers = workflows.filter((workflow) => !workflow.triggers.some((trigger) => trigger.type === 'scheduled'));
  for (const from of workflows) {
    const emissions = emissionsOf(from);
    if (emissions.length === 0) continue;
    for (const to of consumers) {
      for (const emission of emissions) {
        const trigger = to.triggers.find((candidate) => fires(candidate, emission));
        if (!trigger) continue;
        links.push({
          fromWorkflowId: from.id,
          toWorkflowId: to.id,
          stepId: emission.step.id,
          actionType: emission.step.type as TriggerLink['actionType'],
          eventType: emission.eventType,
          triggerType: trigger.type,
          action: describeAction(emission),
        });
        break;
      }
    }
  }
  return links;
}

/**
 * Cycles of the trigger graph. With `throughId`, the cycles through that workflow (the one being
 * saved): for each workflow it fires, the shortest way back. Without, the same for every workflow,
 * each cycle reported once. At most 10 cycles.
 */
export function findTriggerCycles(workflows: readonly LoopGraphWorkflow[], throughId?: string): TriggerCycle[] {
  const byId = new Map(workflows.map((workflow) => [workflow.id, workflow]));
  const links = findTriggerLinks(workflows);
  const outgoing = new Map<string, TriggerLink[]>();
  for (const link of links) outgoing.set(link.fromWorkflowId, [...(outgoing.get(link.fromWorkflowId) ?? []), link]);

  /** Shortest path of links from `start` back to `target` (breadth-first). */
  const shortestPath = (start: string, target: string): TriggerLink[] | null => {
    const previous = new Map<string, TriggerLink | null>([[start, null]]);
    const queue = [start];
    while (queue.length) {
      const node = queue.shift()!;
      if (node === target) break;
      for (const link of outgoing.get(node) ?? []) {
        if (previous.has(link.toWorkflowId)) continue;
        previous.set(link.toWorkflowId, link);
        queue.push(link.toWorkflowId);
      }
    }
    if (!previous.has(target)) return null;
    const path: TriggerLink[] = [];
    for (let link = previous.get(target); link; link = previous.get(link.fromWorkflowId)) path.unshift(link);
    return path;
  };

  const cycles: TriggerCycle[] = [];
  const seen = new Set<string>();
  const starts = throughId === undefined ? workflows.map((workflow) => workflow.id) : [throughId];
  for (const start of starts) {
    for (const first of outgoing.get(start) ?? []) {
      if (cycles.length >= MAX_CYCLES) return cycles;
      const rest = first.toWorkflowId === start ? [] : shortestPath(first.toWorkflowId, start);
      if (!rest) continue;
      const cycleLinks = [first, ...rest];
      const ids = cycleLinks.map((link) => link.fromWorkflowId);
      const key = canonicalKey(ids);
      if (seen.has(key)) continue;
      seen.add(key);
      const closed = [...ids, start];
      const names = closed.map((id) => byId.get(id)?.name ?? id);
      const because = cycleLinks.map(
        (link) =>
          `"${byId.get(link.fromWorkflowId)?.name}" (step ${link.stepId}: ${link.action}) emits ${link.eventType}, which fires "${byId.get(link.toWorkflowId)?.name}"`,
      );
      cycles.push({
        workflowIds: closed,
        names,
        links: cycleLinks,
        description: `${names.join(' → ')}: ${because.join('; ')}`,
      });
    }
  }
  return cycles;
}

/** The same cycle seen from another of its workflows has the same key. */
function canonicalKey(ids: string[]): string {
  let best = ids;
  for (let shift = 1; shift < ids.length; shift += 1) {
    const rotated = [...ids.slice(shift), ...ids.slice(0, shift)];
    if (rotated.join('>') < best.join('>')) best = rotated;
  }
  return best.join('>');
}
