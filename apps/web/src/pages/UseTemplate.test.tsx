import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { tokenStore } from '../auth/tokenStore';
import { pathOf, stubApp } from '../test/appStubs';
import { jsonResponse } from '../test/fetchStub';
import { workflowDetail } from '../test/fixtures';
import { renderApp } from '../test/renderApp';
import { DANA_ID, templateDto } from '../test/templateFixtures';

const template = templateDto();
const DANA = {
  id: DANA_ID,
  email: 'dana@agency.test',
  name: 'Dana Smith',
  role: 'manager',
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const heading = () => screen.getByRole('heading', { level: 3 }).textContent;
const atStep = (name: string) => waitFor(() => expect(heading()).toBe(name));
const next = () => fireEvent.click(screen.getByRole('button', { name: 'Next' }));
/** Options of the combobox dropdown opened last. */
const optionTexts = () =>
  within(screen.getAllByRole('listbox').at(-1)!)
    .getAllByRole('option')
    .map((option) => option.textContent);
const created = (body: Record<string, unknown>) =>
  workflowDetail({ ...body, id: 'f3b1c2d4-0000-4000-8000-000000000001', version: 1 } as never);

function stubTemplateApi(extra = {}) {
  return stubApp({
    [`GET /api/v1/templates/${template.id}`]: () => jsonResponse(200, template),
    'GET /api/v1/users': () => jsonResponse(200, { items: [DANA], total: 1, page: 1, pageSize: 200 }),
    'GET /api/v1/integrations/slack/directory': () =>
      jsonResponse(200, {
        connected: true,
        problem: null,
        channels: [{ id: 'C0ALERTS', name: 'alerts', isPrivate: false }],
        users: [],
        truncated: false,
      }),
    'POST /api/v1/templates/builtin-roas-drop-rescue/instantiate': async (request: Request) => {
      const body = (await request.json()) as { name: string; activate: boolean };
      return jsonResponse(201, created({ name: body.name, isActive: body.activate }));
    },
    'POST /api/v1/workflows': async (request: Request) => jsonResponse(201, created(await request.json())),
    ...extra,
  });
}

async function fillInValues() {
  await atStep('Fill in');
  const channel = await screen.findByRole('textbox', { name: /^Where the team hears about it/ });
  fireEvent.click(channel);
  await waitFor(() => expect(optionTexts()).toContain('#alerts'));
  fireEvent.click(screen.getByRole('option', { name: '#alerts' }));
  const owner = screen.getByRole('textbox', { name: /^Who fixes the campaigns/ });
  fireEvent.click(owner);
  await waitFor(() => expect(optionTexts()).toContain('Dana Smith (manager)'));
  fireEvent.click(screen.getByRole('option', { name: 'Dana Smith (manager)' }));
}

/** Next through Basics (where `onBasics` may change something), Triggers and Actions to “Review & test”. */
async function continueToReview(onBasics?: () => void) {
  next();
  await atStep('Basics');
  onBasics?.();
  next();
  await atStep('Triggers');
  next();
  await atStep('Actions');
  next();
  await atStep('Review & test');
}

describe('Use template: the wizard starts with “Fill in”', () => {
  beforeEach(() => tokenStore.set('jwt-123'));

  it('asks only for the template’s values, from their schemas: pickers for Slack and people, defaults filled in, required ones checked', async () => {
    stubTemplateApi();
    renderApp(`/automations/new?template=${template.id}`);

    expect(
      await screen.findByRole('heading', { level: 2, name: 'New automation from “ROAS drop rescue”' }),
    ).toBeTruthy();
    await atStep('Fill in');
    expect(screen.getByText(/“ROAS drop rescue” needs a few things from your agency/)).toBeTruthy();
    expect(screen.getByText('Channels and people of your Slack workspace.')).toBeTruthy(); // the Slack picker
    expect(screen.getByRole('textbox', { name: /^Who fixes the campaigns/ })).toBeTruthy(); // the people picker
    expect((screen.getByRole('textbox', { name: /^ROAS floor/ }) as HTMLInputElement).value).toBe('2'); // its default
    expect(screen.queryByLabelText(/^Name/)).toBeNull(); // nothing else is asked here

    next();
    await waitFor(() => expect(screen.getAllByText('Required')).toHaveLength(2)); // the channel and the person; the floor has its default
    expect(heading()).toBe('Fill in');

    fireEvent.change(screen.getByRole('textbox', { name: /^ROAS floor/ }), { target: { value: '500' } });
    next();
    expect(await screen.findByText('Must be at most 100')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /^ROAS floor/ }), { target: { value: '1.5' } });
    await fillInValues();
    next();
    await atStep('Basics');
    expect((screen.getByLabelText(/^Name/) as HTMLInputElement).value).toBe('ROAS drop rescue');
  });

  it('saves the template as filled in through instantiate (so its usage counts), switched on', async () => {
    const { requests } = stubTemplateApi();
    const { router } = renderApp(`/automations/new?template=${template.id}`);
    await fillInValues();
    await continueToReview();

    fireEvent.click(screen.getByRole('button', { name: 'Save and activate' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(await screen.findByText('“ROAS drop rescue” created and active')).toBeTruthy();
    const instantiate = requests.find((request) => pathOf(request) === `/api/v1/templates/${template.id}/instantiate`)!;
    expect(await instantiate.json()).toEqual({
      values: { alertsChannel: ['C0ALERTS'], owner: DANA_ID, roasFloor: 2 },
      name: 'ROAS drop rescue',
      activate: true,
    });
    expect(requests.some((request) => request.method === 'POST' && pathOf(request) === '/api/v1/workflows')).toBe(
      false,
    );
  });

  it('saves an edited template like any new automation, with the values filled into the definition', async () => {
    const { requests } = stubTemplateApi();
    const { router } = renderApp(`/automations/new?template=${template.id}`);
    await fillInValues();
    await continueToReview(() =>
      fireEvent.change(screen.getByLabelText(/^Description/), { target: { value: 'Our own rescue play' } }),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Save paused' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    const post = requests.find((request) => request.method === 'POST' && pathOf(request) === '/api/v1/workflows')!;
    const body = (await post.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      name: 'ROAS drop rescue',
      description: 'Our own rescue play',
      isActive: false,
      triggers: [{ type: 'kpi_threshold', config: { metric: 'roas', operator: 'below', value: 2 } }],
      steps: [
        { id: 'alert_team', type: 'send_notification', config: { channel: 'slack', recipients: ['C0ALERTS'] } },
        { id: 'fix_task', type: 'create_task', config: { assignee: DANA_ID } },
      ],
    });
    expect(JSON.stringify(body)).not.toContain('$placeholder');
    expect(requests.some((request) => pathOf(request).endsWith('/instantiate'))).toBe(false);
  });

  it('takes the API’s 400 on a value back to “Fill in”, on that field', async () => {
    stubTemplateApi({
      'POST /api/v1/templates/builtin-roas-drop-rescue/instantiate': () =>
        jsonResponse(400, {
          statusCode: 400,
          error: 'Bad Request',
          message: 'values.owner: Who fixes the campaigns: no active user with this id',
          details: [{ path: 'values.owner', message: 'Who fixes the campaigns: no active user with this id' }],
        }),
    });
    renderApp(`/automations/new?template=${template.id}`);
    await fillInValues();
    await continueToReview();
    fireEvent.click(screen.getByRole('button', { name: 'Save paused' }));
    await atStep('Fill in');
    expect(await screen.findByText('Who fixes the campaigns: no active user with this id')).toBeTruthy();
  });

  it('says so when the template does not exist', async () => {
    stubApp();
    renderApp('/automations/new?template=builtin-gone');
    expect(await screen.findByText('Template not found')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Browse the templates' }).getAttribute('href')).toBe('/templates');
  });
});
