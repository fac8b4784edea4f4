import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { WorkflowAnalytics } from '../api/types';
import { tokenStore } from '../auth/tokenStore';
import { pathOf, stubApp } from '../test/appStubs';
import { jsonResponse } from '../test/fetchStub';
import { renderApp } from '../test/renderApp';

const counts = (completed: number, failed: number) => ({
  queued: 0,
  running: 0,
  waiting: 0,
  awaiting_approval: 0,
  completed,
  failed,
  skipped: 1,
  cancelled: 0,
  rejected: 0,
});

const analytics: WorkflowAnalytics = {
  range: {
    from: '2026-03-01T00:00:00.000Z',
    to: '2026-03-03T00:00:00.000Z',
    timezone: 'Europe/Berlin',
    workflowId: null,
  },
  totals: { total: 1327, byStatus: counts(1210, 37), successRate: 0.9703 },
  durations: { avgMs: 1830, p95Ms: 5120, runs: 1247 },
  perDay: [
    { date: '2026-03-01', total: 40, byStatus: counts(38, 1) },
    { date: '2026-03-02', total: 44, byStatus: counts(40, 3) },
  ],
  perWorkflow: [
    {
      workflowId: crypto.randomUUID(),
      name: 'Onboarding kickoff',
      total: 412,
      completed: 398,
      failed: 9,
      successRate: 0.9779,
      avgMs: 1520,
      deleted: false,
    },
  ],
  failuresByActionType: [{ actionType: 'send_notification', failures: 21 }],
  approvals: {
    requested: 120,
    approved: 101,
    rejected: 12,
    expired: 3,
    pending: 4,
    decided: 113,
    avgWaitMs: 5_400_000,
    p90WaitMs: 14_400_000,
    decidedWithin4hShare: 0.8843,
  },
  timeSaved: {
    minutes: 2880,
    byActionType: [{ actionType: 'create_task', actions: 412, minutes: 1236 }],
    minutesPerAction: {
      create_task: 3,
      send_notification: 2,
      draft_communication: 10,
      create_ticket: 4,
      update_client: 2,
      add_alert: 2,
    },
  },
};

describe('PerformanceAnalyticsPage', () => {
  beforeEach(() => tokenStore.set('jwt-123'));

  it('shows the key figures and one chart per measure, and asks again for another period', async () => {
    const { requests } = stubApp({ 'GET /api/v1/workflows/analytics': () => jsonResponse(200, analytics) });
    renderApp('/analytics');

    const figures = await screen.findByRole('region', { name: 'Key figures' });
    expect(within(within(figures).getByRole('group', { name: 'Runs' })).getByText('1,327')).toBeTruthy();
    expect(within(within(figures).getByRole('group', { name: 'Success rate' })).getByText('97%')).toBeTruthy();
    expect(within(within(figures).getByRole('group', { name: 'p95 duration' })).getByText('5.1 s')).toBeTruthy();
    expect(within(within(figures).getByRole('group', { name: 'Approval wait' })).getByText('1 h 30 min')).toBeTruthy();
    expect(within(within(figures).getByRole('group', { name: 'Time saved' })).getByText('48 h')).toBeTruthy();

    for (const chart of [
      'Runs per day by status',
      'Success rate trend',
      'Failures by action type',
      'Time saved by action type',
    ]) {
      const region = screen.getByRole('region', { name: chart });
      expect(region.querySelector('.recharts-responsive-container')).not.toBeNull();
    }
    const perWorkflow = screen.getByRole('table', { name: 'Runs per automation' });
    expect(within(perWorkflow).getByText('Onboarding kickoff')).toBeTruthy();
    expect(within(perWorkflow).getByText('97.8%')).toBeTruthy();

    const analyticsRequests = () => requests.filter((r) => pathOf(r) === '/api/v1/workflows/analytics');
    const rangeDays = (request: Request) => {
      const query = new URL(request.url).searchParams;
      return Math.round((Date.parse(query.get('to')!) - Date.parse(query.get('from')!)) / 86_400_000);
    };
    expect(rangeDays(analyticsRequests()[0])).toBe(30);
    fireEvent.click(screen.getByRole('radio', { name: '7 days' }));
    await waitFor(() => expect(rangeDays(analyticsRequests().at(-1)!)).toBe(7));
  });

  it('shows an error with a retry when analytics fail', async () => {
    stubApp({
      'GET /api/v1/workflows/analytics': () =>
        jsonResponse(500, { statusCode: 500, error: 'Internal Server Error', message: 'Database unavailable' }),
    });
    renderApp('/analytics');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load analytics');
  });
});
