import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Template } from '../api/types';
import { tokenStore } from '../auth/tokenStore';
import { errorResponse, jsonResponse } from '../test/fetchStub';
import { workflowDetail } from '../test/fixtures';
import { pathOf, stubApp } from '../test/appStubs';
import { renderApp } from '../test/renderApp';

const ID = 'a1b2c3d4-0000-4000-8000-000000000001';

const workflow = workflowDetail({
  id: ID,
  name: 'Onboarding kickoff',
  isActive: false,
  pausedReason: 'loop_detected',
  triggers: [
    { type: 'stage_change', config: { toStage: 'onboarding' } },
    { type: 'kpi_threshold', config: { metric: 'roas', operator: 'below', value: 2 } },
  ],
  steps: [
    { id: 'task', type: 'create_task', config: { title: 'Kickoff call with {{client.name}}', priority: 'high' } },
    {
      id: 'health',
      type: 'branch',
      condition: { all: [{ field: 'client.health', operator: 'equals', value: 'red' }] },
      then: [{ id: 'alert', type: 'add_alert', config: { title: 'Starts at risk', severity: 'critical' } }],
      else: [
        {
          id: 'ping',
          type: 'send_notification',
          delayMinutes: 30,
          config: { channel: 'slack', recipients: ['C0123'], message: 'Onboarding started' },
        },
      ],
    },
    {
      id: 'draft',
      type: 'draft_communication',
      requiresApproval: true,
      config: { platform: 'email', tone: 'friendly', template: 'Welcome {{client.name}}' },
    },
  ],
});

describe('AutomationPage', () => {
  beforeEach(() => tokenStore.set('jwt-123'));

  it('shows what the automation does in one line, its status, links to edit and to its runs, and its flow diagram in words', async () => {
    stubApp({ [`GET /api/v1/workflows/${ID}`]: () => jsonResponse(200, workflow) });
    renderApp(`/automations/${ID}`);

    expect(await screen.findByRole('heading', { name: 'Onboarding kickoff', level: 2 })).toBeTruthy();
    expect(
      screen.getByText(
        'When a client moves into “onboarding” and the client’s latest roas is below 2 → create a task, add an alert, send a Slack message, draft an email',
      ),
    ).toBeTruthy();
    expect(screen.getByText('Paused')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Edit' }).getAttribute('href')).toBe(`/automations/${ID}/edit`);
    expect(screen.getByRole('link', { name: 'See its runs' }).getAttribute('href')).toBe(`/runs?workflowId=${ID}`);

    const diagram = await screen.findByRole('figure', { name: 'Flow diagram of Onboarding kickoff' });
    for (const text of [
      'Client stage changes',
      'When a client moves into “onboarding”',
      'KPI crosses a threshold',
      'AND',
      'Create a task',
      'Kickoff call with {{client.name}}',
      'IF',
      'Client health equals “red”',
      'Add an alert',
      'Send an internal notification',
      'waits 30 min',
      'Draft a client message',
      'needs approval',
    ]) {
      expect(within(diagram).getAllByText(text).length, text).toBeGreaterThan(0);
    }
    // Labels, never type codes or step ids.
    expect(
      within(diagram).queryByText(
        /create_task|send_notification|add_alert|draft_communication|stage_change|kpi_threshold/,
      ),
    ).toBeNull();
    expect(within(diagram).queryByText('health')).toBeNull();
  });

  it('offers no Edit to a viewer', async () => {
    stubApp({ [`GET /api/v1/workflows/${ID}`]: () => jsonResponse(200, workflow) }, 'viewer');
    renderApp(`/automations/${ID}`);
    await screen.findByRole('heading', { name: 'Onboarding kickoff', level: 2 });
    expect(screen.getByRole('link', { name: 'See its runs' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Edit' })).toBeNull();
  });

  it('says so when the automation does not exist', async () => {
    stubApp({ [`GET /api/v1/workflows/${ID}`]: () => errorResponse(404, 'Not Found', 'Workflow not found') });
    renderApp(`/automations/${ID}`);
    expect(await screen.findByText('Automation not found')).toBeTruthy();
  });
});

/** What a downloaded file holds (jsdom's Blob has no text()). */
function textOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

const TEMPLATE_ID = 'f0e1d2c3-0000-4000-8000-00000000000a';

function savedTemplate(body: { name: string; category: Template['category']; description: string }): Template {
  return {
    id: TEMPLATE_ID,
    ...body,
    source: 'agency',
    definition: {},
    placeholders: [
      {
        key: 'alertsChannel',
        label: 'Slack channel for onboarding alerts',
        description: 'Where the team hears about it',
        schema: { type: 'array' },
      },
      {
        key: 'kickoffOwner',
        label: 'Person who runs the kickoff',
        description: 'Gets the task',
        schema: { type: 'string' },
      },
    ],
    usageCount: 0,
    createdAt: new Date().toISOString(),
    sharedFrom: null,
    share: null,
    triggerTypes: ['stage_change'],
    actionTypes: ['create_task'],
  };
}

describe('AutomationPage: Save as template and Export', () => {
  beforeEach(() => tokenStore.set('jwt-123'));
  const { createObjectURL, revokeObjectURL } = URL;
  afterEach(() => {
    vi.restoreAllMocks();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
  });

  it('saves the automation as a template with a name, category and description, then links to it and names what is to be filled in', async () => {
    const { requests } = stubApp({
      [`GET /api/v1/workflows/${ID}`]: () =>
        jsonResponse(200, { ...workflow, description: 'Kickoff for every new client' }),
      'POST /api/v1/templates': async (request) => jsonResponse(201, savedTemplate(await request.json())),
    });
    renderApp(`/automations/${ID}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Save as template' }));

    const dialog = await screen.findByRole('dialog', { name: 'Save as template' });
    const name = within(dialog).getByRole('textbox', { name: /^Name/ }) as HTMLInputElement;
    expect(name.value).toBe('Onboarding kickoff');
    expect((within(dialog).getByRole('textbox', { name: /^Description/ }) as HTMLTextAreaElement).value).toBe(
      'Kickoff for every new client',
    );
    const category = within(dialog).getByRole('combobox', { name: /^Category/ }) as HTMLSelectElement;
    expect([...category.options].map((option) => option.text)).toEqual([
      'Choose a category…',
      'Onboarding',
      'Retention',
      'Performance',
      'Support',
      'Reporting',
      'Communication',
    ]);

    // The category is needed before anything is sent.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save template' }));
    expect(await within(dialog).findByText('Choose the category it is listed under.')).toBeTruthy();
    expect(requests.some((request) => request.method === 'POST')).toBe(false);

    fireEvent.change(name, { target: { value: 'Onboarding kickoff (team play)' } });
    fireEvent.change(category, { target: { value: 'onboarding' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save template' }));

    const notice = await screen.findByRole('status', { name: /Saved as a template/ });
    const post = requests.find((request) => request.method === 'POST' && pathOf(request) === '/api/v1/templates')!;
    expect(await post.json()).toEqual({
      fromWorkflowId: ID,
      name: 'Onboarding kickoff (team play)',
      category: 'onboarding',
      description: 'Kickoff for every new client',
    });
    expect(within(notice).getByRole('link', { name: 'Open the template' }).getAttribute('href')).toBe(
      `/templates/${TEMPLATE_ID}`,
    );
    expect(
      within(notice).getByText(
        'To be filled in by whoever uses it: Slack channel for onboarding alerts, Person who runs the kickoff.',
      ),
    ).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Save as template' })).toBeNull());
  });

  it('puts the API’s 400 on the field it names and keeps the dialog open', async () => {
    stubApp({
      [`GET /api/v1/workflows/${ID}`]: () => jsonResponse(200, workflow),
      'POST /api/v1/templates': () =>
        jsonResponse(400, {
          statusCode: 400,
          error: 'Bad Request',
          message: 'Validation failed',
          details: [{ path: 'name', message: 'must be at most 120 characters' }],
        }),
    });
    renderApp(`/automations/${ID}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Save as template' }));
    const dialog = await screen.findByRole('dialog', { name: 'Save as template' });
    fireEvent.change(within(dialog).getByRole('combobox', { name: /^Category/ }), { target: { value: 'retention' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save template' }));
    expect(await within(dialog).findByText('must be at most 120 characters')).toBeTruthy();
    expect(screen.queryByRole('status', { name: /Saved as a template/ })).toBeNull();
  });

  it('downloads the exported document as <automation name>.automation.json, for a viewer too, who cannot save templates', async () => {
    const document = {
      format: 'automations.workflow/v1',
      exportedAt: '2026-12-03T18:00:00.000Z',
      definition: {
        name: 'Onboarding kickoff',
        triggers: [],
        steps: [{ id: 'ping', type: 'send_notification', config: { recipients: { $placeholder: 'alertsChannel' } } }],
      },
      placeholders: [{ key: 'alertsChannel', label: 'Slack channel', description: '', schema: { type: 'array' } }],
    };
    stubApp(
      {
        [`GET /api/v1/workflows/${ID}`]: () => jsonResponse(200, { ...workflow, name: 'Onboarding: kickoff / EU' }),
        [`GET /api/v1/workflows/${ID}/export`]: () => jsonResponse(200, document),
      },
      'viewer',
    );
    const files: Blob[] = [];
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        files.push(blob);
        return 'blob:automation';
      },
      revokeObjectURL: () => undefined,
    });
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });

    renderApp(`/automations/${ID}`);
    await screen.findByRole('heading', { name: 'Onboarding: kickoff / EU', level: 2 });
    expect(screen.queryByRole('button', { name: 'Save as template' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));

    await waitFor(() => expect(downloads).toEqual(['Onboarding kickoff EU.automation.json']));
    expect(files).toHaveLength(1);
    expect(JSON.parse(await textOf(files[0]))).toEqual(document);
  });

  it('says so when the export fails', async () => {
    stubApp({
      [`GET /api/v1/workflows/${ID}`]: () => jsonResponse(200, workflow),
      [`GET /api/v1/workflows/${ID}/export`]: () => errorResponse(500, 'Internal Server Error', 'Something went wrong'),
      [`GET /api/v1/workflows/${ID}/versions`]: () => jsonResponse(200, { items: [] }),
    });
    renderApp(`/automations/${ID}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Export' }));
    expect(await screen.findByRole('list', { name: 'Versions' })).toBeTruthy();
    expect(within(await screen.findByRole('alert')).getByText('Something went wrong')).toBeTruthy();
  });
});
