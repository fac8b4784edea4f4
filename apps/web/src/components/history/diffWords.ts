import type { TypeDescriptor } from '../../api/types';
import type { components } from '../../api/schema';
import { humanize } from '../../lib/format';

export type WorkflowVersionDiff = components['schemas']['WorkflowVersionDiffDto'];
type ValueChange = components['schemas']['ValueChangeDto'];

export interface DiffSection {
  title: string;
  lines: string[];
}

export interface DiffCatalogs {
  triggers: TypeDescriptor[];
  actions: TypeDescriptor[];
}

const SETTING_LABELS: Record<string, string> = {
  name: 'Name',
  description: 'Description',
  requiresApproval: 'Needs approval before running',
  isActive: 'On',
};

const STEP_FIELD_LABELS: Record<string, string> = {
  delayMinutes: 'Wait before (minutes)',
  requiresApproval: 'Needs approval',
  condition: 'Condition',
  type: 'Action',
};

/** A value in words: text in quotes, yes/no, "(empty)", lists joined. */
export function valueInWords(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (typeof value === 'string') return `“${value}”`;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '(empty)' : value.map(valueInWords).join(', ');
  return JSON.stringify(value);
}

function labelOf(catalog: TypeDescriptor[], type: unknown): string {
  return catalog.find((descriptor) => descriptor.type === type)?.label ?? humanize(String(type ?? 'step'));
}

function fieldLabel(catalog: TypeDescriptor[], type: unknown, path: string): string {
  const [head, ...rest] = path.split('.');
  if (head === 'config' && rest.length > 0) {
    const key = rest[0].replace(/\[\d+\]$/, '');
    const properties = catalog.find((descriptor) => descriptor.type === type)?.configSchema?.properties as
      Record<string, { title?: string }> | undefined;
    return properties?.[key]?.title ?? humanize(key);
  }
  return STEP_FIELD_LABELS[head] ?? humanize(head.replace(/\[\d+\]$/, ''));
}

function changesInWords(catalog: TypeDescriptor[], type: unknown, changes: ValueChange[]): string {
  return changes
    .map(
      (change) =>
        `${fieldLabel(catalog, type, change.path)}: ${valueInWords(change.old)} → ${valueInWords(change.new)}`,
    )
    .join('; ');
}

/** "steps[1].then[0]" → "1st step if yes, in step 2"; "steps[0]" → "step 1". */
export function positionInWords(path: string): string {
  const parts = [...path.matchAll(/(steps|then|else)\[(\d+)\]/g)].map(([, list, index]) => ({
    list,
    position: Number(index) + 1,
  }));
  if (parts.length === 0) return path;
  const words = parts.map(({ list, position }) =>
    list === 'steps' ? `step ${position}` : `step ${position} ${list === 'then' ? 'if yes' : 'if no'}`,
  );
  return words.reverse().join(', in ');
}

type StepLike = { id?: string; type?: string; then?: StepLike[]; else?: StepLike[] };

/** The type of the step with this id anywhere in a definition. */
export function findStepType(definition: Record<string, unknown> | undefined, id: string): string | undefined {
  const search = (steps: StepLike[] | undefined): string | undefined => {
    for (const step of steps ?? []) {
      if (step.id === id) return step.type;
      const inside = search(step.then) ?? search(step.else);
      if (inside) return inside;
    }
    return undefined;
  };
  return search(definition?.steps as StepLike[] | undefined);
}

/** The diff between two versions in words, by section; empty sections are left out. */
export function diffInWords(
  diff: WorkflowVersionDiff,
  catalogs: DiffCatalogs,
  toDefinition?: Record<string, unknown>,
): DiffSection[] {
  const { triggers, actions } = catalogs;
  const settings = diff.settings.changed.map(
    (change) =>
      `${SETTING_LABELS[change.field] ?? humanize(change.field)}: ${valueInWords(change.old)} → ${valueInWords(change.new)}`,
  );
  const triggerLines = [
    ...diff.triggers.added.map((entry) => `Added: ${labelOf(triggers, entry.type)}`),
    ...diff.triggers.removed.map((entry) => `Removed: ${labelOf(triggers, entry.type)}`),
    ...diff.triggers.changed.map(
      (entry) => `Changed: ${labelOf(triggers, entry.type)} — ${changesInWords(triggers, entry.type, entry.changes)}`,
    ),
  ];
  const stepLabel = (type: unknown) => (type === 'branch' ? 'Check a condition (if / else)' : labelOf(actions, type));
  const stepLines = [
    ...diff.steps.added.map((entry) => `Added: ${stepLabel(entry.step.type)} (${positionInWords(entry.path)})`),
    ...diff.steps.removed.map((entry) => `Removed: ${stepLabel(entry.step.type)} (was ${positionInWords(entry.path)})`),
    ...diff.steps.changed.map(
      (entry) =>
        `Changed: ${stepLabel(entry.type)} (${positionInWords(entry.path)}) — ${changesInWords(actions, entry.type, entry.changes)}`,
    ),
    ...diff.steps.moved.map(
      (entry) =>
        `Moved: ${stepLabel(findStepType(toDefinition, entry.id))} from ${positionInWords(entry.from)} to ${positionInWords(entry.to)}`,
    ),
  ];
  return [
    { title: 'Settings', lines: settings },
    { title: 'Triggers', lines: triggerLines },
    { title: 'Steps', lines: stepLines },
  ].filter((section) => section.lines.length > 0);
}
