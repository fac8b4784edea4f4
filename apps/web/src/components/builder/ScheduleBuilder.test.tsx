import { useState } from 'react';
import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ScheduleBuilder } from './ScheduleBuilder';
import { cronOf, presetOf } from './schedulePresets';

const NOW = new Date('2025-06-13T12:00:00Z'); // a Friday
let schedule = { cron: '', timezone: '' };

function Harness({ cron, timezone }: { cron: string; timezone: string }) {
  const [value, setValue] = useState({ cron, timezone });
  schedule = value;
  return (
    <MantineProvider env="test">
      <ScheduleBuilder cron={value.cron} timezone={value.timezone} onChange={setValue} now={NOW} />
    </MantineProvider>
  );
}

const nextRuns = () =>
  within(screen.getByRole('list', { name: /^Next 5 runs/ }))
    .getAllByRole('listitem')
    .map((item) => item.textContent);

describe('ScheduleBuilder', () => {
  it('opens a known cron as its preset and shows it in words with the next five runs in the time zone', () => {
    render(<Harness cron="0 9 * * 1-5" timezone="Asia/Tokyo" />);

    expect((screen.getByRole('combobox', { name: 'Repeat' }) as HTMLSelectElement).value).toBe('weekdays');
    expect((screen.getByLabelText('At') as HTMLInputElement).value).toBe('09:00');
    expect(screen.getByText('At 09:00 on Monday through Friday (Asia/Tokyo)')).toBeTruthy();
    expect(screen.getByText('Next 5 runs (Asia/Tokyo)')).toBeTruthy();
    expect(nextRuns()).toEqual([
      'Mon, Jun 16, 2025, 09:00 GMT+9',
      'Tue, Jun 17, 2025, 09:00 GMT+9',
      'Wed, Jun 18, 2025, 09:00 GMT+9',
      'Thu, Jun 19, 2025, 09:00 GMT+9',
      'Fri, Jun 20, 2025, 09:00 GMT+9',
    ]);
  });

  it('builds the cron from the preset fields', () => {
    render(<Harness cron="0 9 * * 1-5" timezone="Europe/Berlin" />);

    fireEvent.change(screen.getByRole('combobox', { name: 'Repeat' }), { target: { value: 'weekly' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'On' }), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('At'), { target: { value: '17:30' } });
    expect(schedule).toEqual({ cron: '30 17 * * 3', timezone: 'Europe/Berlin' });
    expect(screen.getByText('At 17:30 on Wednesday (Europe/Berlin)')).toBeTruthy();
    expect(nextRuns()[0]).toBe('Wed, Jun 18, 2025, 17:30 GMT+2');
  });

  it('takes a custom cron, describes it and explains what is wrong with an invalid one', () => {
    render(<Harness cron="*/15 9-17 * * 1-5" timezone="America/New_York" />);

    expect((screen.getByRole('combobox', { name: 'Repeat' }) as HTMLSelectElement).value).toBe('custom');
    expect(
      screen.getByText('Every 15 minutes from 09:00 through 17:59 on Monday through Friday (America/New_York)'),
    ).toBeTruthy();
    expect(nextRuns()[0]).toBe('Fri, Jun 13, 2025, 09:00 EDT'); // 12:00 UTC is 08:00 in New York

    fireEvent.change(screen.getByLabelText(/^Cron expression/), { target: { value: '0 0 9 * * 1' } });
    expect(screen.getByText(/must have exactly 5 fields .* seconds are not supported/)).toBeTruthy();
    expect(screen.queryByRole('list', { name: /^Next 5 runs/ })).toBeNull();
  });
});

describe('schedule presets', () => {
  it('round-trips the preset crons and leaves anything else custom', () => {
    for (const cron of ['15 * * * *', '0 9 * * *', '0 9 * * 1-5', '30 8 * * 0', '0 7 15 * *']) {
      expect(cronOf(presetOf(cron))).toBe(cron);
    }
    expect(presetOf('0 9 1,15 * *').frequency).toBe('custom');
    expect(presetOf('0 9 * 1 *').frequency).toBe('custom');
  });
});
