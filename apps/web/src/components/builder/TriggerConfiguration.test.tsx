import { useState } from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { stubApp } from '../../test/appStubs';
import { jsonResponse } from '../../test/fetchStub';
import { newTrigger, type DraftTrigger } from './draft';
import { BuilderHarness } from './help/builderHarness';
import { TriggerConfiguration } from './TriggerConfiguration';

let current: DraftTrigger[] = [];

function Triggers({ initial }: { initial: DraftTrigger[] }) {
  const [triggers, setTriggers] = useState(initial);
  current = triggers;
  return <TriggerConfiguration triggers={triggers} onChange={setTriggers} />;
}

function renderTriggers(initial: DraftTrigger[]) {
  stubApp({
    'GET /api/v1/clients/metrics/names': () =>
      jsonResponse(200, { items: [{ name: 'roas', label: 'ROAS', unit: 'ratio', clients: 3 }] }),
  });
  return render(
    <BuilderHarness>
      <Triggers initial={initial} />
    </BuilderHarness>,
  );
}

/** The input or select a user reads under `label` (Mantine also labels its option lists). */
const field = (container: HTMLElement, label: RegExp) =>
  within(container)
    .getAllByLabelText(label)
    .find(
      (element): element is HTMLInputElement | HTMLSelectElement =>
        element instanceof HTMLInputElement || element instanceof HTMLSelectElement,
    )!;

describe('TriggerConfiguration help', () => {
  it('explains triggers and AND, and lists every kind of trigger from the catalog', () => {
    renderTriggers([newTrigger()]);
    const help = screen.getByRole('complementary', { name: 'Help: Triggers' });
    expect(within(help).getByText(/A trigger is what starts the automation for a client/)).toBeTruthy();
    fireEvent.click(within(help).getByRole('button', { name: 'Help' }));
    expect(within(help).getByText(/Both must then be true \(AND\)/)).toBeTruthy();
    expect(within(help).getByText('What can start an automation')).toBeTruthy();
    for (const label of ['Client stage changes', 'KPI crosses a threshold'])
      expect(within(help).getByText(label)).toBeTruthy();
  });

  it('lists the chosen type’s examples in words and fills the trigger’s form with one, keeping the trigger', async () => {
    const trigger = { ...newTrigger(), type: 'kpi_threshold' as const, config: {} };
    renderTriggers([trigger]);
    const card = screen.getByRole('region', { name: 'Trigger 1' });
    fireEvent.click(within(card).getByRole('button', { name: 'Show 2 examples' }));

    const examples = within(card).getAllByRole('listitem', { name: /^Example/ });
    expect(examples.map((example) => example.textContent)).toEqual([
      expect.stringContaining('Runs for a client when a client’s roas crosses below 2.'),
      expect.stringContaining('Runs for a client when a client’s cpa crosses above 45.5.'),
    ]);
    expect(card.textContent).not.toMatch(/[{}]/);

    fireEvent.click(within(examples[0]).getByRole('button', { name: 'Use this example' }));
    expect(field(card, /^Metric/).value).toBe('roas');
    expect(field(card, /^Operator/).value).toBe('below');
    expect(field(card, /^Threshold/).value).toBe('2');
    expect(within(card).getByRole('status').textContent).toBe('Filled in from the example. Adjust it to your needs.');
    expect(current[0].key).toBe(trigger.key);
    expect(current[0].config).toEqual({ metric: 'roas', operator: 'below', value: 2 });
  });

  it('leaves a stage the agency’s pipeline does not have to pick, and says so', async () => {
    renderTriggers([{ ...newTrigger(), type: 'stage_change', config: {} }]);
    const card = screen.getByRole('region', { name: 'Trigger 1' });
    fireEvent.click(within(card).getByRole('button', { name: 'Show 2 examples' }));
    const second = within(card).getAllByRole('listitem', { name: /^Example/ })[1];
    expect(second.textContent).toContain('Runs for a client when a client moves into “churn_risk” from “active”.');
    // The stages come from the agency (lead, onboarding, active, at_risk, churned).
    await waitFor(() => expect(within(card).getAllByRole('option', { name: 'at_risk' }).length).toBeGreaterThan(0));
    fireEvent.click(within(second).getByRole('button', { name: 'Use this example' }));

    expect(field(card, /^From stage/).value).toBe('active');
    expect(field(card, /^To stage/).value).toBe('');
    expect(within(card).getByRole('status').textContent).toBe(
      'Filled in from the example. Still to choose: To stage (“churn_risk” is not one of your stages).',
    );
  });

  it('fills a schedule from an example, with its client filter', () => {
    renderTriggers([{ ...newTrigger(), type: 'scheduled', config: { cron: '0 8 * * *', timezone: 'Europe/Berlin' } }]);
    const card = screen.getByRole('region', { name: 'Trigger 1' });
    fireEvent.click(within(card).getByRole('button', { name: 'Show 2 examples' }));
    const second = within(card).getAllByRole('listitem', { name: /^Example/ })[1];
    fireEvent.click(within(second).getByRole('button', { name: 'Use this example' }));

    expect(current[0].config).toEqual({
      cron: '30 8 1 * *',
      timezone: 'Europe/Paris',
      clientFilter: { stages: ['active'], health: ['yellow', 'red'] },
    });
    expect(
      screen.getByText(
        'Runs when the schedule ticks (at 08:30 on day 1 of the month, Europe/Paris), once for each client that passes the client filter.',
      ),
    ).toBeTruthy();
  });
});
