import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiKey } from '../api/types';
import { tokenStore } from '../auth/tokenStore';
import { pathOf, stubApp } from '../test/appStubs';
import { jsonResponse } from '../test/fetchStub';
import { renderApp } from '../test/renderApp';

const SECRET = 'ak_3f9c2a1b7d6e5f40_Xq8vJk2mN4pR7sT1uW3yZ5aC7eG9iK1mO3qS5uW7yA0';

function apiKey(overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id: crypto.randomUUID(),
    name: 'CRM sync',
    prefix: 'ak_0a1b2c3d4e5f6a7b',
    role: 'manager',
    createdAt: new Date().toISOString(),
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

describe('Settings: API keys', () => {
  beforeEach(() => tokenStore.set('jwt-123'));

  it('creates a key and shows it once, then only its prefix', async () => {
    const keys: ApiKey[] = [apiKey({ name: 'Old key' })];
    const { requests } = stubApp(
      {
        'GET /api/v1/api-keys': () => jsonResponse(200, { items: keys, total: keys.length, page: 1, pageSize: 200 }),
        'POST /api/v1/api-keys': async (request) => {
          const body = (await request.json()) as { name: string; role: ApiKey['role'] };
          const created = apiKey({ ...body, prefix: 'ak_3f9c2a1b7d6e5f40' });
          keys.push(created);
          return jsonResponse(201, { ...created, key: SECRET });
        },
      },
      'admin',
    );
    renderApp('/settings/api-keys');

    expect(await screen.findByRole('row', { name: 'Old key' })).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /Key name/ }), { target: { value: 'Zapier' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Key role' }), { target: { value: 'viewer' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));

    const dialog = await screen.findByRole('dialog', { name: 'API key created' });
    expect(within(dialog).getByText(SECRET)).toBeTruthy();
    expect(within(dialog).getByText(/shown only once/)).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Copy key' })).toBeTruthy();
    const post = requests.find((r) => r.method === 'POST' && pathOf(r) === '/api/v1/api-keys')!;
    expect(await post.json()).toEqual({ name: 'Zapier', role: 'viewer' });

    fireEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const row = await screen.findByRole('row', { name: 'Zapier' });
    expect(within(row).getByText('ak_3f9c2a1b7d6e5f40…')).toBeTruthy();
    expect(screen.queryByText(SECRET)).toBeNull();
  });

  it('revokes a key only after a confirmation', async () => {
    const key = apiKey({ name: 'CRM sync' });
    let revoked = false;
    const { requests } = stubApp(
      {
        'GET /api/v1/api-keys': () =>
          jsonResponse(200, {
            items: [{ ...key, revokedAt: revoked ? new Date().toISOString() : null }],
            total: 1,
            page: 1,
            pageSize: 200,
          }),
        [`DELETE /api/v1/api-keys/${key.id}`]: () => {
          revoked = true;
          return new Response(null, { status: 204 });
        },
      },
      'admin',
    );
    renderApp('/settings/api-keys');

    fireEvent.click(await screen.findByRole('button', { name: 'Revoke CRM sync' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke “CRM sync”?' });
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    const row = await screen.findByRole('row', { name: 'CRM sync' });
    expect(await within(row).findByText('Revoked')).toBeTruthy();
    expect(requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });

  it('keeps API keys from managers, and shows integration secrets only as configured', async () => {
    stubApp(
      {
        'GET /api/v1/integrations': () =>
          jsonResponse(200, {
            items: [
              {
                kind: 'slack',
                configured: true,
                settings: { defaultChannel: 'C0123ABCD' },
                secret: { set: true, last4: 'UvWx' },
                updatedAt: new Date().toISOString(),
              },
              { kind: 'email', configured: false, settings: {}, secret: { set: false, last4: null }, updatedAt: null },
              { kind: 'openai', configured: false, settings: {}, secret: { set: false, last4: null }, updatedAt: null },
            ],
          }),
      },
      'manager',
    );
    renderApp('/settings/integrations');

    const slack = await screen.findByRole('region', { name: 'Slack integration' });
    expect(within(slack).getByText('Configured')).toBeTruthy();
    expect(within(slack).getByText('configured (…UvWx)')).toBeTruthy();
    expect(within(slack).queryByRole('button', { name: /Save/ })).toBeNull();
    const tabs = screen.getByRole('tablist', { name: 'Settings sections' });
    expect(within(tabs).queryByRole('tab', { name: 'API keys' })).toBeNull();
    expect(within(tabs).getByRole('tab', { name: 'Users and roles' })).toBeTruthy();
  });
});

describe('Settings: landing on /settings', () => {
  beforeEach(() => tokenStore.set('jwt-123'));

  it.each([
    ['admin', 'Integrations'],
    ['manager', 'Integrations'],
  ] as const)('opens the first section a %s may see', async (role, tab) => {
    stubApp({ 'GET /api/v1/integrations': () => jsonResponse(200, { items: [] }) }, role);
    renderApp('/settings');

    const selected = await screen.findByRole('tab', { selected: true });
    expect(selected.textContent).toBe(tab);
    expect(screen.queryByText('Not available for your role')).toBeNull();
  });

  it('tells a viewer the settings are not for their role', async () => {
    stubApp({}, 'viewer');
    renderApp('/settings');

    expect(await screen.findByText('Not available for your role')).toBeTruthy();
    expect(screen.queryByRole('tab')).toBeNull();
  });
});
