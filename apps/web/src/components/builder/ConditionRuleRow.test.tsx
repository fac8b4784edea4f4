import { useState } from 'react';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { actionTypes, stubApp, triggerTypes } from '../../test/appStubs';
import { jsonResponse } from '../../test/fetchStub';
import { agency } from '../../test/fixtures';
import { BuilderContext, type BuilderContextValue } from './BuilderContext';
import { ConditionRuleRow } from './ConditionRuleRow';
import { conditionFieldType, groupConditionFields, operatorsFor } from './conditionFieldTypes';
import type { DraftRule } from './draft';

let current: DraftRule;

function Harness({ initial }: { initial: DraftRule }) {
  const [rule, setRule] = useState(initial);
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }));
  current = rule;
  const context: BuilderContextValue = {
    catalogs: { triggers: triggerTypes.items, actions: actionTypes.items },
    errors: {},
    clearError: () => undefined,
    variableGroups: [],
    conditionFields: [
      'client.name',
      'client.stage',
      'client.health',
      'trigger.toStage',
      'metrics.roas',
      'time.hour',
      'time.weekday',
    ],
    requiresApprovalForAll: false,
    defaultTimezone: 'UTC',
  };
  return (
    <QueryClientProvider client={client}>
      <MantineProvider env="test">
        <BuilderContext.Provider value={context}>
          <ConditionRuleRow
            rule={rule}
            number={1}
            path="steps[0].condition.all[0]"
            onChange={setRule}
            onRemove={() => undefined}
            canRemove
          />
        </BuilderContext.Provider>
      </MantineProvider>
    </QueryClientProvider>
  );
}

const operatorTexts = () =>
  within(screen.getByRole('combobox', { name: 'Rule 1 operator' }))
    .getAllByRole('option')
    .map((option) => option.getAttribute('value'));

describe('condition rule row: typed fields, operators and values', () => {
  beforeEach(() => {
    stubApp({
      'GET /api/v1/agency': () => jsonResponse(200, { ...agency, pipelineStages: ['lead', 'onboarding', 'vip'] }),
      'GET /api/v1/clients/metrics/names': () =>
        jsonResponse(200, {
          items: [
            {
              name: 'lead_quality',
              label: 'lead_quality',
              unit: null,
              common: false,
              clients: 2,
              lastRecordedAt: null,
            },
          ],
        }),
    });
  });

  it('offers fields grouped Client / Trigger / Metrics / Time with readable names, the agency’s metrics included', async () => {
    render(<Harness initial={{ key: 'r', field: '', operator: 'equals', value: '' }} />);
    fireEvent.click(screen.getByRole('textbox', { name: 'Rule 1 field' }));
    const list = await screen.findByRole('listbox');
    await waitFor(() => expect(within(list).getByText('Latest lead_quality')).toBeTruthy());
    for (const group of ['Client', 'Trigger', 'Metrics', 'Time']) expect(within(list).getByText(group)).toBeTruthy();
    expect(within(list).getByText('Client stage')).toBeTruthy();
    expect(within(list).getByText('Hour of the day (agency time)')).toBeTruthy();
    fireEvent.click(within(list).getByRole('option', { name: /Client stage/ }));
    expect(current.field).toBe('client.stage');
  });

  it('a stage field takes a stage from the pipeline, with choice operators only', async () => {
    render(<Harness initial={{ key: 'r', field: 'client.stage', operator: 'equals', value: '' }} />);
    expect(operatorTexts()).toEqual(['equals', 'not_equals', 'in', 'exists', 'not_exists']);
    const value = screen.getByRole('combobox', { name: 'Rule 1 value' });
    await waitFor(() =>
      expect(
        within(value)
          .getAllByRole('option')
          .map((option) => option.textContent),
      ).toEqual(['Choose…', 'lead', 'onboarding', 'vip']),
    );
    fireEvent.change(value, { target: { value: 'vip' } });
    expect(current).toMatchObject({ field: 'client.stage', operator: 'equals', value: 'vip' });
  });

  it('a number field takes a number and numeric operators; switching field resets what no longer fits', () => {
    render(<Harness initial={{ key: 'r', field: 'client.name', operator: 'contains', value: 'Acme' }} />);
    expect(operatorTexts()).toContain('contains');
    fireEvent.change(screen.getByRole('textbox', { name: 'Rule 1 field' }), { target: { value: 'metrics.roas' } });
    expect(current).toMatchObject({ field: 'metrics.roas', operator: 'equals', value: '' });
    expect(operatorTexts()).not.toContain('contains');
    expect(operatorTexts()).toContain('greater_than');
    expect(screen.getByRole('textbox', { name: 'Rule 1 value' }).getAttribute('inputmode')).toBe('decimal');
  });

  it('the weekday is picked by name', () => {
    render(<Harness initial={{ key: 'r', field: 'time.weekday', operator: 'equals', value: '' }} />);
    const value = screen.getByRole('combobox', { name: 'Rule 1 value' });
    fireEvent.change(value, { target: { value: '1' } });
    expect(within(value).getByRole('option', { name: 'Monday' })).toBeTruthy();
    expect(current.value).toBe('1');
  });

  it('knows each field’s type', () => {
    expect(conditionFieldType('trigger.toStage')).toBe('stage');
    expect(conditionFieldType('metrics.cpa')).toBe('number');
    expect(conditionFieldType('trigger.subject')).toBe('text');
    expect(operatorsFor('hour')).not.toContain('contains');
    expect(
      groupConditionFields(['time.hour', 'client.name', 'metrics.roas', 'client.name']).map((group) => group.group),
    ).toEqual(['Client', 'Metrics', 'Time']);
  });
});
