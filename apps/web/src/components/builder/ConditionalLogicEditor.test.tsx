import { useState } from 'react';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { actionTypes, stubApp, triggerTypes } from '../../test/appStubs';
import { ActionChainEditor } from './ActionChainEditor';
import { BuilderContext, type BuilderContextValue } from './BuilderContext';
import { definitionFromDraft } from './draftConversion';
import { newAction, type DraftStep } from './draft';

let current: DraftStep[] = [];
// Picker fields (the task's assignee) read the agency's users through React Query.
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });

function Harness({ initial = [newAction()] }: { initial?: DraftStep[] }) {
  const [steps, setSteps] = useState<DraftStep[]>(initial);
  current = steps;
  const context: BuilderContextValue = {
    catalogs: { triggers: triggerTypes.items, actions: actionTypes.items },
    errors: {},
    clearError: () => undefined,
    variableGroups: [],
    conditionFields: ['client.health', 'client.stage'],
    requiresApprovalForAll: false,
    defaultTimezone: 'UTC',
  };
  return (
    <QueryClientProvider client={queryClient}>
      <MantineProvider env="test">
        <BuilderContext.Provider value={context}>
          <ActionChainEditor steps={steps} onChange={setSteps} path="steps" />
        </BuilderContext.Provider>
      </MantineProvider>
    </QueryClientProvider>
  );
}

const steps = () =>
  definitionFromDraft({
    name: 'n',
    description: '',
    isActive: true,
    requiresApproval: false,
    triggers: [],
    steps: current,
  }).steps;

describe('ConditionalLogicEditor (IF/THEN/ELSE in the action chain)', () => {
  // The agency's stages and users feed the rules' value pickers.
  beforeEach(() => {
    stubApp();
  });

  it('adds a branch with a rule, more rules, and switches between all and any', async () => {
    render(<Harness />);
    fireEvent.click(screen.getByRole('button', { name: 'Add IF/ELSE branch' }));

    const branch = screen.getByRole('listitem', { name: 'Step 2: IF / ELSE branch' });
    fireEvent.change(within(branch).getByRole('textbox', { name: 'Rule 1 field' }), {
      target: { value: 'client.health' },
    });
    fireEvent.change(within(branch).getByRole('combobox', { name: 'Rule 1 value' }), { target: { value: 'red' } }); // health: a select

    fireEvent.click(within(branch).getByRole('button', { name: 'Add rule' }));
    fireEvent.change(within(branch).getByRole('textbox', { name: 'Rule 2 field' }), {
      target: { value: 'client.stage' },
    });
    fireEvent.change(within(branch).getByRole('combobox', { name: 'Rule 2 operator' }), { target: { value: 'in' } });
    // A stage: "is one of" picks several of the agency's pipeline stages.
    fireEvent.click(within(branch).getByRole('textbox', { name: 'Rule 2 value' }));
    fireEvent.click(await screen.findByRole('option', { name: 'onboarding' }));
    fireEvent.click(await screen.findByRole('option', { name: 'active' }));
    expect(within(branch).getByText('Every rule must hold (AND).')).toBeTruthy();

    fireEvent.click(within(branch).getAllByRole('radio', { name: 'any' })[0]);
    expect(within(branch).getByText('At least one rule must hold (OR).')).toBeTruthy();

    expect(steps()[1]).toMatchObject({
      type: 'branch',
      condition: {
        any: [
          { field: 'client.health', operator: 'equals', value: 'red' },
          { field: 'client.stage', operator: 'in', value: ['onboarding', 'active'] },
        ],
      },
      then: [{ type: '', config: {} }],
    });
    expect(steps()[1]).not.toHaveProperty('else');
  });

  it('shows a nested branch indented inside the THEN path of its parent, and an ELSE path when added', () => {
    render(<Harness initial={[]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add IF/ELSE branch' }));

    const outerThen = screen.getByRole('group', { name: 'THEN: when the rules hold' });
    expect(outerThen.getAttribute('data-depth')).toBe('1');
    fireEvent.click(within(outerThen).getByRole('button', { name: 'Add IF/ELSE branch' }));

    const nested = within(outerThen).getByRole('listitem', { name: 'Step 1 › THEN 2: IF / ELSE branch' });
    const nestedThen = within(nested).getByRole('group', { name: 'THEN: when the rules hold' });
    expect(nestedThen.getAttribute('data-depth')).toBe('2');
    expect(outerThen.contains(nestedThen)).toBe(true);

    fireEvent.click(within(nested).getByRole('button', { name: 'Add ELSE path' }));
    const nestedElse = within(nested).getByRole('group', { name: 'ELSE: otherwise' });
    expect(nestedElse.getAttribute('data-depth')).toBe('2');
    expect(within(nestedElse).getByRole('listitem', { name: 'Step 1 › THEN 2 › ELSE 1: New action' })).toBeTruthy();

    expect(steps()).toMatchObject([
      { type: 'branch', then: [{ type: '' }, { type: 'branch', then: [{}], else: [{}] }] },
    ]);
  });

  it('does not nest branches deeper than three', () => {
    render(<Harness initial={[]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add IF/ELSE branch' }));
    for (let depth = 1; depth < 3; depth += 1) {
      const groups = screen.getAllByRole('group', { name: 'THEN: when the rules hold' });
      fireEvent.click(within(groups.at(-1)!).getAllByRole('button', { name: 'Add IF/ELSE branch' }).at(-1)!);
    }
    const deepest = screen
      .getAllByRole('group', { name: 'THEN: when the rules hold' })
      .find((group) => group.getAttribute('data-depth') === '3')!;
    expect(
      (within(deepest).getAllByRole('button', { name: 'Add IF/ELSE branch' }).at(-1) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('reorders steps with labelled move buttons and keeps the focus on the moved step', () => {
    render(<Harness />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Action of step 1' }), { target: { value: 'create_task' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add action' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Action of step 2' }), { target: { value: 'add_alert' } });

    expect((screen.getByRole('button', { name: 'Move step 1 up' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Move step 2 down' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Move step 2 up' }));
    expect(steps().map((step) => step.type)).toEqual(['add_alert', 'create_task']);
    expect(screen.getByRole('listitem', { name: 'Step 1: Add an alert' })).toBeTruthy();
    // The step is now first: "up" is disabled, so the focus lands on its "down" button.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move step 1 down' }));

    fireEvent.click(screen.getByRole('button', { name: 'Move step 1 down' }));
    expect(steps().map((step) => step.type)).toEqual(['create_task', 'add_alert']);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move step 2 up' }));
  });
});
