import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { tokenStore } from '../auth/tokenStore';
import { stubApp } from '../test/appStubs';
import { jsonResponse } from '../test/fetchStub';
import { eventDetail } from '../test/fixtures';
import { renderApp } from '../test/renderApp';

describe('EventDetailPage (why didn’t it fire?)', () => {
  beforeEach(() => tokenStore.set('jwt-123'));

  it('shows each candidate automation with its verdict and reason', async () => {
    const runId = crypto.randomUUID();
    const detail = eventDetail({
      processing: [
        {
          workflowId: crypto.randomUUID(),
          workflowName: 'Onboarding kickoff',
          outcome: 'not_fired',
          reason: 'client moved to "active", not "onboarding"',
        },
        { workflowId: crypto.randomUUID(), workflowName: 'Active welcome', outcome: 'started', runId },
        {
          workflowId: crypto.randomUUID(),
          workflowName: 'Stage digest',
          outcome: 'deduplicated',
          reason: 'a run for this client started 12 s ago',
        },
      ],
    });
    stubApp({
      [`GET /api/v1/events/${detail.id}`]: () => jsonResponse(200, detail),
      [`GET /api/v1/clients/${detail.clientId}`]: () => jsonResponse(200, { id: detail.clientId, name: 'Acme Dental' }),
    });
    renderApp(`/events/${detail.id}`);

    const notFired = await screen.findByRole('article', { name: 'Onboarding kickoff' });
    expect(within(notFired).getByText('Did not fire')).toBeTruthy();
    expect(within(notFired).getByText('client moved to "active", not "onboarding"')).toBeTruthy();
    const started = screen.getByRole('article', { name: 'Active welcome' });
    expect(within(started).getByText('Started a run')).toBeTruthy();
    expect(within(started).getByRole('link', { name: 'Open run' }).getAttribute('href')).toBe(`/runs/${runId}`);
    expect(within(screen.getByRole('article', { name: 'Stage digest' })).getByText('Deduplicated')).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Acme Dental' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Started 1 automation' })).toBeTruthy();
  });

  it('titles the event by what it did and labels its data fields', async () => {
    const two = eventDetail({
      data: { fromStage: 'lead', toStage: 'onboarding' },
      processing: [
        { workflowId: crypto.randomUUID(), workflowName: 'A', outcome: 'started', runId: crypto.randomUUID() },
        { workflowId: crypto.randomUUID(), workflowName: 'B', outcome: 'started', runId: crypto.randomUUID() },
      ],
    });
    const none = eventDetail({
      processing: [{ workflowId: crypto.randomUUID(), workflowName: 'A', outcome: 'not_fired', reason: 'no' }],
    });
    stubApp({
      [`GET /api/v1/events/${two.id}`]: () => jsonResponse(200, two),
      [`GET /api/v1/events/${none.id}`]: () => jsonResponse(200, none),
    });
    const view = renderApp(`/events/${two.id}`);
    expect(await screen.findByRole('heading', { level: 2, name: 'Started 2 automations' })).toBeTruthy();
    const data = screen.getByRole('table', { name: 'Event data' });
    expect(within(data).getByText('From stage')).toBeTruthy();
    expect(within(data).getByText('To stage')).toBeTruthy();
    expect(within(data).queryByText('toStage')).toBeNull();
    view.unmount();

    renderApp(`/events/${none.id}`);
    expect(await screen.findByRole('heading', { level: 2, name: 'No automation fired' })).toBeTruthy();
  });

  it('says when no automation listens, and when the event is not processed yet', async () => {
    const none = eventDetail({ processing: [] });
    const pending = eventDetail({ processing: null, processedAt: null });
    stubApp({
      [`GET /api/v1/events/${none.id}`]: () => jsonResponse(200, none),
      [`GET /api/v1/events/${pending.id}`]: () => jsonResponse(200, pending),
    });
    const view = renderApp(`/events/${none.id}`);
    expect(await screen.findByText('No automation listens to this event')).toBeTruthy();
    view.unmount();

    renderApp(`/events/${pending.id}`);
    expect(await screen.findByText(/Not processed yet/)).toBeTruthy();
  });
});
