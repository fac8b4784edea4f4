import { describe, expect, it } from 'vitest';
import { actionCatalog, triggerCatalog } from '@automations/domain';
import type { DraftAction, DraftBranch, DraftStep } from '../builder/draft';
import { flowLayout, GAP_Y, type FlowInput, type FlowLayout } from './flowLayout';

const labels = { triggers: [...triggerCatalog], actions: [...actionCatalog] };

const action = (
  key: string,
  type: DraftAction['type'],
  config: Record<string, unknown> = {},
  options: Partial<DraftAction> = {},
): DraftAction => ({
  key,
  kind: 'action',
  type,
  config,
  requiresApproval: false,
  continueOnFailure: false,
  condition: null,
  ...options,
});
const branch = (key: string, then: DraftStep[], otherwise: DraftStep[] | null): DraftBranch => ({
  key,
  kind: 'branch',
  condition: { mode: 'all', rules: [{ key: 'r', field: 'client.health', operator: 'equals', value: 'red' }] },
  then,
  else: otherwise,
});
const stageChange = { type: 'stage_change', config: { toStage: 'onboarding' } };

function input(overrides: Partial<FlowInput>): FlowInput {
  return { triggers: [stageChange], steps: [], requiresApproval: false, ...overrides };
}

/** Node texts and edges by title, so the cases read like the diagram. */
function shape(layout: FlowLayout) {
  const title = (id: string) => {
    const node = layout.nodes.find((candidate) => candidate.id === id)!;
    return node.data.kind === 'merge' ? 'merge' : [node.data.title, node.data.detail].filter(Boolean).join(': ');
  };
  return {
    nodes: layout.nodes.map(
      (node) =>
        [node.data.title, node.data.detail, ...node.data.marks.map((mark) => mark.text)].filter(Boolean).join(' | ') ||
        'merge',
    ),
    edges: layout.edges.map(
      (edge) => `${title(edge.source)} -> ${title(edge.target)}${edge.label ? ` [${edge.label}]` : ''}`,
    ),
  };
}

const node = (layout: FlowLayout, title: string) =>
  layout.nodes.find((candidate) => candidate.data.detail === title || candidate.data.title === title)!;

describe('flowLayout', () => {
  it.each([
    {
      name: 'one trigger, then the steps in order with catalog labels and step titles',
      input: input({
        steps: [
          action('a', 'create_task', { title: 'Kickoff call' }),
          action('b', 'add_alert', { title: 'New client' }),
        ],
      }),
      nodes: [
        'Client stage changes | When a client moves into “onboarding”',
        'Create a task | Kickoff call',
        'Add an alert | New client',
      ],
      edges: [
        'Client stage changes: When a client moves into “onboarding” -> Create a task: Kickoff call',
        'Create a task: Kickoff call -> Add an alert: New client',
      ],
    },
    {
      name: 'two triggers joined by AND',
      input: input({
        triggers: [stageChange, { type: 'kpi_threshold', config: { metric: 'roas', operator: 'below', value: 2 } }],
        steps: [action('a', 'create_task', { title: 'Call' })],
      }),
      nodes: [
        'Client stage changes | When a client moves into “onboarding”',
        'KPI crosses a threshold | When a client’s roas crosses below 2',
        'AND',
        'Create a task | Call',
      ],
      edges: [
        'Client stage changes: When a client moves into “onboarding” -> AND',
        'KPI crosses a threshold: When a client’s roas crosses below 2 -> AND',
        'AND -> Create a task: Call',
      ],
    },
    {
      name: 'delays, approvals, "only run when" and continue on failure are marked',
      input: input({
        steps: [
          action(
            'a',
            'send_notification',
            { message: 'Hi' },
            {
              delayMinutes: 30,
              requiresApproval: true,
              continueOnFailure: true,
              condition: {
                mode: 'any',
                rules: [
                  { key: 'r', field: 'metrics.roas', operator: 'less_than', value: '2' },
                  { key: 's', field: 'client.assignee.email', operator: 'exists', value: '' },
                ],
              },
            },
          ),
          action('b', 'update_client', { stage: 'active' }, { delayMinutes: '90' }),
        ],
      }),
      nodes: [
        'Client stage changes | When a client moves into “onboarding”',
        'Send an internal notification | Hi | waits 30 min | needs approval | only run when Latest roas is less than “2” or Assignee email is set | continues on failure',
        'Update the client | active | waits 1 h 30 min',
      ],
      edges: [
        'Client stage changes: When a client moves into “onboarding” -> Send an internal notification: Hi',
        'Send an internal notification: Hi -> Update the client: active',
      ],
    },
    {
      name: 'the workflow-level approval marks every action',
      input: input({ requiresApproval: true, steps: [action('a', 'create_task', { title: 'Call' })] }),
      nodes: ['Client stage changes | When a client moves into “onboarding”', 'Create a task | Call | needs approval'],
      edges: ['Client stage changes: When a client moves into “onboarding” -> Create a task: Call'],
    },
    {
      name: 'an IF/ELSE opens THEN and ELSE paths that merge before the next step',
      input: input({
        steps: [
          branch(
            'b',
            [action('t', 'add_alert', { title: 'At risk' })],
            [action('e', 'send_notification', { message: 'All good' })],
          ),
          action('after', 'create_task', { title: 'Call' }),
        ],
      }),
      nodes: [
        'Client stage changes | When a client moves into “onboarding”',
        'IF | Client health equals “red”',
        'Add an alert | At risk',
        'Send an internal notification | All good',
        'merge',
        'Create a task | Call',
      ],
      edges: [
        'Client stage changes: When a client moves into “onboarding” -> IF: Client health equals “red”',
        'IF: Client health equals “red” -> Add an alert: At risk [THEN]',
        'IF: Client health equals “red” -> Send an internal notification: All good [ELSE]',
        'Add an alert: At risk -> merge',
        'Send an internal notification: All good -> merge',
        'merge -> Create a task: Call',
      ],
    },
    {
      name: 'a branch without ELSE goes straight to the merge on its ELSE side',
      input: input({ steps: [branch('b', [action('t', 'add_alert', { title: 'At risk' })], null)] }),
      nodes: [
        'Client stage changes | When a client moves into “onboarding”',
        'IF | Client health equals “red”',
        'Add an alert | At risk',
        'merge',
      ],
      edges: [
        'Client stage changes: When a client moves into “onboarding” -> IF: Client health equals “red”',
        'IF: Client health equals “red” -> Add an alert: At risk [THEN]',
        'Add an alert: At risk -> merge',
        'IF: Client health equals “red” -> merge [ELSE]',
      ],
    },
    {
      name: 'a draft in progress: no trigger type and an action not chosen yet',
      input: input({ triggers: [{ type: '', config: {} }], steps: [action('a', '')] }),
      nodes: ['New action'],
      edges: [],
    },
  ])('$name', ({ input: given, nodes, edges }) => {
    expect(shape(flowLayout(given, labels))).toEqual({ nodes, edges });
  });

  it('draws THEN and ELSE side by side (THEN left), each path top to bottom, merging below the longer one', () => {
    const layout = flowLayout(
      input({
        steps: [
          branch(
            'b',
            [action('t1', 'add_alert', { title: 'First' }), action('t2', 'add_alert', { title: 'Second' })],
            [action('e', 'create_task', { title: 'Other' })],
          ),
          action('after', 'create_task', { title: 'After' }),
        ],
      }),
      labels,
    );
    const [ifNode, first, second, other, after] = [
      'Client health equals “red”',
      'First',
      'Second',
      'Other',
      'After',
    ].map((title) => node(layout, title));
    const merge = layout.nodes.find((candidate) => candidate.data.kind === 'merge')!;
    expect(first.position.y).toBe(other.position.y);
    expect(first.position.x + first.width).toBeLessThan(other.position.x);
    expect(first.position.y).toBeGreaterThan(ifNode.position.y + ifNode.height);
    expect(second.position.y).toBe(first.position.y + first.height + GAP_Y);
    expect(merge.position.y).toBeGreaterThan(second.position.y + second.height);
    expect(after.position.y).toBeGreaterThan(merge.position.y);
    // The IF, the merge and the step after share one centre line.
    const centre = (candidate: typeof ifNode) => candidate.position.x + candidate.width / 2;
    expect(centre(merge)).toBe(centre(ifNode));
    expect(centre(after)).toBe(centre(ifNode));
    // Nothing overlaps.
    for (const a of layout.nodes) {
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart =
          a.position.x + a.width <= b.position.x ||
          b.position.x + b.width <= a.position.x ||
          a.position.y + a.height <= b.position.y ||
          b.position.y + b.height <= a.position.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
  });

  it('puts two triggers on one row and nested branches inside their column', () => {
    const layout = flowLayout(
      input({
        triggers: [stageChange, { type: 'inactivity', config: { days: 14 } }],
        steps: [
          branch(
            'outer',
            [
              branch(
                'inner',
                [action('x', 'add_alert', { title: 'Deep' })],
                [action('y', 'add_alert', { title: 'Deep else' })],
              ),
            ],
            [action('z', 'create_task', { title: 'Outer else' })],
          ),
        ],
      }),
      labels,
    );
    const [stage, inactivity] = layout.nodes.filter((candidate) => candidate.data.kind === 'trigger');
    expect(stage.position.y).toBe(inactivity.position.y);
    expect(stage.position.x).toBeLessThan(inactivity.position.x);
    const deep = node(layout, 'Deep');
    const deepElse = node(layout, 'Deep else');
    const outerElse = node(layout, 'Outer else');
    expect(deep.position.x).toBeLessThan(deepElse.position.x);
    expect(deepElse.position.x + deepElse.width).toBeLessThan(outerElse.position.x);
    expect(layout.width).toBeGreaterThanOrEqual(outerElse.position.x + outerElse.width);
  });
});
