import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { tokenStore } from '../auth/tokenStore';
import { pathOf, stubApp } from '../test/appStubs';
import { jsonResponse } from '../test/fetchStub';
import { eventDetail } from '../test/fixtures';
import { renderApp } from '../test/renderApp';

const stageChange = (toStage: string) => eventDetail({ data: { fromStage: 'lead', toStage } });

const pageParamOf = (request: Request) => new URL(request.url).searchParams.get('page');

describe('EventsPage (a paged table)', () => {
  beforeEach(() => tokenStore.set('jwt-123'));

  it('lists events linking to "why didn’t it fire?" and pages through them, keeping the page in the URL', async () => {
    const { requests } = stubApp({
      'GET /api/v1/events': (request) => {
        const page = Number(pageParamOf(request) ?? 1);
        return jsonResponse(200, { items: [stageChange(`stage-${page}`)], total: 120, page, pageSize: 50 });
      },
    });
    const { router } = renderApp('/events');

    const table = await screen.findByRole('table', { name: 'Events' });
    const link = within(table).getByRole('link', { name: 'Stage changed' });
    expect(link.getAttribute('href')).toMatch(/^\/events\/[0-9a-f-]{36}$/);
    expect(within(table).getByText(/stage-1/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '2' }));
    await waitFor(() => expect(router.state.location.search).toBe('?page=2'));
    expect(await within(screen.getByRole('table', { name: 'Events' })).findByText(/stage-2/)).toBeTruthy();
    expect(requests.filter((r) => pathOf(r) === '/api/v1/events').map(pageParamOf)).toContain('2');
  });

  it('shows no page controls when everything fits on one page', async () => {
    stubApp({
      'GET /api/v1/events': () =>
        jsonResponse(200, { items: [stageChange('active')], total: 1, page: 1, pageSize: 50 }),
    });
    renderApp('/events');
    await screen.findByRole('table', { name: 'Events' });
    expect(screen.queryByRole('button', { name: 'next page' })).toBeNull();
  });

  it('shows each event’s client and filters by a client chosen from a list', async () => {
    const acme = { id: crypto.randomUUID(), name: 'Acme Dental', stage: 'active', health: 'green' };
    const event = eventDetail({ clientId: acme.id, data: { fromStage: 'lead', toStage: 'active' } });
    const { requests } = stubApp({
      'GET /api/v1/events': () => jsonResponse(200, { items: [event], total: 1, page: 1, pageSize: 50 }),
      'GET /api/v1/clients': () => jsonResponse(200, { items: [acme], total: 1, page: 1, pageSize: 50 }),
      [`GET /api/v1/clients/${acme.id}`]: () => jsonResponse(200, acme),
    });
    const { router } = renderApp('/events');

    const table = await screen.findByRole('table', { name: 'Events' });
    expect((await within(table).findByRole('link', { name: 'Acme Dental' })).getAttribute('href')).toBe(
      `/clients/${acme.id}`,
    );

    fireEvent.click(screen.getByRole('textbox', { name: 'Client' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Acme Dental' }));
    await waitFor(() => expect(router.state.location.search).toBe(`?clientId=${acme.id}`));
    await waitFor(() =>
      expect(
        requests.some((r) => pathOf(r) === '/api/v1/events' && new URL(r.url).searchParams.get('clientId') === acme.id),
      ).toBe(true),
    );
  });
});
