import { useState, type ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { actionCatalog, triggerCatalog } from '@automations/domain';
import { beforeEach, describe, expect, it } from 'vitest';
import { stubApp } from '../../../test/appStubs';
import { jsonResponse } from '../../../test/fetchStub';
import { agency } from '../../../test/fixtures';
import type { JsonSchema } from '../jsonSchema';
import { SchemaForm } from '../SchemaForm';

const schemaOf = (type: string): JsonSchema =>
  (triggerCatalog.find((entry) => entry.type === type) ?? actionCatalog.find((entry) => entry.type === type))!
    .configSchema as JsonSchema;

const ADA = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'ada@agency.test',
  name: 'Ada Admin',
  role: 'admin',
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const MIA = {
  ...ADA,
  id: '22222222-2222-4222-8222-222222222222',
  email: 'mia@agency.test',
  name: 'Mia Manager',
  role: 'manager',
};
const GONE = {
  ...ADA,
  id: '33333333-3333-4333-8333-333333333333',
  email: 'gone@agency.test',
  name: 'Gone User',
  role: 'manager',
  active: false,
};
const users = () => jsonResponse(200, { items: [ADA, MIA, GONE], total: 3, page: 1, pageSize: 200 });

let lastValue: Record<string, unknown> = {};

function Form({ schema, initial }: { schema: JsonSchema; initial: Record<string, unknown> }) {
  const [value, setValue] = useState(initial);
  lastValue = value;
  return <SchemaForm schema={schema} value={value} onChange={setValue} />;
}

function renderForm(schema: JsonSchema, initial: Record<string, unknown> = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrap = (children: ReactNode) => (
    <QueryClientProvider client={client}>
      <MantineProvider env="test">{children}</MantineProvider>
    </QueryClientProvider>
  );
  const router = createMemoryRouter([{ path: '*', element: wrap(<Form schema={schema} initial={initial} />) }]);
  return render(<RouterProvider router={router} />);
}

/** Options of the open combobox dropdown (not those of the native selects on the form). */
const optionTexts = () =>
  within(screen.getByRole('listbox'))
    .getAllByRole('option')
    .map((option) => option.textContent);

describe('config pickers (x-picker)', () => {
  beforeEach(() => {
    lastValue = {};
  });

  it('stage: a select of the agency’s pipeline stages, keeping a stored value the pipeline no longer has', async () => {
    stubApp({
      'GET /api/v1/agency': () => jsonResponse(200, { ...agency, pipelineStages: ['lead', 'onboarding', 'renewal'] }),
    });
    renderForm(schemaOf('stage_change'), { toStage: 'onboarding', fromStage: 'trial' });
    const to = (await screen.findByLabelText(/^To stage/)) as HTMLSelectElement;
    await waitFor(() =>
      expect(
        within(to)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Choose a stage…', 'lead', 'onboarding', 'renewal']),
    );
    expect(to.value).toBe('onboarding');
    const from = screen.getByLabelText(/^From stage/) as HTMLSelectElement;
    expect(
      within(from)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['(any stage)', 'lead', 'onboarding', 'renewal', 'trial (not a pipeline stage)']);
    fireEvent.change(to, { target: { value: 'renewal' } });
    fireEvent.change(from, { target: { value: '' } });
    expect(lastValue).toEqual({ toStage: 'renewal' });
  });

  it('stage list: the scheduled trigger’s client filter picks several stages, in pipeline order', async () => {
    stubApp({
      'GET /api/v1/agency': () => jsonResponse(200, { ...agency, pipelineStages: ['lead', 'onboarding', 'active'] }),
    });
    renderForm(schemaOf('scheduled'), { cron: '0 9 * * 1', timezone: 'UTC', clientFilter: { stages: ['active'] } });
    const input = await screen.findByRole('textbox', { name: /^Stages/ });
    fireEvent.click(input);
    await waitFor(() => expect(optionTexts()).toEqual(expect.arrayContaining(['lead', 'onboarding'])));
    fireEvent.click(screen.getByRole('option', { name: 'lead' }));
    expect(lastValue.clientFilter).toEqual({ stages: ['lead', 'active'] });
  });

  it('user: people by name and role plus “The client’s assignee”, storing the id or client_assignee', async () => {
    stubApp({ 'GET /api/v1/users': users });
    renderForm(schemaOf('create_task'), { title: 'T', priority: 'low', assignee: 'client_assignee' });
    const input = (await screen.findByRole('textbox', { name: /^Assignee/ })) as HTMLInputElement;
    await waitFor(() => expect(input.value).toBe('The client’s assignee'));
    fireEvent.click(input);
    await waitFor(() =>
      expect(optionTexts()).toEqual(['The client’s assignee', 'Ada Admin (admin)', 'Mia Manager (manager)']),
    );
    fireEvent.click(screen.getByRole('option', { name: 'Mia Manager (manager)' }));
    expect(lastValue.assignee).toBe(MIA.id);
  });

  it('user: update_client’s assignee offers people only (no client_assignee there)', async () => {
    stubApp({ 'GET /api/v1/users': users });
    renderForm(schemaOf('update_client'), {});
    const input = await screen.findByRole('textbox', { name: /^Assignee/ });
    fireEvent.click(input);
    await waitFor(() => expect(optionTexts()).toEqual(['Ada Admin (admin)', 'Mia Manager (manager)']));
  });

  it('metric: recorded metrics then common ones with their units; a new name can be typed', async () => {
    stubApp({
      'GET /api/v1/clients/metrics/names': () =>
        jsonResponse(200, {
          items: [
            {
              name: 'lead_quality',
              label: 'lead_quality',
              unit: null,
              common: false,
              clients: 3,
              lastRecordedAt: '2026-01-01T00:00:00.000Z',
            },
            { name: 'roas', label: 'ROAS', unit: 'ratio', common: true, clients: 0, lastRecordedAt: null },
            { name: 'spend', label: 'Spend', unit: 'currency', common: true, clients: 0, lastRecordedAt: null },
          ],
        }),
    });
    renderForm(schemaOf('kpi_threshold'), { operator: 'below', value: 2 });
    const input = screen.getByRole('textbox', { name: /^Metric/ });
    fireEvent.click(input);
    await waitFor(() => expect(screen.getByText('Recorded for your clients')).toBeTruthy());
    expect(screen.getByText('Common metrics')).toBeTruthy();
    expect(screen.getByText('ROAS · ratio')).toBeTruthy();
    expect(screen.getByText('Spend · money')).toBeTruthy();
    fireEvent.click(screen.getByRole('option', { name: /roas/ }));
    expect(lastValue.metric).toBe('roas');
    fireEvent.change(input, { target: { value: 'churn_score' } });
    expect(lastValue.metric).toBe('churn_score');
  });

  it('slack: channels (#name) and people (name) of the workspace, searched through the API, storing ids', async () => {
    const { requests } = stubApp({
      'GET /api/v1/integrations/slack/directory': (request) => {
        const search = new URL(request.url).searchParams.get('search') ?? '';
        const channels = [
          { id: 'C0ONBOARD', name: 'onboarding', isPrivate: false },
          { id: 'G0VIP', name: 'vip', isPrivate: true },
        ].filter((channel) => channel.name.includes(search));
        const people = [{ id: 'U0DANA', name: 'Dana Smith', handle: 'dana' }].filter((user) =>
          user.name.toLowerCase().includes(search),
        );
        return jsonResponse(200, { connected: true, problem: null, channels, users: people, truncated: false });
      },
    });
    renderForm(schemaOf('send_notification'), { channel: 'slack', message: 'Hi', recipients: ['C0ONBOARD'] });
    const input = await screen.findByRole('textbox', { name: /^Recipients/ });
    await waitFor(() => expect(screen.getByText('#onboarding', { selector: '.mantine-Pill-label' })).toBeTruthy()); // the chosen id shows as its channel name
    fireEvent.click(input);
    await waitFor(() => expect(optionTexts()).toEqual(expect.arrayContaining(['#vip (private)', 'Dana Smith'])));
    fireEvent.click(screen.getByRole('option', { name: 'Dana Smith' }));
    expect(lastValue.recipients).toEqual(['C0ONBOARD', 'U0DANA']);
    fireEvent.change(input, { target: { value: 'vi' } });
    await waitFor(() =>
      expect(requests.some((request) => new URL(request.url).searchParams.get('search') === 'vi')).toBe(true),
    );
    await waitFor(() => expect(optionTexts()).toContain('#vip (private)'));
  });

  it('slack: when Slack is not connected the picker says so and links to Settings → Integrations', async () => {
    stubApp({
      'GET /api/v1/integrations/slack/directory': () =>
        jsonResponse(200, { connected: false, problem: null, channels: [], users: [], truncated: false }),
    });
    renderForm(schemaOf('send_notification'), { channel: 'slack', message: 'Hi' });
    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('Slack is not connected');
    expect(
      within(status)
        .getByRole('link', { name: /Settings → Integrations/ })
        .getAttribute('href'),
    ).toBe('/settings/integrations');
  });

  it('email: agency users (stored as ids) plus typed addresses', async () => {
    stubApp({ 'GET /api/v1/users': users });
    renderForm(schemaOf('send_notification'), { channel: 'email', message: 'Hi' });
    const input = await screen.findByRole('textbox', { name: /^Recipients/ });
    fireEvent.click(input);
    await waitFor(() =>
      expect(optionTexts()).toEqual(['Ada Admin <ada@agency.test>', 'Mia Manager <mia@agency.test>']),
    );
    fireEvent.click(screen.getByRole('option', { name: 'Ada Admin <ada@agency.test>' }));
    expect(lastValue.recipients).toEqual([ADA.id]);
    fireEvent.change(input, { target: { value: 'client@example.com' } });
    await waitFor(() => expect(optionTexts()).toContain('Add client@example.com'));
    fireEvent.click(screen.getByRole('option', { name: 'Add client@example.com' }));
    expect(lastValue.recipients).toEqual([ADA.id, 'client@example.com']);
    fireEvent.change(input, { target: { value: 'team@example.org' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(lastValue.recipients).toEqual([ADA.id, 'client@example.com', 'team@example.org']);
  });
});
