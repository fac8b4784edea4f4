import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { tokenStore } from '../auth/tokenStore';
import { errorResponse, jsonResponse } from '../test/fetchStub';
import { workflowDetail } from '../test/fixtures';
import { pathOf, stubApp } from '../test/appStubs';
import { renderApp } from '../test/renderApp';

const heading = () => screen.getByRole('heading', { level: 3 }).textContent;
const next = () => fireEvent.click(screen.getByRole('button', { name: 'Next' }));
const input = (label: RegExp | string) => screen.getByLabelText(label) as HTMLInputElement;
const change = (label: RegExp | string, value: string) => fireEvent.change(input(label), { target: { value } });
const atStep = (name: string) => waitFor(() => expect(heading()).toBe(name));
const trigger = (n: number) => screen.getByRole('region', { name: `Trigger ${n}` });
const chooseTrigger = (n: number, type: string) =>
  fireEvent.change(within(trigger(n)).getByLabelText(/^Trigger type/), { target: { value: type } });

async function fillUpToReview() {
  await atStep('Basics');
  change(/^Name/, 'Onboarding kickoff');
  next();
  await atStep('Triggers');
  chooseTrigger(1, 'stage_change');
  change(/^To stage/, 'onboarding');
  next();
  await atStep('Actions');
  change('Action of step 1', 'create_task');
  change(/^Title/, 'Kickoff call with ');
  fireEvent.click(screen.getByRole('button', { name: 'Insert a variable into Title' }));
  fireEvent.click(await screen.findByRole('menuitem', { name: /Client name/ }));
  change(/^Priority/, 'high');
  next();
  await atStep('Review & test');
}

const created = (body: Record<string, unknown>) =>
  workflowDetail({ ...body, id: 'f3b1c2d4-0000-4000-8000-000000000001', version: 1 } as never);

describe('AutomationBuilderPage', () => {
  beforeEach(() => tokenStore.set('jwt-123'));

  it('does not leave Basics without a name', async () => {
    stubApp();
    renderApp('/automations/new');
    await atStep('Basics');

    next();
    expect(await screen.findByText('Give the automation a name')).toBeTruthy();
    expect(heading()).toBe('Basics');
    expect(input(/^Name/).getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(input(/^Name/)));

    change(/^Name/, 'Onboarding kickoff');
    expect(screen.queryByText('Give the automation a name')).toBeNull();
    next();
    await atStep('Triggers');
  });

  it('does not leave Triggers without a trigger and its required settings, and says the AND in words', async () => {
    stubApp();
    renderApp('/automations/new');
    await atStep('Basics');
    change(/^Name/, 'Churn watch');
    next();
    await atStep('Triggers');

    next();
    expect(await screen.findByText('Choose a trigger type')).toBeTruthy();
    expect(heading()).toBe('Triggers');

    chooseTrigger(1, 'stage_change');
    next();
    expect(input(/^To stage/).getAttribute('aria-invalid')).toBe('true');
    expect(heading()).toBe('Triggers');
    change(/^To stage/, 'at_risk');
    expect(screen.getByText('Runs for a client when a client moves into “at_risk”.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Add a second trigger (AND)' }));
    chooseTrigger(2, 'kpi_threshold');
    fireEvent.change(screen.getByRole('textbox', { name: /^Metric/ }), { target: { value: 'roas' } }); // a metric picker (combobox): its list is labelled too
    change(/^Operator/, 'below');
    change(/^Threshold/, '2');
    expect(
      screen.getByText(
        'Both must be true (AND): runs for a client when a client moves into “at_risk” while the client’s latest roas is below 2, or when a client’s roas crosses below 2 while the client is in “at_risk”.',
      ),
    ).toBeTruthy();
    next();
    await atStep('Actions');
  });

  it('has no separate schedule step: a schedule is a trigger, set where the trigger is chosen', async () => {
    stubApp();
    renderApp('/automations/new');
    expect(screen.queryByRole('button', { name: /Schedule/ })).toBeNull();
    await atStep('Basics');
    change(/^Name/, 'Weekly check-in');
    next();
    await atStep('Triggers');

    chooseTrigger(1, 'stage_change');
    expect(within(trigger(1)).queryByLabelText('Repeat')).toBeNull();

    chooseTrigger(1, 'scheduled');
    expect((within(trigger(1)).getByLabelText('Repeat') as HTMLSelectElement).value).not.toBe('');
    expect(await within(trigger(1)).findByRole('list', { name: /^Next 5 runs/ })).toBeTruthy();
    next();
    await atStep('Actions');
  });

  it('never turns an event automation into a scheduled one on its own', async () => {
    const { requests } = stubApp({
      'POST /api/v1/workflows': async (request) => jsonResponse(201, created(await request.json())),
    });
    renderApp('/automations/new');
    await fillUpToReview();

    fireEvent.click(screen.getByRole('button', { name: 'Save paused' }));
    await waitFor(() =>
      expect(requests.some((r) => r.method === 'POST' && pathOf(r) === '/api/v1/workflows')).toBe(true),
    );
    const post = requests.find((r) => r.method === 'POST' && pathOf(r) === '/api/v1/workflows')!;
    const body = (await post.json()) as { triggers: { type: string }[] };
    expect(body.triggers.map((t) => t.type)).toEqual(['stage_change']);
  });

  it('creates and activates an automation, with a variable picked into a template', async () => {
    const { requests } = stubApp({
      'POST /api/v1/workflows': async (request) => jsonResponse(201, created(await request.json())),
    });
    const { router } = renderApp('/automations/new');
    await fillUpToReview();

    expect(screen.getByText('Runs for a client when a client moves into “onboarding”.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save and activate' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(await screen.findByText('“Onboarding kickoff” created and active')).toBeTruthy();
    const post = requests.find((r) => r.method === 'POST' && pathOf(r) === '/api/v1/workflows')!;
    expect(await post.json()).toEqual({
      name: 'Onboarding kickoff',
      description: null,
      isActive: true,
      requiresApproval: false,
      triggers: [{ type: 'stage_change', config: { toStage: 'onboarding' } }],
      steps: [{ type: 'create_task', config: { title: 'Kickoff call with {{client.name}}', priority: 'high' } }],
    });
  });

  it('puts the API’s 400 details on the right field and opens the step that shows it', async () => {
    stubApp({
      'POST /api/v1/workflows': () =>
        jsonResponse(400, {
          statusCode: 400,
          error: 'Bad Request',
          message: 'steps[0].config.title: unknown template variable',
          details: [{ path: 'steps[0].config.title', message: "unknown template variable '{{client.nickname}}'" }],
        }),
    });
    renderApp('/automations/new');
    await fillUpToReview();

    fireEvent.click(screen.getByRole('button', { name: 'Save paused' }));
    await atStep('Actions');
    const title = input(/^Title/);
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText("unknown template variable '{{client.nickname}}'")).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(title));

    change(/^Title/, 'Kickoff call');
    expect(screen.queryByText("unknown template variable '{{client.nickname}}'")).toBeNull();
  });

  it('checks templates before saving', async () => {
    stubApp();
    renderApp('/automations/new');
    await atStep('Basics');
    change(/^Name/, 'x');
    next();
    await atStep('Triggers');
    chooseTrigger(1, 'inactivity');
    change(/^Days without activity/, '14');
    next();
    await atStep('Actions');
    change('Action of step 1', 'add_alert');
    change(/^Title/, '{{client.nickname}} is quiet');
    change(/^Severity/, 'warning');
    next();
    expect(await screen.findByText(/unknown template variable '\{\{client.nickname\}\}'/)).toBeTruthy();
    expect(heading()).toBe('Actions');
  });

  it('edits a saved automation in the same wizard and saves it with the version it started from', async () => {
    const saved = workflowDetail({
      id: '7a1d6c2e-1111-4222-8333-444455556666',
      name: 'Onboarding kickoff',
      version: 3,
      steps: [
        { id: 'task', type: 'create_task', config: { title: 'Kickoff call with {{client.name}}', priority: 'high' } },
        {
          id: 'health',
          type: 'branch',
          condition: { all: [{ field: 'metrics.roas', operator: 'less_than', value: 2 }] },
          then: [
            { id: 'alert', type: 'add_alert', delayMinutes: 30, config: { title: 'Low ROAS', severity: 'critical' } },
          ],
        },
      ],
    });
    const { requests } = stubApp({
      [`GET /api/v1/workflows/${saved.id}`]: () => jsonResponse(200, saved),
      [`PATCH /api/v1/workflows/${saved.id}`]: async (request) =>
        jsonResponse(200, { ...saved, ...(await request.json()), version: 4 }),
    });
    const { router } = renderApp(`/automations/${saved.id}/edit`);

    await atStep('Basics');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Edit “Onboarding kickoff”');
    expect(input(/^Name/).value).toBe('Onboarding kickoff');

    fireEvent.click(screen.getByRole('button', { name: /Actions/ }));
    await atStep('Actions');
    const first = screen.getByRole('listitem', { name: 'Step 1: Create a task' });
    expect((within(first).getByLabelText(/^Title/) as HTMLInputElement).value).toBe(
      'Kickoff call with {{client.name}}',
    );
    const branch = screen.getByRole('listitem', { name: 'Step 2: IF / ELSE branch' });
    expect((within(branch).getByRole('textbox', { name: 'Rule 1 value' }) as HTMLInputElement).value).toBe('2');

    fireEvent.click(screen.getByRole('button', { name: /Review & test/ }));
    await atStep('Review & test');
    fireEvent.click(screen.getByRole('button', { name: 'Save paused' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(await screen.findByText('“Onboarding kickoff” saved (paused)')).toBeTruthy();
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(await patch.json()).toEqual({
      name: 'Onboarding kickoff',
      description: 'Create a kickoff task when a client moves to Onboarding',
      isActive: false,
      requiresApproval: false,
      expectedVersion: 3,
      triggers: [{ type: 'stage_change', config: { toStage: 'onboarding' } }],
      steps: saved.steps,
    });
  });

  it('previews the automation step by step with the rendered messages', async () => {
    const { requests } = stubApp({
      'POST /api/v1/workflows/test': () =>
        jsonResponse(200, {
          workflow: { id: null, name: 'Onboarding kickoff', version: null },
          client: { id: null, name: 'Sample Client', stage: 'onboarding', health: 'green', sample: true },
          trigger: { fired: true, basis: 'event', triggerType: 'stage_change' },
          steps: [
            {
              stepId: 'create_task_1',
              type: 'create_task',
              path: 'steps[0]',
              outcome: 'execute',
              awaitsApproval: false,
              renderedConfig: { title: 'Kickoff call with Sample Client', priority: 'high' },
              wouldDo: 'Create a high-priority task “Kickoff call with Sample Client”',
            },
          ],
          warnings: [],
        }),
    });
    renderApp('/automations/new');
    await fillUpToReview();

    expect(
      (
        screen.getByRole('checkbox', {
          name: /Simulate the trigger: the client moves into “onboarding”/,
        }) as HTMLInputElement
      ).checked,
    ).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Run preview' }));

    const output = await screen.findByRole('region', { name: 'Preview output' });
    expect(within(output).getByText('A run would start for Sample Client (sample).')).toBeTruthy();
    expect(within(output).getByText('Create a high-priority task “Kickoff call with Sample Client”')).toBeTruthy();
    expect(within(output).getByText('would run')).toBeTruthy();
    expect(within(output).getByText('1. Create a task: Kickoff call with Sample Client')).toBeTruthy();
    expect(within(output).queryByText('create_task_1')).toBeNull();

    const body = await requests.find((r) => pathOf(r) === '/api/v1/workflows/test')!.json();
    expect(body).toMatchObject({
      definition: { name: 'Onboarding kickoff', steps: [{ type: 'create_task' }] },
      client: { name: 'Sample Client', stage: 'onboarding', health: 'green' },
      event: { type: 'client.stage_changed', data: { toStage: 'onboarding' } },
    });
  });

  it('badges every step “would not run” when the trigger would not start a run, in plain words', async () => {
    stubApp({
      'POST /api/v1/workflows/test': () =>
        jsonResponse(200, {
          workflow: { id: null, name: 'Onboarding kickoff', version: null },
          client: { id: null, name: 'Sample Client', stage: 'lead', health: 'green', sample: true },
          trigger: {
            fired: false,
            basis: 'event',
            triggerType: 'stage_change',
            reason: 'partner kpi_threshold: roas is 2.4, not below 2',
          },
          steps: [
            {
              stepId: 'create_task_1',
              type: 'create_task',
              path: 'steps[0]',
              outcome: 'execute',
              awaitsApproval: false,
              renderedConfig: { title: 'Kickoff' },
            },
          ],
          warnings: [],
        }),
    });
    renderApp('/automations/new');
    await fillUpToReview();
    fireEvent.click(screen.getByRole('button', { name: 'Run preview' }));

    const output = await screen.findByRole('region', { name: 'Preview output' });
    expect(
      within(output).getByText('No run would start for Sample Client (sample): roas is 2.4, not below 2'),
    ).toBeTruthy();
    expect(within(output).getByText('would not run')).toBeTruthy();
    expect(within(output).queryByText('would run')).toBeNull();
    expect(within(output).queryByText(/partner/)).toBeNull();
  });

  it('says so when the server cannot preview yet', async () => {
    stubApp({
      'POST /api/v1/workflows/test': () => errorResponse(404, 'Not Found', 'Cannot POST /api/v1/workflows/test'),
    });
    renderApp('/automations/new');
    await fillUpToReview();

    fireEvent.click(screen.getByRole('button', { name: 'Run preview' }));
    expect(await screen.findByText('Preview not available yet')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save and activate' })).toBeTruthy();
  });

  it('draws the flow beside the Actions step and follows every edit', async () => {
    stubApp();
    renderApp('/automations/new');
    await atStep('Basics');
    change(/^Name/, 'Onboarding kickoff');
    next();
    await atStep('Triggers');
    chooseTrigger(1, 'stage_change');
    change(/^To stage/, 'onboarding');
    expect(screen.queryByRole('figure', { name: 'Flow diagram of this automation' })).toBeNull();
    next();
    await atStep('Actions');

    const diagram = await screen.findByRole('figure', { name: 'Flow diagram of this automation' });
    expect(within(diagram).getByText('When a client moves into “onboarding”')).toBeTruthy();
    expect(within(diagram).getByText('New action')).toBeTruthy();
    change('Action of step 1', 'create_task');
    change(/^Title/, 'Kickoff call');
    await waitFor(() => expect(within(diagram).getByText('Create a task')).toBeTruthy());
    expect(within(diagram).getByText('Kickoff call')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Add IF/ELSE branch' }));
    await waitFor(() => expect(within(diagram).getByText('IF')).toBeTruthy());
  });

  it('asks before discarding changes', async () => {
    stubApp();
    const { router } = renderApp('/automations/new');
    await atStep('Basics');
    change(/^Name/, 'Half-done');

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    const dialog = await screen.findByRole('dialog', { name: 'Discard your changes?' });
    expect(router.state.location.pathname).toBe('/automations/new');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
  });
});
