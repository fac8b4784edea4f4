import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunDetail, Role } from '../api/types';
import { tokenStore } from '../auth/tokenStore';
import { pathOf, stubApp } from '../test/appStubs';
import { jsonResponse } from '../test/fetchStub';
import { runDetail, runPage, runStep, runSummary } from '../test/fixtures';
import { renderApp } from '../test/renderApp';

const queryOf = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);
const listRequests = (requests: Request[]) => requests.filter((r) => pathOf(r) === '/api/v1/workflows/runs');

function failedRun(): RunDetail {
  return runDetail({
    workflowName: 'Low ROAS alert',
    clientName: 'Bolt Fitness',
    status: 'failed',
    error: { code: 'integration_missing', message: 'Slack is not connected for this agency' },
    durationMs: 5120,
    steps: [
      runStep({ stepId: 'task', type: 'create_task', status: 'completed', attempts: 1, durationMs: 360 }),
      runStep({
        stepId: 'ping',
        type: 'send_notification',
        status: 'failed',
        attempts: 3,
        durationMs: 4200,
        input: { channel: 'slack', recipients: ['C0123'], message: 'Bolt Fitness ROAS is 1.2' },
        output: null,
        error: { code: 'integration_missing', message: 'Slack is not connected for this agency' },
      }),
    ],
    timeline: [
      {
        at: new Date().toISOString(),
        kind: 'step.failed',
        message: 'send_notification failed: channel_not_found',
        stepId: 'ping',
      },
    ],
  });
}

function stubRuns(detail: RunDetail, role: Role = 'manager') {
  let current = detail;
  return stubApp(
    {
      'GET /api/v1/workflows/runs': () => jsonResponse(200, runPage([runSummary({ ...current, id: current.id })])),
      [`GET /api/v1/workflows/runs/${detail.id}`]: () => jsonResponse(200, current),
      [`POST /api/v1/workflows/runs/${detail.id}/retry`]: () => {
        current = { ...current, status: 'queued', error: null, attempt: 2 };
        return jsonResponse(202, current);
      },
    },
    role,
  );
}

describe('ExecutionHistoryPage', () => {
  beforeEach(() => tokenStore.set('jwt-123'));

  it('lists runs and changes the request when a filter changes, keeping filters in the URL', async () => {
    const { requests } = stubApp({
      'GET /api/v1/workflows/runs': () =>
        jsonResponse(200, runPage([runSummary({ workflowName: 'Onboarding kickoff', clientName: 'Acme Dental' })])),
    });
    const { router } = renderApp('/runs');

    const row = await screen.findByRole('row', { name: 'Onboarding kickoff for Acme Dental' });
    expect(within(row).getByText('Completed')).toBeTruthy();
    expect(within(row).getByText('2.3 s')).toBeTruthy();
    expect(queryOf(listRequests(requests)[0])).toEqual({ page: '1', pageSize: '50' });

    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'failed' } });
    await waitFor(() =>
      expect(queryOf(listRequests(requests).at(-1)!)).toEqual({ page: '1', pageSize: '50', status: 'failed' }),
    );
    expect(router.state.location.search).toBe('?status=failed');

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-01' } });
    await waitFor(() =>
      expect(queryOf(listRequests(requests).at(-1)!)).toMatchObject({
        status: 'failed',
        from: new Date('2026-03-01T00:00:00').toISOString(),
      }),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect((screen.getByRole('combobox', { name: 'Status' }) as HTMLSelectElement).value).toBe('');
  });

  it('opens the run details from a row: timeline with steps, statuses, attempts and errors', async () => {
    const detail = failedRun();
    stubRuns(detail);
    const { router } = renderApp('/runs?status=failed');

    fireEvent.click(await screen.findByRole('row', { name: 'Low ROAS alert for Bolt Fitness' }));
    const dialog = await screen.findByRole('dialog', { name: 'Run details' });
    expect(router.state.location.pathname).toBe(`/runs/${detail.id}`);
    expect(router.state.location.search).toBe('?status=failed');

    const failedStep = await within(dialog).findByRole('group', { name: 'Step ping' });
    expect(within(failedStep).getByText('Failed')).toBeTruthy();
    expect(within(failedStep).getByText(/3 attempts/)).toBeTruthy();
    expect(within(failedStep).getByText('Slack is not connected for this agency')).toBeTruthy();
    expect(within(failedStep).queryByText(/integration_missing/)).toBeNull();
    expect(within(failedStep).getByRole('link', { name: 'Open Settings → Integrations' }).getAttribute('href')).toBe(
      '/settings/integrations',
    );
    expect(within(failedStep).getByText('Bolt Fitness ROAS is 1.2')).toBeTruthy();
    const doneStep = within(dialog).getByRole('group', { name: 'Step task' });
    expect(within(doneStep).getByText('Completed')).toBeTruthy();
    expect(within(doneStep).getByText(/took 360 ms/)).toBeTruthy();
    expect(within(dialog).getByText('1. Create task: Kickoff call with Acme Dental')).toBeTruthy();
    expect(within(dialog).getByText('2. Send notification')).toBeTruthy();
    expect(within(dialog).getByRole('alert', { name: 'The run failed' }).textContent).toContain(
      'Slack is not connected for this agency',
    );
    expect(within(dialog).queryByText('ping')).toBeNull();
    expect(within(dialog).getByText('v3')).toBeTruthy();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Close run details' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/runs'));
    expect(router.state.location.search).toBe('?status=failed');
  });

  it('retries a failed run through the retry route (managers)', async () => {
    const detail = failedRun();
    const { requests } = stubRuns(detail, 'manager');
    renderApp(`/runs/${detail.id}`);

    const dialog = await screen.findByRole('dialog', { name: 'Run details' });
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(within(dialog).getAllByText('Queued').length).toBeGreaterThan(0));
    expect(requests.filter((r) => r.method === 'POST').map(pathOf)).toEqual([
      `/api/v1/workflows/runs/${detail.id}/retry`,
    ]);
    expect(within(dialog).queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('offers no retry to viewers, nor for runs that did not fail', async () => {
    const failed = failedRun();
    stubRuns(failed, 'viewer');
    const first = renderApp(`/runs/${failed.id}`);
    let dialog = await screen.findByRole('dialog', { name: 'Run details' });
    await within(dialog).findByRole('group', { name: 'Step ping' });
    expect(await screen.findByText('Viewer · read-only')).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'Retry' })).toBeNull();
    first.unmount();

    const completed = runDetail({ status: 'completed' });
    stubRuns(completed, 'manager');
    renderApp(`/runs/${completed.id}`);
    dialog = await screen.findByRole('dialog', { name: 'Run details' });
    await within(dialog).findByRole('group', { name: 'Step task' });
    expect(await screen.findByText('Manager')).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('says when there are no runs, and when the list fails', async () => {
    stubApp({ 'GET /api/v1/workflows/runs': () => jsonResponse(200, runPage([])) });
    const view = renderApp('/runs');
    expect(await screen.findByText('No runs yet')).toBeTruthy();
    view.unmount();

    stubApp({
      'GET /api/v1/workflows/runs': () =>
        jsonResponse(500, { statusCode: 500, error: 'Internal Server Error', message: 'Database unavailable' }),
    });
    renderApp('/runs');
    expect((await screen.findByRole('alert')).textContent).toContain('Could not load runs');
  });

  it('says what started each run: the event of its automation version’s trigger, in words', async () => {
    const single = runSummary({ workflowName: 'Onboarding kickoff', clientName: 'Acme Dental', workflowVersion: 2 });
    const both = runSummary({ workflowName: 'ROAS watch', clientName: 'Bolt Fitness', workflowVersion: 5 });
    const { requests } = stubApp({
      'GET /api/v1/workflows/runs': () => jsonResponse(200, runPage([single, both])),
      [`GET /api/v1/workflows/${single.workflowId}/versions/2`]: () =>
        jsonResponse(200, {
          version: 2,
          createdAt: new Date().toISOString(),
          createdBy: null,
          definition: { triggers: [{ type: 'stage_change', config: { toStage: 'onboarding' } }], steps: [] },
        }),
      [`GET /api/v1/workflows/${both.workflowId}/versions/5`]: () =>
        jsonResponse(200, {
          version: 5,
          createdAt: new Date().toISOString(),
          createdBy: null,
          definition: {
            triggers: [
              { type: 'kpi_threshold', config: {} },
              { type: 'new_message', config: {} },
            ],
            steps: [],
          },
        }),
    });
    renderApp('/runs');

    expect(
      await within(await screen.findByRole('row', { name: 'Onboarding kickoff for Acme Dental' })).findByText(
        'Stage changed',
      ),
    ).toBeTruthy();
    expect(
      await within(screen.getByRole('row', { name: 'ROAS watch for Bolt Fitness' })).findByText(
        'KPI updated or Message received',
      ),
    ).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Trigger' })).toBeTruthy();
    expect(requests.filter((r) => pathOf(r).includes('/versions/'))).toHaveLength(2);
  });

  it('keeps the filters behind a Filters button on a phone', async () => {
    vi.spyOn(window, 'matchMedia').mockImplementation(
      (query: string) =>
        ({
          matches: query.includes('max-width'),
          media: query,
          addEventListener: () => undefined,
          removeEventListener: () => undefined,
        }) as unknown as MediaQueryList,
    );
    stubApp({ 'GET /api/v1/workflows/runs': () => jsonResponse(200, runPage([runSummary()])) });
    renderApp('/runs?status=failed');

    const button = await screen.findByRole('button', { name: 'Filters (1)' });
    expect(screen.queryByRole('combobox', { name: 'Status' })).toBeNull();
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    expect((screen.getByRole('combobox', { name: 'Status' }) as HTMLSelectElement).value).toBe('failed');
    vi.restoreAllMocks();
  });
});
