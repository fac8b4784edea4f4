import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { tokenStore } from '../auth/tokenStore';
import type { Role } from '../api/types';
import { pathOf, stubApp } from '../test/appStubs';
import { errorResponse, jsonResponse } from '../test/fetchStub';
import { workflowDetail } from '../test/fixtures';
import { renderApp } from '../test/renderApp';
import {
  agencyTemplate,
  onboardingTemplate,
  sharedTemplate,
  templateDto,
  templatePage,
} from '../test/templateFixtures';

const LIBRARY = [templateDto(), onboardingTemplate(), agencyTemplate(), sharedTemplate()];

/** The list endpoint filters like the API: by category and by words in the name or description. */
function stubTemplates(role: Role = 'manager', extra = {}) {
  return stubApp(
    {
      'GET /api/v1/templates': (request) => {
        const query = new URL(request.url).searchParams;
        const search = (query.get('search') ?? '').toLowerCase();
        const category = query.get('category');
        const items = LIBRARY.filter(
          (template) =>
            (!category || template.category === category) &&
            `${template.name} ${template.description}`.toLowerCase().includes(search),
        );
        return jsonResponse(200, templatePage(items));
      },
      ...extra,
    },
    role,
  );
}

const listRequests = (requests: Request[]) => requests.filter((request) => pathOf(request) === '/api/v1/templates');

describe('TemplatesPage', () => {
  beforeEach(() => tokenStore.set('jwt-123'));

  it('shows the library by category, each card saying what it does, its trigger and action icons, its usage and where it comes from', async () => {
    stubTemplates();
    renderApp('/templates');

    const performance = await screen.findByRole('region', { name: 'Performance' });
    const roas = within(performance).getByRole('article', { name: 'ROAS drop rescue' });
    expect(within(roas).getByText(/When a client’s ROAS falls below your floor/)).toBeTruthy();
    expect(within(roas).getByText('Used 3 times')).toBeTruthy();
    expect(within(roas).getByText('Built-in')).toBeTruthy();
    await waitFor(() => expect(within(roas).getByRole('img', { name: 'When: KPI crosses a threshold' })).toBeTruthy());
    expect(within(roas).getByRole('img', { name: 'Then: Send an internal notification' })).toBeTruthy();
    expect(within(roas).getByRole('img', { name: 'Then: Create a task' })).toBeTruthy();
    expect(within(roas).getByRole('link', { name: 'ROAS drop rescue' }).getAttribute('href')).toBe(
      '/templates/builtin-roas-drop-rescue',
    );
    expect(within(roas).getByRole('link', { name: 'Use template ROAS drop rescue' }).getAttribute('href')).toBe(
      '/automations/new?template=builtin-roas-drop-rescue',
    );

    expect(within(screen.getByRole('region', { name: 'Onboarding' })).getByText('Used once')).toBeTruthy();
    const reporting = within(screen.getByRole('region', { name: 'Reporting' })).getByRole('article', {
      name: 'Monthly report heads-up',
    });
    expect(within(reporting).getByText('Your agency')).toBeTruthy();
    expect(within(reporting).getByText('Not used yet')).toBeTruthy();
    expect(
      within(screen.getByRole('region', { name: 'Support' })).getByText('Shared by Northwind Agency'),
    ).toBeTruthy();
    // Shelves follow the gallery order; empty ones are not shown.
    expect(screen.getAllByRole('region').map((region) => region.getAttribute('aria-labelledby'))).toEqual([
      'templates-onboarding',
      'templates-performance',
      'templates-support',
      'templates-reporting',
    ]);
    expect(screen.queryByRole('button', { name: 'Import' })).toBeNull();
  });

  it('filters by category (kept in the URL) and asks the API for that category only', async () => {
    const { requests } = stubTemplates();
    const { router } = renderApp('/templates');
    await screen.findByRole('article', { name: 'ROAS drop rescue' });

    fireEvent.click(within(screen.getByRole('group', { name: 'Category' })).getByLabelText('Support'));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'ROAS drop rescue' })).toBeNull());
    expect(screen.getByRole('article', { name: 'Urgent ticket escalation' })).toBeTruthy();
    expect(router.state.location.search).toBe('?category=support');
    expect(Object.fromEntries(new URL(listRequests(requests).at(-1)!.url).searchParams)).toEqual({
      page: '1',
      pageSize: '200',
      category: 'support',
    });
  });

  it('searches by words, and offers to show everything again when nothing matches', async () => {
    const { requests } = stubTemplates();
    const { router } = renderApp('/templates');
    await screen.findByRole('article', { name: 'Onboarding kickoff' });

    fireEvent.change(screen.getByRole('textbox', { name: 'Search templates' }), { target: { value: 'roas' } });
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Onboarding kickoff' })).toBeNull());
    expect(screen.getByRole('article', { name: 'ROAS drop rescue' })).toBeTruthy();
    expect(new URL(listRequests(requests).at(-1)!.url).searchParams.get('search')).toBe('roas');
    expect(router.state.location.search).toBe('?q=roas');

    fireEvent.change(screen.getByRole('textbox', { name: 'Search templates' }), {
      target: { value: 'nothing like this' },
    });
    expect(await screen.findByText('No templates match')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show all templates' }));
    expect(await screen.findByRole('article', { name: 'Onboarding kickoff' })).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Search templates' }) as HTMLInputElement).value).toBe('');
  });

  it('viewers read the gallery but are not offered “Use template”', async () => {
    stubTemplates('viewer');
    renderApp('/templates');
    const card = await screen.findByRole('article', { name: 'ROAS drop rescue' });
    expect(within(card).queryByRole('link', { name: /Use template/ })).toBeNull();
    expect(screen.getByRole('link', { name: 'Templates' })).toBeTruthy(); // in the navigation for everyone
  });

  it('admins import another agency’s template with its share code and land on it; a code that does not work says so', async () => {
    const imported = sharedTemplate();
    const { requests } = stubTemplates('admin', {
      'POST /api/v1/templates/import': async (request: Request) => {
        const body = (await request.json()) as { shareCode: string };
        return body.shareCode === 'tpl_good'
          ? jsonResponse(201, imported)
          : errorResponse(404, 'Not Found', 'Share code not found');
      },
      [`GET /api/v1/templates/${imported.id}`]: () => jsonResponse(200, imported),
    });
    const { router } = renderApp('/templates');
    fireEvent.click(await screen.findByRole('button', { name: 'Import' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import' });
    expect(within(dialog).getByRole('tab', { name: 'Share code' })).toBeTruthy();
    expect(within(dialog).getByRole('tab', { name: 'File' })).toBeTruthy();

    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Share code' }), { target: { value: 'tpl_expired' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import template' }));
    expect(
      await within(dialog).findByText(/This code does not work: it may be mistyped, expired or revoked/),
    ).toBeTruthy();

    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Share code' }), { target: { value: '  tpl_good ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import template' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/templates/${imported.id}`));
    expect(await screen.findByText('Imported into your library')).toBeTruthy();
    expect(await screen.findByText('Shared by Northwind Agency')).toBeTruthy();
    const importCalls = requests.filter((request) => pathOf(request) === '/api/v1/templates/import');
    expect(await importCalls.at(-1)!.json()).toEqual({ shareCode: 'tpl_good' });
  });

  it('admins import an exported automation file, giving the values it asks for, and land on the new automation', async () => {
    const template = templateDto();
    const document = {
      format: 'automations.workflow/v1',
      exportedAt: '2026-12-01T00:00:00.000Z',
      definition: template.definition,
      placeholders: template.placeholders.slice(2),
    };
    const { requests } = stubTemplates('admin', {
      'POST /api/v1/workflows/import': () =>
        jsonResponse(
          201,
          workflowDetail({ id: 'a1b2c3d4-0000-4000-8000-000000000009', name: 'ROAS drop rescue', isActive: false }),
        ),
      'GET /api/v1/workflows/a1b2c3d4-0000-4000-8000-000000000009': () =>
        jsonResponse(200, workflowDetail({ id: 'a1b2c3d4-0000-4000-8000-000000000009' })),
    });
    const { router } = renderApp('/templates');
    fireEvent.click(await screen.findByRole('button', { name: 'Import' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import' });
    fireEvent.click(within(dialog).getByRole('tab', { name: 'File' }));
    const fileInput = dialog.querySelector('input[type="file"]') as HTMLInputElement;

    fireEvent.change(fileInput, {
      target: { files: [new File(['{"format":"something/v9"}'], 'other.json', { type: 'application/json' })] },
    });
    expect(await within(dialog).findByText(/This file is not an automation exported from this product/)).toBeTruthy();

    fireEvent.change(fileInput, {
      target: { files: [new File([JSON.stringify(document)], 'roas.json', { type: 'application/json' })] },
    });
    expect(await within(dialog).findByText('“ROAS drop rescue” needs a few values from your agency:')).toBeTruthy();
    const floor = within(dialog).getByRole('textbox', { name: /^ROAS floor/ }) as HTMLInputElement;
    expect(floor.value).toBe('2');
    fireEvent.change(floor, { target: { value: '1.8' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import automation' }));

    await waitFor(() =>
      expect(router.state.location.pathname).toBe('/automations/a1b2c3d4-0000-4000-8000-000000000009'),
    );
    const importCall = requests.find((request) => pathOf(request) === '/api/v1/workflows/import')!;
    expect(await importCall.json()).toEqual({ document, values: { roasFloor: 1.8 } });
  });
});
