import {
  actionPhrase,
  conditionInWords,
  configHeadline,
  triggerEventWords,
  type TriggerLike,
} from '../../lib/automationWords';
import type { DraftStep } from '../builder/draft';

/**
 * An automation as a top-to-bottom diagram: its trigger(s) (two are joined by AND), then its
 * steps; an IF/ELSE branch opens THEN and ELSE columns side by side that merge again after it.
 * A pure function of the definition (the builder's draft, or a saved one through
 * `draftFromWorkflow`) and the catalogs' labels, so it is table-tested; the component only draws.
 */

export interface FlowLabels {
  triggers: { type: string; label: string }[];
  actions: { type: string; label: string }[];
}

export interface FlowInput {
  triggers: TriggerLike[];
  steps: DraftStep[];
  /** Workflow level: every action needs approval. */
  requiresApproval: boolean;
}

export type FlowNodeKind = 'trigger' | 'and' | 'action' | 'branch' | 'merge';
export type FlowMarkKind = 'delay' | 'approval' | 'condition' | 'continue';

export interface FlowMark {
  kind: FlowMarkKind;
  text: string;
}

export interface FlowNodeData extends Record<string, unknown> {
  kind: FlowNodeKind;
  /** The catalog's label ("Create a task"), "IF", "AND"; '' for a merge point. */
  title: string;
  /** The step's own title, the trigger or the condition in words. */
  detail?: string;
  /** The trigger or action type, for its icon (never shown as text). */
  type?: string;
  marks: FlowMark[];
}

export interface FlowNode {
  id: string;
  type: 'flow';
  position: { x: number; y: number };
  width: number;
  height: number;
  data: FlowNodeData;
}

export interface FlowEdge {
  id: string;
  source: string;
  target: string;
  /** "THEN", "ELSE" on the edges leaving an IF. */
  label?: string;
}

export interface FlowLayout {
  nodes: FlowNode[];
  edges: FlowEdge[];
  width: number;
  height: number;
}

export interface FlowLayoutOptions {
  /** Puts a cron expression in words (the builder has the cron library at hand). */
  cronWords?: (cron: string) => string | null;
}

export const NODE_WIDTH = 240;
export const GAP_X = 40;
export const GAP_Y = 48;
const AND_WIDTH = 96;
const AND_HEIGHT = 32;
const MERGE_SIZE = 14;
const IF_HEIGHT = 76;
const TITLE_HEIGHT = 44;
const DETAIL_HEIGHT = 20;
const MARK_HEIGHT = 24;
/** The room an empty ELSE path keeps on the right, so its edge does not run over the THEN column. */
const EMPTY_PATH_WIDTH = NODE_WIDTH / 2;

interface Exit {
  id: string;
  label?: string;
}

function minutesInWords(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

function labelOf(list: { type: string; label: string }[], type: string, fallback: string): string {
  return list.find((entry) => entry.type === type)?.label ?? fallback;
}

export function flowLayout(input: FlowInput, labels: FlowLabels, options: FlowLayoutOptions = {}): FlowLayout {
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];

  const actionMarks = (step: Extract<DraftStep, { kind: 'action' }>): FlowMark[] => {
    const marks: FlowMark[] = [];
    const delay = Number(step.delayMinutes);
    if (Number.isFinite(delay) && delay > 0) marks.push({ kind: 'delay', text: `waits ${minutesInWords(delay)}` });
    if (input.requiresApproval || step.requiresApproval) marks.push({ kind: 'approval', text: 'needs approval' });
    if (step.condition)
      marks.push({
        kind: 'condition',
        text: `only run when ${conditionInWords(step.condition.mode, step.condition.rules)}`,
      });
    if (step.continueOnFailure) marks.push({ kind: 'continue', text: 'continues on failure' });
    return marks;
  };
  const actionHeight = (step: Extract<DraftStep, { kind: 'action' }>) =>
    TITLE_HEIGHT + (configHeadline(step.config) ? DETAIL_HEIGHT : 0) + actionMarks(step).length * MARK_HEIGHT;

  // ---- sizes ----
  const pathWidth = (steps: DraftStep[] | null) => (steps && steps.length > 0 ? chainWidth(steps) : EMPTY_PATH_WIDTH);
  const pathHeight = (steps: DraftStep[] | null) => (steps && steps.length > 0 ? chainHeight(steps) : 0);
  function stepWidth(step: DraftStep): number {
    if (step.kind === 'action') return NODE_WIDTH;
    return Math.max(NODE_WIDTH, pathWidth(step.then) + GAP_X + pathWidth(step.else));
  }
  function stepHeight(step: DraftStep): number {
    if (step.kind === 'action') return actionHeight(step);
    return IF_HEIGHT + GAP_Y + Math.max(pathHeight(step.then), pathHeight(step.else)) + GAP_Y + MERGE_SIZE;
  }
  function chainWidth(steps: DraftStep[]): number {
    return steps.reduce((widest, step) => Math.max(widest, stepWidth(step)), 0);
  }
  function chainHeight(steps: DraftStep[]): number {
    return steps.reduce((total, step, index) => total + stepHeight(step) + (index > 0 ? GAP_Y : 0), 0);
  }

  // ---- placement ----
  const addNode = (id: string, centerX: number, y: number, width: number, height: number, data: FlowNodeData) =>
    nodes.push({ id, type: 'flow', position: { x: centerX - width / 2, y }, width, height, data });
  const connect = (from: Exit[], target: string) => {
    for (const source of from)
      edges.push({
        id: `${source.id}->${target}`,
        source: source.id,
        target,
        ...(source.label ? { label: source.label } : {}),
      });
  };

  function placeChain(steps: DraftStep[], centerX: number, top: number, entries: Exit[]): Exit[] {
    let exits = entries;
    let y = top;
    for (const step of steps) {
      exits = placeStep(step, centerX, y, exits);
      y += stepHeight(step) + GAP_Y;
    }
    return exits;
  }

  function placeStep(step: DraftStep, centerX: number, y: number, entries: Exit[]): Exit[] {
    if (step.kind === 'action') {
      const id = `step-${step.key}`;
      addNode(id, centerX, y, NODE_WIDTH, actionHeight(step), {
        kind: 'action',
        title: step.type === '' ? 'New action' : labelOf(labels.actions, step.type, actionPhrase(step.type)),
        detail: configHeadline(step.config),
        type: step.type,
        marks: actionMarks(step),
      });
      connect(entries, id);
      return [{ id }];
    }
    const ifId = `if-${step.key}`;
    addNode(ifId, centerX, y, NODE_WIDTH, IF_HEIGHT, {
      kind: 'branch',
      title: 'IF',
      detail: conditionInWords(step.condition.mode, step.condition.rules),
      type: 'branch',
      marks: [],
    });
    connect(entries, ifId);
    const thenWidth = pathWidth(step.then);
    const elseWidth = pathWidth(step.else);
    const left = centerX - (thenWidth + GAP_X + elseWidth) / 2;
    const columnsTop = y + IF_HEIGHT + GAP_Y;
    const thenExits = placeChain(step.then, left + thenWidth / 2, columnsTop, [{ id: ifId, label: 'THEN' }]);
    const elseExits = placeChain(step.else ?? [], left + thenWidth + GAP_X + elseWidth / 2, columnsTop, [
      { id: ifId, label: 'ELSE' },
    ]);
    const mergeId = `merge-${step.key}`;
    const mergeTop = columnsTop + Math.max(pathHeight(step.then), pathHeight(step.else)) + GAP_Y;
    addNode(mergeId, centerX, mergeTop, MERGE_SIZE, MERGE_SIZE, { kind: 'merge', title: '', marks: [] });
    connect([...thenExits, ...elseExits], mergeId);
    return [{ id: mergeId }];
  }

  const triggers = input.triggers.filter((trigger) => trigger.type !== '');
  const triggerRowWidth = triggers.length * NODE_WIDTH + Math.max(0, triggers.length - 1) * GAP_X;
  const width = Math.max(triggerRowWidth, chainWidth(input.steps), NODE_WIDTH);
  const centerX = width / 2;

  const triggerHeight = TITLE_HEIGHT + DETAIL_HEIGHT * 2;
  let exits: Exit[] = [];
  let y = 0;
  if (triggers.length > 0) {
    let x = centerX - triggerRowWidth / 2 + NODE_WIDTH / 2;
    triggers.forEach((trigger, index) => {
      const id = `trigger-${index + 1}`;
      addNode(id, x, 0, NODE_WIDTH, triggerHeight, {
        kind: 'trigger',
        title: labelOf(labels.triggers, trigger.type, 'Trigger'),
        detail: `When ${triggerEventWords(trigger, options.cronWords)}`,
        type: trigger.type,
        marks: [],
      });
      exits.push({ id });
      x += NODE_WIDTH + GAP_X;
    });
    y = triggerHeight + GAP_Y;
    if (triggers.length > 1) {
      addNode('and', centerX, y, AND_WIDTH, AND_HEIGHT, { kind: 'and', title: 'AND', marks: [] });
      connect(exits, 'and');
      exits = [{ id: 'and' }];
      y += AND_HEIGHT + GAP_Y;
    }
  }
  placeChain(input.steps, centerX, y, exits);
  const height = nodes.reduce((lowest, node) => Math.max(lowest, node.position.y + node.height), 0);
  return { nodes, edges, width, height };
}
