import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { tokenStore } from '../auth/tokenStore';
import { errorResponse, jsonResponse } from '../test/fetchStub';
import { workflowDetail, workflowItem, workflowPage } from '../test/fixtures';
import { pathOf, stubApp } from '../test/appStubs';
import { renderApp } from '../test/renderApp';
import {
  agencyTemplate,
  onboardingTemplate,
  sharedTemplate,
  templateDto,
  templatePage,
} from '../test/templateFixtures';
import type { Role, WorkflowPage } from '../api/types';

function stubApi(workflows: (request: Request) => Response, role: Role = 'manager', extra = {}) {
  return stubApp({ 'GET /api/v1/workflows': workflows, ...extra }, role);
}

const listQuery = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);
const listRequests = (requests: Request[]) => requests.filter((r) => pathOf(r) === '/api/v1/workflows');

describe('AutomationsDashboardPage', () => {
  beforeEach(() => tokenStore.set('jwt-123'));

  it('lists automations with status, paused reason, stats and the attention badge', async () => {
    const page: WorkflowPage = workflowPage([
      workflowItem({ name: 'Onboarding kickoff', failedRunsNeedingAttention: 2 }),
      workflowItem({
        name: 'Low ROAS alert',
        isActive: false,
        pausedReason: 'Paused automatically after 5 consecutive failures',
        successRate: null,
        runCount: 1234,
        lastRunAt: null,
      }),
    ]);
    const { requests } = stubApi(() => jsonResponse(200, page));
    renderApp('/');

    const active = await screen.findByRole('article', { name: 'Onboarding kickoff' });
    expect(within(active).getByText('Active')).toBeTruthy();
    expect(within(active).getByText('2 failed runs need attention')).toBeTruthy();
    expect(within(active).getByText('5 minutes ago')).toBeTruthy();
    expect(within(active).getByText('94.9%')).toBeTruthy();
    expect(within(active).getByText('120')).toBeTruthy();

    const paused = screen.getByRole('article', { name: 'Low ROAS alert' });
    expect(within(paused).getByText('Paused')).toBeTruthy();
    expect(within(paused).getByText('Paused automatically after 5 consecutive failures')).toBeTruthy();
    expect(within(paused).queryByText(/need attention/)).toBeNull();
    expect(within(paused).getByText('Never')).toBeTruthy();
    expect(within(paused).getByText('—')).toBeTruthy();
    expect(within(paused).getByText('1,234')).toBeTruthy();

    expect(await screen.findByText('Brightside Media')).toBeTruthy();

    const [listRequest] = listRequests(requests);
    expect(listQuery(listRequest)).toEqual({ page: '1', pageSize: '50', sort: '-updatedAt' });
    expect(listRequest.headers.get('Authorization')).toBe('Bearer jwt-123');
  });

  it('offers the most used templates instead of a blank page when the agency has no automations', async () => {
    const templates = [templateDto(), onboardingTemplate(), agencyTemplate(), sharedTemplate()];
    const { requests } = stubApi(() => jsonResponse(200, workflowPage([])), 'manager', {
      'GET /api/v1/templates': () => jsonResponse(200, templatePage(templates)),
    });
    const { router } = renderApp('/');

    expect(await screen.findByText('No automations yet — start from a template')).toBeTruthy();
    const offered = await screen.findAllByRole('article');
    expect(offered.map((card) => card.getAttribute('aria-label'))).toEqual([
      'ROAS drop rescue',
      'Onboarding kickoff',
      'Monthly report heads-up',
    ]);
    expect(within(offered[0]).getByText('Used 3 times')).toBeTruthy();
    expect(within(offered[0]).getByRole('link', { name: 'Use template ROAS drop rescue' }).getAttribute('href')).toBe(
      '/automations/new?template=builtin-roas-drop-rescue',
    );
    const templateRequest = requests.find((request) => pathOf(request) === '/api/v1/templates')!;
    expect(listQuery(templateRequest)).toEqual({ page: '1', pageSize: '3' });
    expect(screen.getByRole('link', { name: 'Browse all templates' }).getAttribute('href')).toBe('/templates');
    expect(screen.getByRole('link', { name: '/api/docs' }).getAttribute('href')).toBe('/api/docs');
    fireEvent.click(screen.getByRole('link', { name: 'Start from scratch' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/automations/new'));
  });

  it('offers viewers the templates to look at, without “Use template” or “Start from scratch”', async () => {
    stubApi(() => jsonResponse(200, workflowPage([])), 'viewer', {
      'GET /api/v1/templates': () => jsonResponse(200, templatePage([templateDto()])),
    });
    renderApp('/');
    const card = await screen.findByRole('article', { name: 'ROAS drop rescue' });
    expect(within(card).queryByRole('link', { name: /Use template/ })).toBeNull();
    expect(screen.getByRole('link', { name: 'Browse all templates' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Start from scratch' })).toBeNull();
    expect(screen.getByText('Ask an admin or account manager to create one.')).toBeTruthy();
  });

  it('filters by status, search and sort, and says when nothing matches', async () => {
    const { requests } = stubApi((request) => {
      const query = listQuery(request);
      if (query.search) return jsonResponse(200, workflowPage([]));
      return jsonResponse(200, workflowPage([workflowItem({ name: 'Onboarding kickoff' })]));
    });
    const { router } = renderApp('/');
    await screen.findByRole('article', { name: 'Onboarding kickoff' });

    fireEvent.click(screen.getByRole('radio', { name: 'Paused' }));
    await waitFor(() => expect(listQuery(listRequests(requests).at(-1)!)).toMatchObject({ status: 'paused' }));

    fireEvent.change(screen.getByRole('combobox', { name: 'Sort by' }), { target: { value: '-runCount' } });
    await waitFor(() =>
      expect(listQuery(listRequests(requests).at(-1)!)).toMatchObject({ status: 'paused', sort: '-runCount' }),
    );

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search automations' }), { target: { value: ' zzz ' } });
    expect(await screen.findByText('No automations match your filters.')).toBeTruthy();
    expect(listQuery(listRequests(requests).at(-1)!)).toMatchObject({
      status: 'paused',
      search: 'zzz',
      sort: '-runCount',
    });
    expect(router.state.location.search).toBe('?status=paused&sort=-runCount&q=zzz');

    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await screen.findByRole('article', { name: 'Onboarding kickoff' });
    expect(router.state.location.search).toBe('?sort=-runCount');
    expect((screen.getByRole('searchbox', { name: 'Search automations' }) as HTMLInputElement).value).toBe('');
  });

  it('shows an error with a retry when the list fails to load', async () => {
    let calls = 0;
    stubApi(() => {
      calls += 1;
      return calls === 1
        ? errorResponse(500, 'Internal Server Error', 'Database unavailable')
        : jsonResponse(200, workflowPage([workflowItem({ name: 'Onboarding kickoff' })]));
    });
    renderApp('/');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load automations');
    expect(alert.textContent).toContain('Database unavailable');

    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('article', { name: 'Onboarding kickoff' })).toBeTruthy();
  });

  it('shows a loading state until the list arrives', async () => {
    let respond: (response: Response) => void = () => undefined;
    stubApi(() => new Promise<Response>((resolve) => (respond = resolve)) as unknown as Response);
    renderApp('/');

    expect(await screen.findByText('Loading automations…')).toBeTruthy();
    respond(jsonResponse(200, workflowPage([])));
    expect(await screen.findByText(/^No automations yet/)).toBeTruthy();
  });

  it('goes back to the login page when the API answers 401', async () => {
    stubApi(() => errorResponse(401, 'Unauthorized', 'Token expired'));
    const { router } = renderApp('/');

    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(tokenStore.get()).toBeNull();
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('shows the analytics figures when the server has them, and nothing when it answers 404', async () => {
    const analytics = {
      totals: { total: 1327, byStatus: { completed: 1210, failed: 37 }, successRate: 0.9703 },
      durations: { avgMs: 1830 },
      timeSaved: { minutes: 2880 },
      approvals: { pending: 4 },
    };
    stubApi(() => jsonResponse(200, workflowPage([workflowItem()])), 'manager', {
      'GET /api/v1/workflows/analytics': () => jsonResponse(200, analytics),
    });
    renderApp('/');

    const figures = await screen.findByRole('region', { name: 'Last 30 days' });
    expect(within(figures).getByText('1,327')).toBeTruthy();
    expect(within(figures).getByText('97%')).toBeTruthy();
    expect(within(figures).getByText('37')).toBeTruthy();
    expect(within(figures).getByText('48 h')).toBeTruthy();
    expect(within(figures).getByText('4')).toBeTruthy();
  });

  it('leaves the figures out when analytics do not exist yet', async () => {
    const { requests } = stubApi(() => jsonResponse(200, workflowPage([workflowItem({ name: 'Onboarding kickoff' })])));
    renderApp('/');

    await screen.findByRole('article', { name: 'Onboarding kickoff' });
    await waitFor(() => expect(requests.some((r) => pathOf(r) === '/api/v1/workflows/analytics')).toBe(true));
    expect(screen.queryByRole('region', { name: 'Last 30 days' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('does not call analytics when the OpenAPI spec says the server has none', async () => {
    const { requests } = stubApi(
      () => jsonResponse(200, workflowPage([workflowItem({ name: 'Onboarding kickoff' })])),
      'manager',
      {
        'GET /api/openapi.json': () =>
          jsonResponse(200, { openapi: '3.0.0', paths: { '/api/v1/workflows': { get: {} } } }),
      },
    );
    renderApp('/');

    await screen.findByRole('article', { name: 'Onboarding kickoff' });
    await waitFor(() => expect(requests.some((r) => pathOf(r) === '/api/openapi.json')).toBe(true));
    expect(requests.some((r) => pathOf(r) === '/api/v1/workflows/analytics')).toBe(false);
  });
});

describe('role-aware controls', () => {
  beforeEach(() => tokenStore.set('jwt-123'));

  it('gives viewers no create, edit, toggle or delete controls', async () => {
    stubApi(() => jsonResponse(200, workflowPage([workflowItem({ name: 'Onboarding kickoff' })])), 'viewer');
    renderApp('/');

    const card = await screen.findByRole('article', { name: 'Onboarding kickoff' });
    expect(await screen.findByText('Viewer · read-only')).toBeTruthy();
    expect(within(card).queryByRole('switch')).toBeNull();
    expect(within(card).queryByRole('button', { name: /delete/i })).toBeNull();
    expect(within(card).queryByRole('link', { name: /edit/i })).toBeNull();
    expect(screen.queryByRole('link', { name: 'New automation' })).toBeNull();
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('link', { name: 'Automations' })).toBeTruthy();
  });

  it('shows viewers a read-only notice instead of the builder', async () => {
    stubApi(() => jsonResponse(200, workflowPage([])), 'viewer');
    renderApp('/automations/new');

    expect(await screen.findByText('Read-only access')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Next' })).toBeNull();
  });

  it('gives managers the toggle, edit and delete, and the New automation entry', async () => {
    stubApi(() => jsonResponse(200, workflowPage([workflowItem({ name: 'Onboarding kickoff' })])), 'manager');
    renderApp('/');

    const card = await screen.findByRole('article', { name: 'Onboarding kickoff' });
    expect(await within(card).findByRole('switch', { name: 'Active: Onboarding kickoff' })).toBeTruthy();
    expect(within(card).getByRole('link', { name: 'Edit Onboarding kickoff' }).getAttribute('href')).toMatch(
      /^\/automations\/.+\/edit$/,
    );
    fireEvent.click(within(card).getByRole('button', { name: 'More actions for Onboarding kickoff' }));
    expect(await screen.findByRole('menuitem', { name: 'Delete…' })).toBeTruthy();
    expect(screen.getAllByRole('link', { name: 'New automation' }).length).toBeGreaterThan(0);
    expect(screen.getByText('Manager')).toBeTruthy();
  });

  it('pauses after a confirmation and resumes at once', async () => {
    const item = workflowItem({ name: 'Onboarding kickoff' });
    const { requests } = stubApi(() => jsonResponse(200, workflowPage([item])), 'manager', {
      [`PATCH /api/v1/workflows/${item.id}/toggle`]: async (request: Request) =>
        jsonResponse(200, { ...item, ...(await request.json()), updatedAt: new Date().toISOString() }),
    });
    renderApp('/');

    const toggle = await screen.findByRole('switch', { name: 'Active: Onboarding kickoff' });
    fireEvent.click(toggle);
    const dialog = await screen.findByRole('dialog', { name: 'Pause “Onboarding kickoff”?' });
    expect(dialog.textContent).toContain('queued and waiting runs are cancelled');
    expect(requests.some((r) => r.method === 'PATCH')).toBe(false);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Pause' }));
    await waitFor(() => expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(1));
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(await patch.json()).toEqual({ isActive: false });
    await waitFor(() =>
      expect((screen.getByRole('switch', { name: 'Active: Onboarding kickoff' }) as HTMLInputElement).checked).toBe(
        false,
      ),
    );

    fireEvent.click(screen.getByRole('switch', { name: 'Active: Onboarding kickoff' }));
    await waitFor(() => expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(2));
    expect(await requests.filter((r) => r.method === 'PATCH')[1].json()).toEqual({ isActive: true });
  });

  it('deletes only after a confirmation', async () => {
    const item = workflowItem({ name: 'Onboarding kickoff' });
    let deleted = false;
    const { requests } = stubApi(() => jsonResponse(200, workflowPage(deleted ? [] : [item])), 'manager', {
      [`DELETE /api/v1/workflows/${item.id}`]: () => {
        deleted = true;
        return new Response(null, { status: 204 });
      },
    });
    renderApp('/');

    const openDelete = async () => {
      fireEvent.click(await screen.findByRole('button', { name: 'More actions for Onboarding kickoff' }));
      fireEvent.click(await screen.findByRole('menuitem', { name: 'Delete…' }));
    };
    await openDelete();
    let dialog = await screen.findByRole('dialog', { name: 'Delete “Onboarding kickoff”?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);

    await openDelete();
    dialog = await screen.findByRole('dialog', { name: 'Delete “Onboarding kickoff”?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText(/^No automations yet/)).toBeTruthy();
    expect(requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });

  it('says in one line what each automation does, and links its name to its page', async () => {
    const item = workflowItem({ name: 'Onboarding kickoff' });
    stubApi(() => jsonResponse(200, workflowPage([item])), 'viewer', {
      [`GET /api/v1/workflows/${item.id}`]: () =>
        jsonResponse(
          200,
          workflowDetail({
            id: item.id,
            triggers: [{ type: 'stage_change', config: { toStage: 'onboarding' } }],
            steps: [
              { id: 'task', type: 'create_task', config: { title: 'Kickoff', priority: 'high' } },
              {
                id: 'b',
                type: 'branch',
                condition: { all: [{ field: 'client.health', operator: 'equals', value: 'red' }] },
                then: [
                  {
                    id: 'ping',
                    type: 'send_notification',
                    config: { channel: 'slack', recipients: ['C1'], message: 'Hi' },
                  },
                ],
              },
              {
                id: 'draft',
                type: 'draft_communication',
                config: { platform: 'email', tone: 'friendly', template: 'Welcome' },
              },
            ],
          }),
        ),
    });
    renderApp('/');

    const card = await screen.findByRole('article', { name: 'Onboarding kickoff' });
    expect(
      await within(card).findByText(
        'When a client moves into “onboarding” → create a task, send a Slack message, draft an email',
      ),
    ).toBeTruthy();
    expect(within(card).getByRole('link', { name: 'Onboarding kickoff' }).getAttribute('href')).toBe(
      `/automations/${item.id}`,
    );
  });

  it('switches to a compact table, kept in the URL and remembered for the next visit', async () => {
    const item = workflowItem({ name: 'Onboarding kickoff', runCount: 7 });
    stubApi(() => jsonResponse(200, workflowPage([item])), 'manager');
    const view = renderApp('/');
    await screen.findByRole('article', { name: 'Onboarding kickoff' });
    expect(screen.queryByRole('table', { name: 'Automations' })).toBeNull();

    fireEvent.click(screen.getByRole('radio', { name: 'Table' }));
    const table = await screen.findByRole('table', { name: 'Automations' });
    const row = within(table).getByRole('row', { name: 'Onboarding kickoff' });
    expect(within(row).getByRole('link', { name: 'Onboarding kickoff' }).getAttribute('href')).toBe(
      `/automations/${item.id}`,
    );
    expect(within(row).getByText('7')).toBeTruthy();
    expect(within(row).getByRole('switch', { name: 'Active: Onboarding kickoff' })).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'More actions for Onboarding kickoff' })).toBeTruthy();
    expect(screen.queryByRole('article', { name: 'Onboarding kickoff' })).toBeNull();
    expect(view.router.state.location.search).toBe('?view=table');
    view.unmount();

    renderApp('/');
    expect(await screen.findByRole('table', { name: 'Automations' })).toBeTruthy();
  });
});
