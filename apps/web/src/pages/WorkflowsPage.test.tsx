import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { tokenStore } from '../auth/tokenStore';
import { errorResponse, jsonResponse, stubFetch } from '../test/fetchStub';
import { agency, workflowItem, workflowPage } from '../test/fixtures';
import { renderApp } from '../test/renderApp';
import type { WorkflowPage } from '../api/types';

function stubApi(workflows: (request: Request) => Response) {
  return stubFetch({
    'GET /api/v1/agency': () => jsonResponse(200, agency),
    'GET /api/v1/workflows': workflows,
  });
}

const listQuery = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);
const workflowRequests = (requests: Request[]) => requests.filter((r) => r.url.includes('/api/v1/workflows'));

describe('WorkflowsPage', () => {
  beforeEach(() => tokenStore.set('jwt-123'));

  it('lists workflows with status, paused reason, stats and the attention badge', async () => {
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

    const [listRequest] = workflowRequests(requests);
    expect(listQuery(listRequest)).toEqual({ page: '1', pageSize: '50', sort: '-updatedAt' });
    expect(listRequest.headers.get('Authorization')).toBe('Bearer jwt-123');
  });

  it('shows the empty state when the agency has no automations', async () => {
    stubApi(() => jsonResponse(200, workflowPage([])));
    renderApp('/');

    expect(await screen.findByText(/No automations yet — create one via the API, see/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '/api/docs' }).getAttribute('href')).toBe('/api/docs');
  });

  it('filters by status and search, and says when nothing matches', async () => {
    const { requests } = stubApi((request) => {
      const query = listQuery(request);
      if (query.search) return jsonResponse(200, workflowPage([]));
      return jsonResponse(200, workflowPage([workflowItem({ name: 'Onboarding kickoff' })]));
    });
    const { router } = renderApp('/');
    await screen.findByRole('article', { name: 'Onboarding kickoff' });

    fireEvent.click(screen.getByRole('radio', { name: 'Paused' }));
    await waitFor(() => expect(listQuery(workflowRequests(requests).at(-1)!)).toMatchObject({ status: 'paused' }));

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search automations' }), { target: { value: ' zzz ' } });
    expect(await screen.findByText('No automations match your filters.')).toBeTruthy();
    expect(listQuery(workflowRequests(requests).at(-1)!)).toMatchObject({ status: 'paused', search: 'zzz' });
    expect(router.state.location.search).toBe('?status=paused&q=zzz');

    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await screen.findByRole('article', { name: 'Onboarding kickoff' });
    expect(router.state.location.search).toBe('');
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
    expect(await screen.findByText(/No automations yet/)).toBeTruthy();
  });

  it('goes back to the login page when the API answers 401', async () => {
    stubApi(() => errorResponse(401, 'Unauthorized', 'Token expired'));
    const { router } = renderApp('/');

    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(tokenStore.get()).toBeNull();
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
  });
});
