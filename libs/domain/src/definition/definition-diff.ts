import type { Step, TriggerDefinition, WorkflowDefinition } from '../types/workflow-definition.types';
import { childPath } from '../shared/field-path.util';
import { isBranchStep } from './step-guards';
import { walkSteps } from './step-walker';

/**
 * One changed value. `path` is relative to what changed (a step, a trigger): `config.title`,
 * `condition.any`. Objects are compared key by key; an array is one value (a recipients list or
 * a condition's rules shows old and new whole). An absent value reads as `null`.
 */
export interface ValueChange {
  path: string;
  old: unknown;
  new: unknown;
}

export interface SettingChange {
  field: string;
  old: unknown;
  new: unknown;
}

/** `index` is the trigger's position in the version it is found in (`from` for removed, `to` otherwise). */
export interface TriggerEntry {
  type: string;
  index: number;
  trigger: TriggerDefinition;
}

export interface TriggerChange {
  type: string;
  fromIndex: number;
  toIndex: number;
  changes: ValueChange[];
}

/**
 * A step added or removed, where it is (`steps[1].then[0]`) in its version. A branch is shown
 * without its `then` / `else`: the steps inside are listed on their own, matched by their own ids.
 */
export interface StepEntry {
  id: string;
  path: string;
  step: Record<string, unknown>;
}

export interface StepChange {
  id: string;
  type: string;
  path: string;
  changes: ValueChange[];
}

/** A step found in both versions in another list (another branch side) or in another order among its siblings. */
export interface StepMove {
  id: string;
  from: string;
  to: string;
}

export interface DefinitionDiff {
  triggers: { added: TriggerEntry[]; removed: TriggerEntry[]; changed: TriggerChange[] };
  steps: { added: StepEntry[]; removed: StepEntry[]; changed: StepChange[]; moved: StepMove[] };
  settings: { changed: SettingChange[] };
}

/** The top-level fields other than the trigger and step lists are settings (name, description, isActive…). */
const LIST_FIELDS = new Set(['triggers', 'steps']);
/** A branch's children are compared as steps of their own, never as a field of the branch. */
const CHILD_LISTS = new Set(['then', 'else']);

/**
 * What changed from one workflow definition to another: settings field by field, triggers matched by
 * type (the n-th trigger of a type with the n-th of that type), steps matched by id at any depth.
 * Pure: both definitions are read, never changed.
 */
export function diffDefinitions(from: WorkflowDefinition, to: WorkflowDefinition): DefinitionDiff {
  return {
    triggers: diffTriggers(from.triggers ?? [], to.triggers ?? []),
    steps: diffSteps(from.steps ?? [], to.steps ?? []),
    settings: { changed: diffSettings(from, to) },
  };
}

function diffSettings(from: WorkflowDefinition, to: WorkflowDefinition): SettingChange[] {
  const before = from as unknown as Record<string, unknown>;
  const after = to as unknown as Record<string, unknown>;
  const fields = unionKeys(before, after).filter((field) => !LIST_FIELDS.has(field));
  return fields
    .filter((field) => !sameValue(before[field], after[field]))
    .map((field) => ({ field, old: shown(before[field]), new: shown(after[field]) }));
}

function diffTriggers(from: TriggerDefinition[], to: TriggerDefinition[]): DefinitionDiff['triggers'] {
  const result: DefinitionDiff['triggers'] = { added: [], removed: [], changed: [] };
  const keyed = (list: TriggerDefinition[]) => {
    const seen = new Map<string, number>();
    return list.map((trigger, index) => {
      const occurrence = seen.get(trigger.type) ?? 0;
      seen.set(trigger.type, occurrence + 1);
      return { key: `${trigger.type}#${occurrence}`, index, trigger };
    });
  };
  const before = keyed(from);
  const after = new Map(keyed(to).map((entry) => [entry.key, entry]));
  const matched = new Set<string>();
  for (const old of before) {
    const found = after.get(old.key);
    if (!found) {
      result.removed.push({ type: old.trigger.type, index: old.index, trigger: old.trigger });
      continue;
    }
    matched.add(old.key);
    const changes = diffValues(old.trigger, found.trigger, '', new Set(['type']));
    if (changes.length)
      result.changed.push({ type: found.trigger.type, fromIndex: old.index, toIndex: found.index, changes });
  }
  for (const entry of after.values())
    if (!matched.has(entry.key))
      result.added.push({ type: entry.trigger.type, index: entry.index, trigger: entry.trigger });
  return result;
}

interface Located {
  step: Step;
  path: string;
  /** The list holding the step: `''` for the top level, `<branch id>.then` / `<branch id>.else` inside a branch. */
  list: string;
}

function locate(steps: Step[]): Map<string, Located> {
  const found = new Map<string, Located>();
  walkSteps(steps, (step, { path, parent }) => {
    const list = parent ? `${parent.id}.${path.slice(path.lastIndexOf('.') + 1).replace(/\[\d+\]$/, '')}` : '';
    if (!found.has(step.id)) found.set(step.id, { step, path, list });
  });
  return found;
}

function diffSteps(from: Step[], to: Step[]): DefinitionDiff['steps'] {
  const before = locate(from);
  const after = locate(to);
  const result: DefinitionDiff['steps'] = { added: [], removed: [], changed: [], moved: [] };
  for (const [id, old] of before)
    if (!after.has(id)) result.removed.push({ id, path: old.path, step: withoutChildren(old.step) });
  for (const [id, now] of after) {
    const old = before.get(id);
    if (!old) {
      result.added.push({ id, path: now.path, step: withoutChildren(now.step) });
      continue;
    }
    const changes = diffValues(old.step, now.step, '', new Set(['id', ...CHILD_LISTS]));
    if (changes.length) result.changed.push({ id, type: now.step.type, path: now.path, changes });
  }
  result.moved = movedSteps(before, after);
  return result;
}

/**
 * A step kept in both versions moved when its list changed, or when it left the longest common order
 * of the steps kept in the same list (so inserting or deleting a neighbour moves nothing).
 */
function movedSteps(before: Map<string, Located>, after: Map<string, Located>): StepMove[] {
  const moved = new Set<string>();
  const keptByList = new Map<string, { old: string[]; now: string[] }>();
  for (const [id, old] of before) {
    const now = after.get(id);
    if (!now) continue;
    if (now.list !== old.list) {
      moved.add(id);
      continue;
    }
    const lists = keptByList.get(old.list) ?? { old: [], now: [] };
    lists.old.push(id);
    keptByList.set(old.list, lists);
  }
  for (const [id, now] of after) {
    const lists = keptByList.get(now.list);
    if (lists && before.get(id)?.list === now.list) lists.now.push(id);
  }
  for (const { old, now } of keptByList.values()) {
    const inOrder = new Set(longestCommonOrder(old, now));
    for (const id of now) if (!inOrder.has(id)) moved.add(id);
  }
  return [...after.keys()]
    .filter((id) => moved.has(id))
    .map((id) => ({ id, from: before.get(id)!.path, to: after.get(id)!.path }));
}

function longestCommonOrder(a: string[], b: string[]): string[] {
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
  const common: string[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      common.push(a[i]);
      i++;
      j++;
    } else if (lengths[i + 1][j] >= lengths[i][j + 1]) i++;
    else j++;
  }
  return common;
}

function withoutChildren(step: Step): Record<string, unknown> {
  if (!isBranchStep(step)) return { ...step };
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { then, else: otherwise, ...rest } = step;
  return rest;
}

/** Key by key through plain objects; anything else (arrays included) is compared whole. */
function diffValues(old: unknown, now: unknown, path: string, skip: ReadonlySet<string> = new Set()): ValueChange[] {
  if (isRecord(old) && isRecord(now)) {
    return unionKeys(old, now)
      .filter((key) => !skip.has(key))
      .flatMap((key) => diffValues(old[key], now[key], childPath(path, key)));
  }
  return sameValue(old, now) ? [] : [{ path, old: shown(old), new: shown(now) }];
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null) return b === undefined || b === null;
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  if (isRecord(a)) return isRecord(b) && unionKeys(a, b).every((key) => sameValue(a[key], b[key]));
  return a === b;
}

/** Any non-array object: definitions come from JSON, and a copy made in another realm is still a record. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unionKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])];
}

function shown(value: unknown): unknown {
  return value === undefined ? null : value;
}
