import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { tokenStore } from '../../auth/tokenStore';
import { stubApp } from '../../test/appStubs';
import { jsonResponse } from '../../test/fetchStub';
import { agency } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';
import { toStageName } from './PipelineStagesEditor';

const stagesForm = () => screen.findByRole('form', { name: 'Pipeline stages' });
const stageValues = (form: HTMLElement) =>
  within(form)
    .getAllByRole('textbox', { name: /^Stage \d+/ })
    .map((input) => (input as HTMLInputElement).value);

describe('Pipeline stages (Settings → Agency)', () => {
  beforeEach(() => tokenStore.set('jwt-123'));

  it('adds, renames, reorders and removes stages, then saves the whole ordered list', async () => {
    let saved: unknown = null;
    const { requests } = stubApp(
      {
        'PATCH /api/v1/agency': async (request) => {
          saved = await request.json();
          return jsonResponse(200, { ...agency, ...(saved as object) });
        },
      },
      'admin',
    );
    renderApp('/settings/agency');
    const form = await stagesForm();
    expect(stageValues(form)).toEqual(['lead', 'onboarding', 'active', 'at_risk', 'churned']);
    const save = within(form).getByRole('button', { name: 'Save stages' });
    expect((save as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(within(form).getByRole('textbox', { name: 'New stage' }), { target: { value: 'Key Account' } });
    expect(within(form).getByText('Saved as key_account')).toBeTruthy();
    fireEvent.click(within(form).getByRole('button', { name: 'Add stage' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Move key_account up' }));
    fireEvent.change(within(form).getByRole('textbox', { name: 'Stage 1' }), { target: { value: 'prospect' } });
    expect(within(form).getByText('Renamed from lead')).toBeTruthy();
    fireEvent.click(within(form).getByRole('button', { name: 'Remove at_risk' }));
    expect(stageValues(form)).toEqual(['prospect', 'onboarding', 'active', 'key_account', 'churned']);

    fireEvent.click(save);
    await waitFor(() =>
      expect(saved).toEqual({ pipelineStages: ['prospect', 'onboarding', 'active', 'key_account', 'churned'] }),
    );
    expect(await within(form).findByText('Stages saved.')).toBeTruthy();
    expect(requests.filter((request) => request.method === 'PATCH')).toHaveLength(1);
  });

  it('checks names before saving, and shows the API’s 409 when a stage is still in use', async () => {
    stubApp(
      {
        'PATCH /api/v1/agency': () =>
          jsonResponse(409, {
            statusCode: 409,
            error: 'Conflict',
            message:
              "Cannot remove stage 'churned' is used by 2 clients: move those clients and edit those automations first",
          }),
      },
      'admin',
    );
    renderApp('/settings/agency');
    const form = await stagesForm();
    fireEvent.change(within(form).getByRole('textbox', { name: 'Stage 2' }), { target: { value: 'lead' } });
    expect(within(form).getByText('Listed twice')).toBeTruthy();
    expect((within(form).getByRole('button', { name: 'Save stages' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(form).getByRole('textbox', { name: 'Stage 2' }), { target: { value: 'onboarding' } });

    fireEvent.click(within(form).getByRole('button', { name: 'Remove churned' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Save stages' }));
    expect((await within(form).findByRole('alert')).textContent).toContain("stage 'churned' is used by 2 clients");
  });

  it('is read-only below admin', async () => {
    stubApp({}, 'manager');
    renderApp('/settings/agency');
    const form = await stagesForm();
    expect(stageValues(form)).toEqual(agency.pipelineStages);
    expect(within(form).queryByRole('button', { name: 'Save stages' })).toBeNull();
    expect(within(form).queryByRole('button', { name: /^Remove/ })).toBeNull();
  });

  it('turns typed names into stage names', () => {
    expect(toStageName('  At Risk ')).toBe('at_risk');
    expect(toStageName('Won!')).toBe('won');
    expect(toStageName('needs-ticket')).toBe('needs-ticket');
  });
});
