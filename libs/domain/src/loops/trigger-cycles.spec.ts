import type { Step, TriggerDefinition } from '../types/workflow-definition.types';
import { findTriggerCycles, findTriggerLinks, type LoopGraphWorkflow } from './trigger-cycles';

const onStage = (toStage: string, fromStage?: string): TriggerDefinition => ({
  type: 'stage_change',
  config: fromStage ? { toStage, fromStage } : { toStage },
});
const onTicket = (
  config: { category?: string; priority?: 'low' | 'medium' | 'high' | 'urgent' } = {},
): TriggerDefinition => ({ type: 'ticket_created', config });
const setStage = (id: string, stage: string): Step => ({ id, type: 'update_client', config: { stage } });
const openTicket = (id: string, category = 'ops', priority: 'low' | 'medium' | 'high' | 'urgent' = 'high'): Step => ({
  id,
  type: 'create_ticket',
  config: { title: 'T', category, priority },
});
const alert: Step = { id: 'alert', type: 'add_alert', config: { title: 'x', severity: 'info' } };
const wf = (id: string, triggers: TriggerDefinition[], steps: Step[]): LoopGraphWorkflow => ({
  id,
  name: id,
  triggers,
  steps,
});

describe('findTriggerLinks', () => {
  it.each<[string, LoopGraphWorkflow, LoopGraphWorkflow, boolean]>([
    [
      'update_client stage x → stage_change to x',
      wf('A', [onStage('a')], [setStage('s', 'x')]),
      wf('B', [onStage('x')], [alert]),
      true,
    ],
    [
      'update_client stage x ↛ stage_change to y',
      wf('A', [onStage('a')], [setStage('s', 'x')]),
      wf('B', [onStage('y')], [alert]),
      false,
    ],
    [
      'fromStage is ignored (previous stage unknown)',
      wf('A', [onStage('a')], [setStage('s', 'x')]),
      wf('B', [onStage('x', 'z')], [alert]),
      true,
    ],
    [
      'templated stage → any stage_change',
      wf('A', [onStage('a')], [setStage('s', '{{client.stage}}-next')]),
      wf('B', [onStage('y')], [alert]),
      true,
    ],
    [
      'update_client without stage emits nothing',
      wf('A', [onStage('a')], [{ id: 'h', type: 'update_client', config: { health: 'red' } }]),
      wf('B', [onStage('a')], [alert]),
      false,
    ],
    [
      'create_ticket → ticket_created without filter',
      wf('A', [onStage('a')], [openTicket('t')]),
      wf('B', [onTicket()], [alert]),
      true,
    ],
    [
      'create_ticket → ticket_created of the same category and priority',
      wf('A', [onStage('a')], [openTicket('t', 'ops', 'high')]),
      wf('B', [onTicket({ category: 'ops', priority: 'high' })], [alert]),
      true,
    ],
    [
      'create_ticket ↛ ticket_created of another category',
      wf('A', [onStage('a')], [openTicket('t', 'ops')]),
      wf('B', [onTicket({ category: 'billing' })], [alert]),
      false,
    ],
    [
      'create_ticket ↛ ticket_created of another priority',
      wf('A', [onStage('a')], [openTicket('t', 'ops', 'low')]),
      wf('B', [onTicket({ priority: 'urgent' })], [alert]),
      false,
    ],
    [
      'templated category → any category',
      wf('A', [onStage('a')], [openTicket('t', '{{trigger.category}}')]),
      wf('B', [onTicket({ category: 'billing' })], [alert]),
      true,
    ],
    [
      'create_ticket ↛ stage_change',
      wf('A', [onStage('a')], [openTicket('t')]),
      wf('B', [onStage('a')], [alert]),
      false,
    ],
    [
      'steps inside branches count',
      wf(
        'A',
        [onStage('a')],
        [
          {
            id: 'b',
            type: 'branch',
            condition: { all: [{ field: 'client.health', operator: 'equals', value: 'red' }] },
            then: [alert],
            else: [setStage('s', 'x')],
          },
        ],
      ),
      wf('B', [onStage('x')], [alert]),
      true,
    ],
    [
      'the AND partner is enough to link',
      wf('A', [onStage('a')], [openTicket('t')]),
      wf('B', [onStage('q'), onTicket()], [alert]),
      true,
    ],
    [
      'a scheduled workflow never fires on events',
      wf('A', [onStage('a')], [setStage('s', 'x')]),
      wf('B', [{ type: 'scheduled', config: { cron: '0 9 * * *', timezone: 'UTC' } }, onStage('x')], [alert]),
      false,
    ],
  ])('%s', (_name, from, to, linked) => {
    expect(findTriggerLinks([from, to]).some((link) => link.fromWorkflowId === 'A' && link.toWorkflowId === 'B')).toBe(
      linked,
    );
  });
});

describe('findTriggerCycles', () => {
  it('finds a self-loop', () => {
    const cycles = findTriggerCycles([wf('A', [onTicket()], [openTicket('open')])], 'A');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toMatchObject({ workflowIds: ['A', 'A'], names: ['A', 'A'] });
    expect(cycles[0].description).toBe(
      'A → A: "A" (step open: create_ticket in "ops") emits ticket.created, which fires "A"',
    );
  });

  it('finds A → B → A through the workflow being saved', () => {
    const workflows = [
      wf('A', [onStage('ping')], [setStage('s', 'pong')]),
      wf('B', [onStage('pong')], [setStage('s', 'ping')]),
    ];
    const [cycle, ...rest] = findTriggerCycles(workflows, 'B');
    expect(rest).toEqual([]);
    expect(cycle.workflowIds).toEqual(['B', 'A', 'B']);
    expect(cycle.description).toMatch(
      /^B → A → B: "B" \(step s: update_client sets stage "ping"\) emits client.stage_changed, which fires "A"; "A" .* fires "B"$/,
    );
  });

  it('returns nothing for the diamond A→B, A→C, B→D, C→D', () => {
    const workflows = [
      wf('A', [onStage('a')], [openTicket('t', 'for-b'), setStage('s', 'c')]),
      wf('B', [onTicket({ category: 'for-b' })], [openTicket('t', 'for-d')]),
      wf('C', [onStage('c')], [openTicket('t', 'for-d')]),
      wf('D', [onTicket({ category: 'for-d' })], [alert]),
    ];
    expect(
      findTriggerLinks(workflows)
        .map((link) => `${link.fromWorkflowId}${link.toWorkflowId}`)
        .sort(),
    ).toEqual(['AB', 'AC', 'BD', 'CD']);
    expect(findTriggerCycles(workflows)).toEqual([]);
    for (const { id } of workflows) expect(findTriggerCycles(workflows, id)).toEqual([]);
  });

  it('ignores cycles that do not include the workflow being saved', () => {
    const workflows = [wf('A', [onStage('x')], [setStage('s', 'x')]), wf('B', [onStage('b')], [setStage('s', 'x')])];
    expect(findTriggerCycles(workflows, 'B')).toEqual([]);
    expect(findTriggerCycles(workflows, 'A').map((cycle) => cycle.workflowIds)).toEqual([['A', 'A']]);
  });

  it('reports each cycle once when searching the whole agency, and the shortest way back from each successor', () => {
    const workflows = [
      wf('A', [onStage('a')], [setStage('s', 'b')]),
      wf('B', [onStage('b')], [setStage('s', 'c'), openTicket('t')]),
      wf('C', [onStage('c')], [setStage('s', 'a')]),
      wf('T', [onTicket()], [setStage('s', 'a')]),
    ];
    // From A: the shortest way back through B goes via C; B → T → A is found from B, and C's and T's cycles are not repeated.
    expect(findTriggerCycles(workflows).map((cycle) => cycle.workflowIds)).toEqual([
      ['A', 'B', 'C', 'A'],
      ['B', 'T', 'A', 'B'],
    ]);
    expect(findTriggerCycles(workflows, 'B').map((cycle) => cycle.workflowIds)).toEqual([
      ['B', 'C', 'A', 'B'],
      ['B', 'T', 'A', 'B'],
    ]);
  });
});
