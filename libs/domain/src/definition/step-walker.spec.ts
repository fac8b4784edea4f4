import type { Step, WorkflowDefinition } from '../types/workflow-definition.types';
import { collectReferencedUserIds } from './referenced-user-ids';
import { workflowDefinitionExample } from './workflow-definition.example';
import { countActionSteps, listActionSteps, walkSteps } from './step-walker';

const USER_A = '8f14e45f-ceea-467f-a8d5-6f0e5b2c1a90';
const USER_B = 'c9f0f895-fb98-4b91-b2a4-3f1e6d0a7b12';
const USER_C = '45c48cce-2e2d-4fbd-8d2f-1c6a6e7a2b34';

describe('walkSteps', () => {
  it('visits depth-first in document order with paths and depths', () => {
    const visits: [string, string, number, string | undefined][] = [];
    walkSteps(workflowDefinitionExample.steps, (step, { path, depth, parent }) =>
      visits.push([step.id, path, depth, parent?.id]),
    );
    expect(visits).toEqual([
      ['task', 'steps[0]', 0, undefined],
      ['health', 'steps[1]', 0, undefined],
      ['alert', 'steps[1].then[0]', 1, 'health'],
      ['ping', 'steps[1].else[0]', 1, 'health'],
      ['draft', 'steps[2]', 0, undefined],
    ]);
  });

  it('accepts a base path', () => {
    const paths: string[] = [];
    walkSteps(workflowDefinitionExample.steps.slice(0, 1), (_step, { path }) => paths.push(path), 'definition.steps');
    expect(paths).toEqual(['definition.steps[0]']);
  });
});

describe('countActionSteps / listActionSteps', () => {
  const nested: Step[] = [
    {
      id: 'b1',
      type: 'branch',
      condition: { any: [{ field: 'client.stage', operator: 'exists' }] },
      then: [
        {
          id: 'b2',
          type: 'branch',
          condition: { any: [{ field: 'client.stage', operator: 'exists' }] },
          then: [{ id: 'a1', type: 'add_alert', config: { title: 't', severity: 'info' } }],
          else: [{ id: 'a2', type: 'update_client', config: { stage: 'active' } }],
        },
      ],
    },
  ];
  it.each<[string, Step[], number]>([
    ['the PRODUCT.md example', workflowDefinitionExample.steps, 4],
    ['nested branches', nested, 2],
    ['no steps', [], 0],
  ])('%s', (_name, steps, expected) => {
    expect(countActionSteps(steps)).toBe(expected);
    expect(listActionSteps(steps)).toHaveLength(expected);
  });
});

describe('collectReferencedUserIds', () => {
  const definition: Pick<WorkflowDefinition, 'steps'> = {
    steps: [
      { id: 't1', type: 'create_task', config: { title: 't', priority: 'low', assignee: USER_A } },
      { id: 't2', type: 'create_task', config: { title: 't', priority: 'low', assignee: 'client_assignee' } },
      {
        id: 'b',
        type: 'branch',
        condition: { all: [{ field: 'client.health', operator: 'equals', value: 'red' }] },
        then: [{ id: 'u', type: 'update_client', config: { assigneeId: USER_B } }],
        else: [
          {
            id: 'n1',
            type: 'send_notification',
            config: { channel: 'email', recipients: ['ops@agency.example', USER_C, USER_A], message: 'm' },
          },
        ],
      },
      { id: 'n2', type: 'send_notification', config: { channel: 'slack', recipients: ['U0123ABCD'], message: 'm' } },
    ],
  };

  it('returns the user ids of assignees and email recipients, unique, in document order', () => {
    expect(collectReferencedUserIds(definition)).toEqual([USER_A, USER_B, USER_C]);
  });

  it('returns nothing for the PRODUCT.md example', () => {
    expect(collectReferencedUserIds(workflowDefinitionExample)).toEqual([]);
  });
});
