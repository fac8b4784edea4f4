import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { tokenStore } from '../auth/tokenStore';
import type { Role, Template } from '../api/types';
import { pathOf, stubApp } from '../test/appStubs';
import { jsonResponse } from '../test/fetchStub';
import { renderApp } from '../test/renderApp';
import { agencyTemplate, sharedTemplate, templateDto } from '../test/templateFixtures';

function stubTemplate(template: Template, role: Role = 'manager', extra = {}) {
  return stubApp({ [`GET /api/v1/templates/${template.id}`]: () => jsonResponse(200, template), ...extra }, role);
}

describe('TemplateDetailPage', () => {
  beforeEach(() => tokenStore.set('jwt-123'));

  it('says what the template does, draws it with “[label]” where a value is asked for, and lists the values it will ask for', async () => {
    const template = templateDto();
    stubTemplate(template);
    renderApp(`/templates/${template.id}`);

    expect(await screen.findByRole('heading', { level: 2, name: 'ROAS drop rescue' })).toBeTruthy();
    expect(screen.getByText('Built-in')).toBeTruthy();
    expect(screen.getByText('Performance · Used 3 times')).toBeTruthy();
    expect(screen.getByText(/When a client’s ROAS falls below your floor/)).toBeTruthy();
    expect(await screen.findByText(/\[ROAS floor\]/)).toBeTruthy();
    const diagram = await screen.findByRole('figure', { name: 'Flow diagram of ROAS drop rescue' }, { timeout: 5000 });
    await waitFor(() => expect(within(diagram).getByText(/\[ROAS floor\]/)).toBeTruthy());
    expect(within(diagram).getByText('Fix the campaigns of {{client.name}}')).toBeTruthy();

    const values = screen.getByRole('region', { name: 'What you will fill in' });
    expect(within(values).getByText('Where the team hears about it')).toBeTruthy();
    expect(within(values).getByText('Who fixes the campaigns')).toBeTruthy();
    expect(within(values).getByText('Suggested: 2')).toBeTruthy();

    expect(screen.getByRole('link', { name: 'Use template' }).getAttribute('href')).toBe(
      '/automations/new?template=builtin-roas-drop-rescue',
    );
    // A built-in template is the same for everyone: no rename, delete or share.
    expect(screen.queryByRole('button', { name: 'Rename' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
  });

  it('names the agency a shared template comes from', async () => {
    const template = sharedTemplate();
    stubTemplate(template, 'viewer');
    renderApp(`/templates/${template.id}`);
    expect(await screen.findByText('Shared by Northwind Agency')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Use template' })).toBeNull();
  });

  it('lets admins share their own template: the code once, with a copy button and the day it stops working, then revoke it', async () => {
    let template = agencyTemplate();
    const expiresAt = '2027-01-02T12:00:00.000Z';
    const { requests } = stubApp(
      {
        [`GET /api/v1/templates/${template.id}`]: () => jsonResponse(200, template),
        [`POST /api/v1/templates/${template.id}/share`]: () => {
          template = { ...template, share: { expiresAt, createdAt: '2026-12-03T12:00:00.000Z' } };
          return jsonResponse(201, { shareCode: 'tpl_0vQm7m3sFZ0n2b4G8xYc1dJkL9pQrStU', expiresAt });
        },
        [`DELETE /api/v1/templates/${template.id}/share`]: () => {
          template = { ...template, share: null };
          return new Response(null, { status: 204 });
        },
      },
      'admin',
    );
    renderApp(`/templates/${template.id}`);
    expect(await screen.findByText('Your agency')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));
    const dialog = await screen.findByRole('dialog', { name: 'Share “Monthly report heads-up”' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create share code' }));

    const code = (await within(dialog).findByRole('textbox', { name: 'Share code' })) as HTMLInputElement;
    expect(code.value).toBe('tpl_0vQm7m3sFZ0n2b4G8xYc1dJkL9pQrStU');
    expect(within(dialog).getByRole('button', { name: 'Copy the code' })).toBeTruthy();
    expect(within(dialog).getByText(/^The code works until January 2, 2027 \(in \d+ days\)\.$/)).toBeTruthy();
    expect(await requests.find((request) => pathOf(request).endsWith('/share'))!.json()).toEqual({ expiresInDays: 30 });

    fireEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(await screen.findByText(/^Shared — code expires January 2, 2027 \(in \d+ days\)$/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Revoke' }));
    const confirm = await screen.findByRole('dialog', { name: 'Revoke the share code?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(screen.queryByText(/Shared — code expires/)).toBeNull());
    expect(requests.filter((request) => request.method === 'DELETE')).toHaveLength(1);
  });

  it('lets managers rename and delete their agency’s template, but not share it', async () => {
    let template = agencyTemplate();
    const { requests } = stubTemplate(template, 'manager', {
      [`PATCH /api/v1/templates/${template.id}`]: async (request: Request) => {
        template = { ...template, ...((await request.json()) as object) };
        return jsonResponse(200, template);
      },
      [`GET /api/v1/templates/${template.id}`]: () => jsonResponse(200, template),
      [`DELETE /api/v1/templates/${template.id}`]: () => new Response(null, { status: 204 }),
      'GET /api/v1/templates': () => jsonResponse(200, { items: [], total: 0, page: 1, pageSize: 200 }),
    });
    const { router } = renderApp(`/templates/${template.id}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Rename' }));
    expect(screen.queryByRole('button', { name: 'Share' })).toBeNull();
    const dialog = await screen.findByRole('dialog', { name: 'Rename template' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Name' }), {
      target: { value: 'Monthly report reminder' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rename' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Monthly report reminder' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete this template?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete template' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/templates'));
    expect(requests.filter((request) => request.method === 'DELETE')).toHaveLength(1);
  });
});
