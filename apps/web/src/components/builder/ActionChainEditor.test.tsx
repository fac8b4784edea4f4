import { useState } from 'react';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { actionTypes, stubApp, triggerTypes } from '../../test/appStubs';
import { jsonResponse } from '../../test/fetchStub';
import { ActionChainEditor } from './ActionChainEditor';
import { BuilderContext, type BuilderContextValue } from './BuilderContext';
import { definitionFromDraft } from './draftConversion';
import { newAction, newBranch, type DraftAction, type DraftStep } from './draft';
import { BuilderHarness } from './help/builderHarness';

let current: DraftStep[] = [];
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });

function Harness({ initial, errors = {} }: { initial: DraftStep[]; errors?: Record<string, string> }) {
  const [steps, setSteps] = useState<DraftStep[]>(initial);
  current = steps;
  const context: BuilderContextValue = {
    catalogs: { triggers: triggerTypes.items, actions: actionTypes.items },
    errors,
    clearError: () => undefined,
    variableGroups: [],
    conditionFields: ['client.health'],
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

const action = (
  type: DraftAction['type'],
  config: Record<string, unknown>,
  options: Partial<DraftAction> = {},
): DraftAction => ({ ...newAction(), type, config, ...options });
const types = () =>
  definitionFromDraft({
    name: 'n',
    description: '',
    isActive: true,
    requiresApproval: false,
    triggers: [],
    steps: current,
  }).steps.map((step) => step.type);

describe('ActionChainEditor', () => {
  afterEach(() => vi.restoreAllMocks());

  it('keeps wait, approval, continue on failure and "only run when" behind More options until opened', () => {
    render(<Harness initial={[action('create_task', { title: 'Call', priority: 'high' })]} />);
    const step = screen.getByRole('listitem', { name: 'Step 1: Create a task' });
    expect(within(step).queryByRole('switch', { name: /^Requires approval/ })).toBeNull();
    expect(within(step).queryByLabelText(/^Wait before this step/)).toBeNull();

    const more = within(step).getByRole('button', { name: 'More options of step 1' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(more);
    expect(more.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(within(step).getByRole('switch', { name: /^Requires approval/ }));
    expect(within(step).getByRole('switch', { name: /^Continue on failure/ })).toBeTruthy();
    expect(within(step).getByRole('checkbox', { name: 'Only run this step when…' })).toBeTruthy();

    // Closed again, it says what is set.
    fireEvent.click(more);
    expect(within(step).queryByRole('switch', { name: /^Requires approval/ })).toBeNull();
    expect(within(step).getByText('needs approval')).toBeTruthy();
  });

  it('opens More options by itself when one of them is set or has an error', () => {
    render(
      <Harness
        initial={[
          action('create_task', { title: 'Call', priority: 'high' }, { delayMinutes: 30 }),
          action('add_alert', { title: 'A', severity: 'info' }),
          action('add_alert', { title: 'B', severity: 'info' }),
        ]}
        errors={{ 'steps[1].condition.all[0].field': 'Choose a field', 'steps[1].condition': 'Add at least one rule' }}
      />,
    );
    expect(
      (
        within(screen.getByRole('listitem', { name: 'Step 1: Create a task' })).getByLabelText(
          /^Wait before this step/,
        ) as HTMLInputElement
      ).value,
    ).toBe('30');
    expect(
      within(screen.getAllByRole('listitem', { name: 'Step 2: Add an alert' })[0])
        .getByRole('button', { name: 'More options of step 2' })
        .getAttribute('aria-expanded'),
    ).toBe('true');
    expect(
      within(screen.getByRole('listitem', { name: 'Step 3: Add an alert' }))
        .getByRole('button', { name: 'More options of step 3' })
        .getAttribute('aria-expanded'),
    ).toBe('false');
  });

  it('reorders a step by dragging its handle with the keyboard (Space, arrow down, Space)', async () => {
    render(
      <Harness
        initial={[
          action('create_task', { title: 'Call', priority: 'high' }),
          action('add_alert', { title: 'A', severity: 'info' }),
          action('update_client', { stage: 'active' }),
        ]}
      />,
    );
    // jsdom lays nothing out: give each step a place in a column, 100 px apart, as a browser would.
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      const item = this.closest('li');
      const index = item ? [...item.parentElement!.children].indexOf(item) : 0;
      const top = index * 100;
      return {
        x: 0,
        y: top,
        top,
        left: 0,
        right: 600,
        bottom: top + 90,
        width: 600,
        height: 90,
        toJSON: () => ({}),
      } as DOMRect;
    });

    const handle = screen.getByRole('button', { name: 'Drag step 1 to reorder' });
    handle.focus();
    await act(async () => {
      fireEvent.keyDown(handle, { code: 'Space', key: ' ' });
    });
    await act(async () => {
      fireEvent.keyDown(handle, { code: 'ArrowDown', key: 'ArrowDown' });
    });
    await act(async () => {
      fireEvent.keyDown(handle, { code: 'Space', key: ' ' });
    });
    expect(types()).toEqual(['add_alert', 'create_task', 'update_client']);
    expect(screen.getByRole('listitem', { name: 'Step 2: Create a task' })).toBeTruthy();
  });
});

function StepsWithHelp({ initial }: { initial: DraftStep[] }) {
  const [steps, setSteps] = useState<DraftStep[]>(initial);
  current = steps;
  return <ActionChainEditor steps={steps} onChange={setSteps} path="steps" />;
}

function renderWithHelp(initial: DraftStep[]) {
  stubApp({ 'GET /api/v1/users': () => jsonResponse(200, { items: [], total: 0, page: 1, pageSize: 200 }) });
  render(
    <BuilderHarness>
      <StepsWithHelp initial={initial} />
    </BuilderHarness>,
  );
}

/** The input or select a user reads under `label` (Mantine also labels its option lists). */
const field = (container: HTMLElement, label: RegExp) =>
  within(container)
    .getAllByLabelText(label)
    .find(
      (element): element is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement =>
        element instanceof HTMLInputElement ||
        element instanceof HTMLSelectElement ||
        element instanceof HTMLTextAreaElement,
    )!;

describe('ActionChainEditor help', () => {
  it('has one help panel for the whole chain, naming every kind of action, branches and options', () => {
    renderWithHelp([newBranch()]);
    const panels = screen.getAllByRole('complementary', { name: 'Help: Actions' });
    expect(panels).toHaveLength(1);
    const [help] = panels;
    expect(within(help).getByText(/Actions are what the automation does, one after the other/)).toBeTruthy();
    fireEvent.click(within(help).getByRole('button', { name: 'Help' }));
    expect(within(help).getByText(/An IF\/ELSE branch when some steps depend on the client/)).toBeTruthy();
    expect(within(help).getByText(/wait before it, ask for approval, go on when it fails/)).toBeTruthy();
    for (const label of ['Create a task', 'Send an internal notification', 'Draft a client message'])
      expect(within(help).getByText(label)).toBeTruthy();
  });

  it('fills an action’s form from an example in words, keeping the step and its options', () => {
    renderWithHelp([action('create_task', { title: 'Call' }, { id: 'kickoff', delayMinutes: 30 })]);
    const step = screen.getByRole('listitem', { name: 'Step 1: Create a task' });
    fireEvent.click(within(step).getByRole('button', { name: 'Show 2 examples' }));
    const [first, second] = within(step).getAllByRole('listitem', { name: /^Example/ });
    expect(first.textContent).toContain('Title: Kickoff call with [Client name]');
    expect(first.textContent).toContain('Assignee: The client’s assignee');
    expect(second.textContent).toContain('Description: ROAS dropped to [Latest roas]. Check budgets and creatives.');

    fireEvent.click(within(first).getByRole('button', { name: 'Use this example' }));
    expect(field(step, /^Title/).value).toBe('Kickoff call with {{client.name}}');
    expect(field(step, /^Priority/).value).toBe('high');
    expect(field(step, /^Due in/).value).toBe('2');
    expect(field(step, /^Assignee/).value).toBe('The client’s assignee');
    expect(within(step).queryByRole('listitem', { name: /^Example/ })).toBeNull();
    expect(within(step).getByRole('status').textContent).toBe('Filled in from the example. Adjust it to your needs.');

    const [saved] = definitionFromDraft({
      name: 'n',
      description: '',
      isActive: true,
      requiresApproval: false,
      triggers: [],
      steps: current,
    }).steps;
    expect(saved).toMatchObject({ id: 'kickoff', type: 'create_task', delayMinutes: 30 });
  });

  it('leaves the Slack recipients of an example to pick, and says so', () => {
    renderWithHelp([action('send_notification', { channel: 'slack' })]);
    const step = screen.getByRole('listitem', { name: 'Step 1: Send an internal notification' });
    fireEvent.click(within(step).getByRole('button', { name: 'Show 2 examples' }));
    const [first] = within(step).getAllByRole('listitem', { name: /^Example/ });
    expect(first.textContent).toContain('Recipients: Slack channels or people you pick');
    expect(first.textContent).not.toContain('C0123ABCD');

    fireEvent.click(within(first).getByRole('button', { name: 'Use this example' }));
    expect(field(step, /^Message/).value).toBe('{{client.name}} moved to {{client.stage}}');
    expect((current[0] as DraftAction).config).toEqual({
      channel: 'slack',
      message: '{{client.name}} moved to {{client.stage}}',
    });
    expect(within(step).getByRole('status').textContent).toBe(
      'Filled in from the example. Still to choose: Recipients (an example cannot know your Slack channels and people).',
    );
  });
});
