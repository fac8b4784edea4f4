import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { tokenStore } from '../auth/tokenStore';
import { stubApp } from '../test/appStubs';
import { errorResponse, jsonResponse } from '../test/fetchStub';
import { workflowDetail } from '../test/fixtures';
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
      else: [{ id: 'ping', type: 'send_notification', delayMinutes: 30, config: { channel: 'slack', recipients: ['C0123'], message: 'Onboarding started' } }],
    },
    { id: 'draft', type: 'draft_communication', requiresApproval: true, config: { platform: 'email', tone: 'friendly', template: 'Welcome {{client.name}}' } },
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
    expect(within(diagram).queryByText(/create_task|send_notification|add_alert|draft_communication|stage_change|kpi_threshold/)).toBeNull();
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
