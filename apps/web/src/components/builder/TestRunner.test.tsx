import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { stubApp } from '../../test/appStubs';
import { jsonResponse } from '../../test/fetchStub';
import { BuilderHarness } from './help/builderHarness';
import { TestRunner } from './TestRunner';

describe('TestRunner help', () => {
  it('says what the preview does and that nothing is sent during a test', async () => {
    stubApp({ 'GET /api/v1/clients': () => jsonResponse(200, { items: [], total: 0, page: 1, pageSize: 50 }) });
    render(
      <BuilderHarness>
        <TestRunner definition={{ name: 'n', isActive: false, requiresApproval: false, triggers: [], steps: [] }} triggers={[]} onValidationErrors={() => undefined} />
      </BuilderHarness>,
    );
    const help = screen.getByRole('complementary', { name: 'Help: Review & test' });
    expect(within(help).getByText('Read the automation in words, try it on a client, then save it.')).toBeTruthy();
    fireEvent.click(within(help).getByRole('button', { name: 'Help' }));
    expect(within(help).getByText(/plays the automation for one client, one of yours or a made-up sample/)).toBeTruthy();
    expect(within(help).getByText('Nothing is sent during a test')).toBeTruthy();
    expect(within(help).getByText(/no Slack message or email goes out, and no task, ticket, alert or client change is made/)).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Run preview' })).toBeTruthy();
  });
});
