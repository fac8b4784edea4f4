import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenStore } from '../auth/tokenStore';
import { pathOf, stubApp } from '../test/appStubs';
import { jsonResponse } from '../test/fetchStub';
import { runPage, runSummary } from '../test/fixtures';
import { renderApp } from '../test/renderApp';

const spec = { openapi: '3.0.0', paths: { '/api/v1/stream': { get: {} }, '/api/v1/workflows/runs': { get: {} } } };

/** A `text/event-stream` response whose frames the test pushes. */
function openStream() {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  return {
    response: new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    push: (text: string) => controller.enqueue(encoder.encode(text)),
  };
}

describe('useLiveUpdates', () => {
  beforeEach(() => tokenStore.set('jwt-123'));
  afterEach(() => vi.restoreAllMocks());

  it('connects with the bearer token, shows Live, and refetches runs when a run changes', async () => {
    const stream = openStream();
    const { requests } = stubApp({
      'GET /api/openapi.json': () => jsonResponse(200, spec),
      'GET /api/v1/stream': () => stream.response,
      'GET /api/v1/workflows/runs': () =>
        jsonResponse(200, runPage([runSummary({ workflowName: 'Onboarding kickoff', clientName: 'Acme Dental' })])),
    });
    renderApp('/runs');

    expect(await screen.findByRole('status', { name: 'Live updates: Live' })).toBeTruthy();
    const streamRequest = requests.find((r) => pathOf(r) === '/api/v1/stream')!;
    expect(streamRequest.headers.get('Authorization')).toBe('Bearer jwt-123');
    await screen.findByRole('row', { name: 'Onboarding kickoff for Acme Dental' });
    const runLists = () => requests.filter((r) => pathOf(r) === '/api/v1/workflows/runs').length;
    const before = runLists();

    stream.push(': ping\n\n');
    stream.push('event: run.changed\ndata: {"runId":"r1","workflowId":"w1",');
    stream.push('"clientId":"c1","status":"failed"}\n\n');
    await waitFor(() => expect(runLists()).toBe(before + 1));
  });

  it('falls back to polling without a console error when the server has no stream', async () => {
    const errors = vi.spyOn(console, 'error');
    stubApp({ 'GET /api/v1/workflows/runs': () => jsonResponse(200, runPage([])) });
    renderApp('/runs');

    expect(await screen.findByRole('status', { name: 'Live updates: Auto-refresh' })).toBeTruthy();
    expect(await screen.findByText('No runs yet')).toBeTruthy();
    expect(errors).not.toHaveBeenCalled();
  });
});
