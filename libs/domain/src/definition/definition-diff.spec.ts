import type { Step, TriggerDefinition, WorkflowDefinition } from '../types/workflow-definition.types';
import { diffDefinitions, type DefinitionDiff } from './definition-diff';

const task = (id: string, title = 'Call') => ({ id, type: 'create_task', config: { title, priority: 'high' } }) as Step;
const alert = (id: string) => ({ id, type: 'add_alert', config: { title: 'Look', severity: 'info' } }) as Step;
const branch = (id: string, then: Step[], otherwise?: Step[]) =>
  ({
    id,
    type: 'branch',
    condition: { all: [{ field: 'client.health', operator: 'equals', value: 'red' }] },
    then,
    ...(otherwise ? { else: otherwise } : {}),
  }) as Step;
const stage = (toStage: string) => ({ type: 'stage_change', config: { toStage } }) as TriggerDefinition;
const kpi = (threshold: number) =>
  ({ type: 'kpi_threshold', config: { metric: 'roas', operator: 'below', value: threshold } }) as TriggerDefinition;

const base: WorkflowDefinition = {
  name: 'Onboarding',
  description: 'Kick off',
  isActive: true,
  requiresApproval: false,
  triggers: [stage('onboarding')],
  steps: [task('a'), branch('b', [alert('c')]), task('d')],
};
const edit = (changes: Partial<WorkflowDefinition>): WorkflowDefinition => ({ ...base, ...changes });

const NOTHING: DefinitionDiff = {
  triggers: { added: [], removed: [], changed: [] },
  steps: { added: [], removed: [], changed: [], moved: [] },
  settings: { changed: [] },
};
const expected = (parts: {
  triggers?: Partial<DefinitionDiff['triggers']>;
  steps?: Partial<DefinitionDiff['steps']>;
  settings?: DefinitionDiff['settings'];
}): DefinitionDiff => ({
  triggers: { ...NOTHING.triggers, ...parts.triggers },
  steps: { ...NOTHING.steps, ...parts.steps },
  settings: parts.settings ?? NOTHING.settings,
});

describe('diffDefinitions', () => {
  it.each<[string, WorkflowDefinition, WorkflowDefinition, DefinitionDiff]>([
    ['the same definition', base, structuredClone(base), NOTHING],
    [
      'settings, field by field; an absent value reads as null',
      base,
      edit({ name: 'Renamed', description: undefined, requiresApproval: true }),
      expected({
        settings: {
          changed: [
            { field: 'name', old: 'Onboarding', new: 'Renamed' },
            { field: 'description', old: 'Kick off', new: null },
            { field: 'requiresApproval', old: false, new: true },
          ],
        },
      }),
    ],
    [
      'null and absent are the same description',
      edit({ description: null }),
      edit({ description: undefined }),
      NOTHING,
    ],
    [
      'a trigger added and one removed, matched by type',
      base,
      edit({ triggers: [kpi(2)] }),
      expected({
        triggers: {
          added: [{ type: 'kpi_threshold', index: 0, trigger: kpi(2) }],
          removed: [{ type: 'stage_change', index: 0, trigger: stage('onboarding') }],
        },
      }),
    ],
    [
      'a trigger changed in place, whatever its position',
      edit({ triggers: [stage('onboarding'), kpi(2)] }),
      edit({ triggers: [kpi(3), stage('onboarding')] }),
      expected({
        triggers: {
          changed: [
            {
              type: 'kpi_threshold',
              fromIndex: 1,
              toIndex: 0,
              changes: [{ path: 'config.value', old: 2, new: 3 }],
            },
          ],
        },
      }),
    ],
    [
      'a repeated trigger type is matched by its occurrence',
      edit({ triggers: [stage('onboarding'), stage('active')] }),
      edit({ triggers: [stage('onboarding'), stage('churned'), stage('lead')] }),
      expected({
        triggers: {
          added: [{ type: 'stage_change', index: 2, trigger: stage('lead') }],
          changed: [
            {
              type: 'stage_change',
              fromIndex: 1,
              toIndex: 1,
              changes: [{ path: 'config.toStage', old: 'active', new: 'churned' }],
            },
          ],
        },
      }),
    ],
    [
      'steps added and removed at any depth; a branch is listed without its children',
      base,
      edit({ steps: [task('a'), branch('b', [alert('c')], [task('e')]), branch('f', [task('g')])] }),
      expected({
        steps: {
          added: [
            { id: 'e', path: 'steps[1].else[0]', step: task('e') as unknown as Record<string, unknown> },
            {
              id: 'f',
              path: 'steps[2]',
              step: {
                id: 'f',
                type: 'branch',
                condition: { all: [{ field: 'client.health', operator: 'equals', value: 'red' }] },
              },
            },
            { id: 'g', path: 'steps[2].then[0]', step: task('g') as unknown as Record<string, unknown> },
          ],
          removed: [{ id: 'd', path: 'steps[2]', step: task('d') as unknown as Record<string, unknown> }],
        },
      }),
    ],
    [
      'a step changed inside a branch: per field, with old and new',
      base,
      edit({
        steps: [
          task('a'),
          branch('b', [
            { id: 'c', type: 'add_alert', config: { title: 'Look', severity: 'critical' }, delayMinutes: 5 },
          ]),
          task('d'),
        ],
      }),
      expected({
        steps: {
          changed: [
            {
              id: 'c',
              type: 'add_alert',
              path: 'steps[1].then[0]',
              changes: [
                { path: 'config.severity', old: 'info', new: 'critical' },
                { path: 'delayMinutes', old: null, new: 5 },
              ],
            },
          ],
        },
      }),
    ],
    [
      "a branch's condition is one change; its children are not a change of the branch",
      base,
      edit({
        steps: [
          task('a'),
          { id: 'b', type: 'branch', condition: { any: [] }, then: [alert('c'), task('x')] },
          task('d'),
        ],
      }),
      expected({
        steps: {
          added: [{ id: 'x', path: 'steps[1].then[1]', step: task('x') as unknown as Record<string, unknown> }],
          changed: [
            {
              id: 'b',
              type: 'branch',
              path: 'steps[1]',
              changes: [
                {
                  path: 'condition.all',
                  old: [{ field: 'client.health', operator: 'equals', value: 'red' }],
                  new: null,
                },
                { path: 'condition.any', old: null, new: [] },
              ],
            },
          ],
        },
      }),
    ],
    [
      'a recipients list is one value, shown whole',
      edit({
        steps: [
          { id: 'n', type: 'send_notification', config: { channel: 'email', recipients: ['a@x.io'], message: 'm' } },
        ],
      }),
      edit({
        steps: [
          {
            id: 'n',
            type: 'send_notification',
            config: { channel: 'email', recipients: ['a@x.io', 'b@x.io'], message: 'm' },
          },
        ],
      }),
      expected({
        steps: {
          changed: [
            {
              id: 'n',
              type: 'send_notification',
              path: 'steps[0]',
              changes: [{ path: 'config.recipients', old: ['a@x.io'], new: ['a@x.io', 'b@x.io'] }],
            },
          ],
        },
      }),
    ],
    [
      'a step moved into a branch is matched by id: moved, not removed and added',
      base,
      edit({ steps: [branch('b', [alert('c'), task('a')]), task('d')] }),
      expected({ steps: { moved: [{ id: 'a', from: 'steps[0]', to: 'steps[0].then[1]' }] } }),
    ],
    [
      'a step moved within its list; inserting a neighbour moves nothing',
      base,
      edit({ steps: [task('new'), branch('b', [alert('c')]), task('d'), task('a')] }),
      expected({
        steps: {
          added: [{ id: 'new', path: 'steps[0]', step: task('new') as unknown as Record<string, unknown> }],
          moved: [{ id: 'a', from: 'steps[0]', to: 'steps[3]' }],
        },
      }),
    ],
    [
      'a step whose type changed keeps its id: one change per field',
      base,
      edit({ steps: [alert('a'), branch('b', [alert('c')]), task('d')] }),
      expected({
        steps: {
          changed: [
            {
              id: 'a',
              type: 'add_alert',
              path: 'steps[0]',
              changes: [
                { path: 'type', old: 'create_task', new: 'add_alert' },
                { path: 'config.title', old: 'Call', new: 'Look' },
                { path: 'config.priority', old: 'high', new: null },
                { path: 'config.severity', old: null, new: 'info' },
              ],
            },
          ],
        },
      }),
    ],
  ])('%s', (_name, from, to, diff) => {
    expect(diffDefinitions(from, to)).toEqual(diff);
  });

  it('reads both definitions without changing them', () => {
    const from = structuredClone(base);
    const to = edit({ steps: [task('z')] });
    const copies = [structuredClone(from), structuredClone(to)];
    diffDefinitions(from, to);
    expect([from, to]).toEqual(copies);
  });
});
