import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../api/types';
import { tokenStore } from '../../auth/tokenStore';
import { pathOf, stubApp } from '../../test/appStubs';
import { errorResponse, jsonResponse } from '../../test/fetchStub';
import { workflowDetail } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';

const ID = 'a1b2c3d4-0000-4000-8000-000000000009';
const USER = 'u0000000-0000-4000-8000-000000000001';
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

const versions = {
  items: [
    { version: 3, createdAt: hoursAgo(2), createdBy: { type: 'user', id: USER }, definition: { name: 'New' } },
    { version: 2, createdAt: hoursAgo(50), createdBy: { type: 'api_key', id: USER }, definition: { name: 'Mid' } },
    { version: 1, createdAt: hoursAgo(24 * 30), createdBy: null, definition: { name: 'Old' } },
  ],
};
const diff = {
  from: 2,
  to: 3,
  settings: { changed: [{ field: 'name', old: 'Mid', new: 'New' }] },
  triggers: { added: [], removed: [], changed: [] },
  steps: { added: [], removed: [], changed: [], moved: [] },
};
const users = {
  items: [
    {
      id: USER,
      name: 'Dana Reyes',
      email: 'dana@example.com',
      role: 'admin',
      active: true,
      createdAt: hoursAgo(1000),
    },
  ],
  page: 1,
  pageSize: 200,
  total: 1,
};

function setup(role: Role = 'manager', restore = () => jsonResponse(201, workflowDetail({ id: ID, name: 'Mid' }))) {
  let versionCalls = 0;
  const stub = stubApp(
    {
      [`GET /api/v1/workflows/${ID}`]: () => jsonResponse(200, workflowDetail({ id: ID, name: 'New', isActive: true })),
      [`GET /api/v1/workflows/${ID}/versions`]: () => {
        versionCalls += 1;
        return jsonResponse(200, versions);
      },
      [`GET /api/v1/workflows/${ID}/versions/2/diff/3`]: () => jsonResponse(200, diff),
      [`GET /api/v1/workflows/${ID}/versions/1/diff/3`]: () =>
        jsonResponse(200, { ...diff, from: 1, settings: { changed: [] } }),
      [`POST /api/v1/workflows/${ID}/versions/2/restore`]: restore,
      'GET /api/v1/users': () => jsonResponse(200, users),
    },
    role,
  );
  renderApp(`/automations/${ID}`);
  return { ...stub, versionCalls: () => versionCalls };
}

describe('AutomationHistory', () => {
  beforeEach(() => tokenStore.set('jwt-123'));

  it('lists the versions newest first with who saved them and when, the newest marked current', async () => {
    setup();
    const list = await screen.findByRole('list', { name: 'Versions' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((row) => row.getAttribute('aria-label'))).toEqual(['Version 3', 'Version 2', 'Version 1']);
    await waitFor(() => expect(within(rows[0]).getByText(/saved by Dana Reyes/)).toBeTruthy());
    expect(within(rows[0]).getByText('current')).toBeTruthy();
    expect(within(rows[0]).getByText('2 hours ago')).toBeTruthy();
    expect(within(rows[1]).getByText(/saved by an API key/)).toBeTruthy();
    expect(within(rows[2]).getByText(/saved by the system/)).toBeTruthy();
    expect(within(rows[1]).queryByText('current')).toBeNull();
  });

  it('compares the previous and the current version in words by default, and says when nothing differs', async () => {
    setup();
    expect(await screen.findByText('Name: “Mid” → “New”')).toBeTruthy();
    fireEvent.click(screen.getByRole('textbox', { name: 'From' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Version 1' }));
    expect(await screen.findByText('No differences')).toBeTruthy();
  });

  it('restores an older version after a confirmation saying what happens, then refreshes the history', async () => {
    const { requests, versionCalls } = setup();
    const list = await screen.findByRole('list', { name: 'Versions' });
    expect(within(list).queryByRole('button', { name: 'Restore version 3' })).toBeNull();
    fireEvent.click(within(list).getByRole('button', { name: 'Restore version 2' }));
    const dialog = await screen.findByRole('dialog', { name: 'Restore version 2?' });
    expect(
      within(dialog).getByText(
        'Version 2 becomes the current version as a new version 4; the history is kept; it stays on as it is now.',
      ),
    ).toBeTruthy();
    const before = versionCalls();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Restore' }));
    expect(await screen.findByText('Version 2 is now the current version (saved as version 4).')).toBeTruthy();
    const post = requests.find((request) => request.method === 'POST' && pathOf(request).endsWith('/restore'));
    expect(pathOf(post!)).toBe(`/api/v1/workflows/${ID}/versions/2/restore`);
    expect(await post!.json()).toEqual({ expectedVersion: 3 });
    await waitFor(() => expect(versionCalls()).toBeGreaterThan(before));
  });

  it('shows the message of a 409 in the dialog', async () => {
    setup('admin', () => errorResponse(409, 'Conflict', 'Version 2 is already the current version'));
    fireEvent.click(await screen.findByRole('button', { name: 'Restore version 2' }));
    const dialog = await screen.findByRole('dialog', { name: 'Restore version 2?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Restore' }));
    expect(await within(dialog).findByText(/Version 2 is already the current version/)).toBeTruthy();
  });

  it('offers no Restore to viewers', async () => {
    setup('viewer');
    const list = await screen.findByRole('list', { name: 'Versions' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: /Restore/ })).toBeNull();
  });
});
