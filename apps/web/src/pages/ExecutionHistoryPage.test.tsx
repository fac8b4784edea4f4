import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BulkRunsResult, RunDetail, Role } from '../api/types';
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

  describe('bulk retry and cancel', () => {
    const bodiesOf = (requests: Request[], path: string) =>
      Promise.all(requests.filter((r) => r.method === 'POST' && pathOf(r) === path).map((r) => r.clone().json()));
    const result = (overrides: Partial<BulkRunsResult>): BulkRunsResult => ({
      matched: 0,
      done: 0,
      skipped: [],
      ...overrides,
    });

    it('retries the selected failed runs by id: count in the confirmation, progress, result in words', async () => {
      const first = runSummary({ status: 'failed', workflowName: 'Low ROAS alert', clientName: 'Bolt Fitness' });
      const second = runSummary({ status: 'failed', workflowName: 'Low ROAS alert', clientName: 'Acme Dental' });
      const done = runSummary({ status: 'completed', workflowName: 'Onboarding kickoff', clientName: 'Acme Dental' });
      let answer!: (response: Response) => void;
      const { requests } = stubApp({
        'GET /api/v1/workflows/runs': () => jsonResponse(200, runPage([first, second, done])),
        'POST /api/v1/workflows/runs/bulk-retry': () => new Promise<Response>((resolve) => (answer = resolve)),
      });
      renderApp('/runs');

      await screen.findByRole('row', { name: 'Low ROAS alert for Bolt Fitness' });
      fireEvent.click(screen.getByRole('checkbox', { name: 'Select all runs on this page' }));
      const bar = screen.getByRole('region', { name: 'Selected runs' });
      expect(within(bar).getByText('3 selected')).toBeTruthy();
      expect(bar.style.position).toBe('sticky');
      expect((within(bar).getByRole('button', { name: 'Cancel selected' }) as HTMLButtonElement).disabled).toBe(true);
      // All three fit on one page: nothing more to select by filter.
      expect(screen.queryByText(/matching this filter/)).toBeNull();

      fireEvent.click(within(bar).getByRole('button', { name: 'Retry selected' }));
      const dialog = await screen.findByRole('dialog', { name: 'Retry runs' });
      expect(within(dialog).getByText('Retry 2 failed runs?')).toBeTruthy();
      const listCalls = listRequests(requests).length;
      fireEvent.click(within(dialog).getByRole('button', { name: 'Retry 2 runs' }));

      expect(await within(dialog).findByText('Retrying 2 runs…')).toBeTruthy();
      expect(await bodiesOf(requests, '/api/v1/workflows/runs/bulk-retry')).toEqual([
        { runIds: [first.id, second.id] },
      ]);
      answer(jsonResponse(200, result({ matched: 2, done: 1, skipped: [{ runId: second.id, reason: 'not_failed' }] })));

      expect(await screen.findByText('1 retried, 1 skipped: it is no longer failed')).toBeTruthy();
      await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Retry runs' })).toBeNull());
      expect(screen.queryByRole('region', { name: 'Selected runs' })).toBeNull();
      expect(
        (screen.getByRole('checkbox', { name: 'Select Low ROAS alert for Bolt Fitness' }) as HTMLInputElement).checked,
      ).toBe(false);
      await waitFor(() => expect(listRequests(requests).length).toBeGreaterThan(listCalls));
    });

    it('selects every run matching the filter and sends the filter instead of ids', async () => {
      const workflowId = crypto.randomUUID();
      const runs = [runSummary({ status: 'failed', workflowId }), runSummary({ status: 'failed', workflowId })];
      const { requests } = stubApp({
        'GET /api/v1/workflows/runs': () => jsonResponse(200, runPage(runs, { total: 120 })),
        'POST /api/v1/workflows/runs/bulk-retry': () =>
          jsonResponse(
            200,
            result({
              matched: 120,
              done: 117,
              skipped: [
                { runId: crypto.randomUUID(), reason: 'running' },
                { runId: crypto.randomUUID(), reason: 'running' },
                { runId: crypto.randomUUID(), reason: 'purged' },
              ],
            }),
          ),
      });
      renderApp(`/runs?status=failed&workflowId=${workflowId}&from=2026-03-01`);

      fireEvent.click(await screen.findByRole('checkbox', { name: 'Select all runs on this page' }));
      expect(screen.getByText(/The 2 runs on this page are selected/)).toBeTruthy();
      fireEvent.click(screen.getByRole('button', { name: 'Select all 120 runs matching this filter' }));
      expect(screen.getByText(/All 120 runs matching this filter are selected/)).toBeTruthy();
      const bar = screen.getByRole('region', { name: 'Selected runs' });
      expect(within(bar).getByText('120 selected')).toBeTruthy();
      // The filter is on failed runs: there is nothing to cancel.
      expect((within(bar).getByRole('button', { name: 'Cancel selected' }) as HTMLButtonElement).disabled).toBe(true);

      fireEvent.click(within(bar).getByRole('button', { name: 'Retry selected' }));
      const dialog = await screen.findByRole('dialog', { name: 'Retry runs' });
      expect(within(dialog).getByText('Retry 120 failed runs?')).toBeTruthy();
      fireEvent.click(within(dialog).getByRole('button', { name: 'Retry 120 runs' }));

      expect(
        await screen.findByText('117 retried, 3 skipped: 2 are running right now, 1 is past the data retention period'),
      ).toBeTruthy();
      expect(await bodiesOf(requests, '/api/v1/workflows/runs/bulk-retry')).toEqual([
        {
          filter: {
            status: 'failed',
            workflowId,
            from: new Date('2026-03-01T00:00:00').toISOString(),
          },
        },
      ]);
    });

    it('cancels the selected queued and waiting runs', async () => {
      const queued = runSummary({ status: 'queued', workflowName: 'Weekly report', clientName: 'Acme Dental' });
      const waiting = runSummary({ status: 'waiting', workflowName: 'Weekly report', clientName: 'Bolt Fitness' });
      const failed = runSummary({ status: 'failed', workflowName: 'Low ROAS alert', clientName: 'Bolt Fitness' });
      const { requests } = stubApp({
        'GET /api/v1/workflows/runs': () => jsonResponse(200, runPage([queued, waiting, failed])),
        'POST /api/v1/workflows/runs/bulk-cancel': () =>
          jsonResponse(
            200,
            result({ matched: 2, done: 1, skipped: [{ runId: waiting.id, reason: 'already_finished' }] }),
          ),
      });
      const { router } = renderApp('/runs');

      fireEvent.click(await screen.findByRole('checkbox', { name: 'Select Weekly report for Acme Dental' }));
      fireEvent.click(screen.getByRole('checkbox', { name: 'Select Weekly report for Bolt Fitness' }));
      // Ticking a box does not open the run.
      expect(router.state.location.pathname).toBe('/runs');
      const bar = screen.getByRole('region', { name: 'Selected runs' });
      expect(within(bar).getByText('2 selected')).toBeTruthy();
      expect((within(bar).getByRole('button', { name: 'Retry selected' }) as HTMLButtonElement).disabled).toBe(true);

      fireEvent.click(within(bar).getByRole('button', { name: 'Cancel selected' }));
      const dialog = await screen.findByRole('dialog', { name: 'Cancel runs' });
      expect(within(dialog).getByText('Cancel 2 runs? They will not run.')).toBeTruthy();
      fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel 2 runs' }));

      expect(await screen.findByText('1 cancelled, 1 skipped: it has already finished')).toBeTruthy();
      expect(await bodiesOf(requests, '/api/v1/workflows/runs/bulk-cancel')).toEqual([
        { runIds: [queued.id, waiting.id] },
      ]);
      expect(screen.queryByRole('region', { name: 'Selected runs' })).toBeNull();
    });

    it('offers no selection to viewers', async () => {
      stubApp(
        { 'GET /api/v1/workflows/runs': () => jsonResponse(200, runPage([runSummary({ status: 'failed' })])) },
        'viewer',
      );
      renderApp('/runs');
      await screen.findByRole('row', { name: 'Onboarding kickoff for Acme Dental' });
      expect(await screen.findByText('Viewer · read-only')).toBeTruthy();
      expect(screen.queryByRole('checkbox')).toBeNull();
      expect(screen.queryByRole('button', { name: 'Retry selected' })).toBeNull();
      expect(screen.getByText('1 run')).toBeTruthy();
    });
  });
});
