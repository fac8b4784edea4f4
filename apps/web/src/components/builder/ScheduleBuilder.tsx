import { useId, useMemo, useState } from 'react';
import { Alert, Group, List, NativeSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { describeCronValidity, nextCronRuns, isValidTimeZone } from '@automations/domain';
import { describeCron } from '../../lib/cronDescription';
import { formatInTimeZone } from '../../lib/format';
import {
  cronOf,
  FREQUENCY_OPTIONS,
  presetOf,
  WEEKDAY_OPTIONS,
  type ScheduleFrequency,
  type SchedulePreset,
} from './schedulePresets';

interface ScheduleBuilderProps {
  cron: string;
  timezone: string;
  onChange: (schedule: { cron: string; timezone: string }) => void;
  errors?: { cron?: string; timezone?: string };
  /** The moment "next runs" count from (tests pin it). */
  now?: Date;
}

const DAY_OF_MONTH_OPTIONS = Array.from({ length: 28 }, (_, i) => String(i + 1));

function timeZoneOptions(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', ...zones, ...(current ? [current] : [])])].sort();
}

/** Presets or a custom cron, the schedule in words, and its next five runs in the chosen time zone. */
export function ScheduleBuilder({ cron, timezone, onChange, errors = {}, now }: ScheduleBuilderProps) {
  const [preset, setPreset] = useState<SchedulePreset>(() => presetOf(cron));
  const runsHeadingId = useId();
  const zones = useMemo(() => timeZoneOptions(timezone), [timezone]);

  const changePreset = (changes: Partial<SchedulePreset>) => {
    const next = { ...preset, ...changes };
    // Switching to custom starts from the expression the preset stood for.
    if (changes.frequency === 'custom') next.cron = cron;
    setPreset(next);
    onChange({ cron: cronOf(next), timezone });
  };

  const problem = describeCronValidity(cron);
  const words = problem ? null : describeCron(cron);
  const zoneOk = isValidTimeZone(timezone);
  const runs = !problem && zoneOk ? nextCronRuns(cron, timezone, 5, now ?? new Date()) : [];

  return (
    <Stack gap="md">
      <Group align="flex-start" gap="sm" wrap="wrap">
        <NativeSelect
          label="Repeat"
          data={FREQUENCY_OPTIONS}
          value={preset.frequency}
          onChange={(event) => changePreset({ frequency: event.currentTarget.value as ScheduleFrequency })}
          style={{ flex: '1 1 220px' }}
        />
        {preset.frequency === 'weekly' && (
          <NativeSelect
            label="On"
            data={WEEKDAY_OPTIONS}
            value={String(preset.weekday)}
            onChange={(event) => changePreset({ weekday: Number(event.currentTarget.value) })}
            style={{ flex: '0 1 160px' }}
          />
        )}
        {preset.frequency === 'monthly' && (
          <NativeSelect
            label="On day"
            data={DAY_OF_MONTH_OPTIONS}
            value={String(preset.dayOfMonth)}
            onChange={(event) => changePreset({ dayOfMonth: Number(event.currentTarget.value) })}
            style={{ flex: '0 1 100px' }}
          />
        )}
        {preset.frequency === 'hourly' && (
          <TextInput
            label="At minute"
            inputMode="numeric"
            value={String(Number(preset.time.split(':')[1]))}
            onChange={(event) => {
              const minute = Math.min(59, Math.max(0, Number(event.currentTarget.value) || 0));
              changePreset({ time: `00:${String(minute).padStart(2, '0')}` });
            }}
            style={{ flex: '0 1 100px' }}
          />
        )}
        {preset.frequency !== 'hourly' && preset.frequency !== 'custom' && (
          <TextInput
            label="At"
            type="time"
            value={preset.time}
            onChange={(event) => event.currentTarget.value && changePreset({ time: event.currentTarget.value })}
            style={{ flex: '0 1 130px' }}
          />
        )}
      </Group>

      {preset.frequency === 'custom' && (
        <TextInput
          label="Cron expression"
          description="Five fields: minute hour day-of-month month day-of-week, e.g. 0 9 * * 1 = Mondays at 09:00."
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          value={preset.cron}
          error={errors.cron ?? (preset.cron.trim() && problem ? problem : undefined)}
          onChange={(event) => {
            const next = event.currentTarget.value;
            setPreset({ ...preset, cron: next });
            onChange({ cron: next, timezone });
          }}
        />
      )}
      {preset.frequency !== 'custom' && errors.cron && (
        <Text c="red" size="sm" role="alert">
          {errors.cron}
        </Text>
      )}

      <Select
        label="Time zone"
        description="The schedule follows the clock of this zone, including daylight saving changes."
        searchable
        data={zones}
        value={timezone || null}
        error={errors.timezone}
        nothingFoundMessage="No such time zone"
        onChange={(value) => onChange({ cron, timezone: value ?? '' })}
        comboboxProps={{ withinPortal: true }}
      />

      {words && (
        <Alert color="indigo" variant="light" title="In words" aria-live="polite">
          {words}
          {zoneOk && ` (${timezone})`}
        </Alert>
      )}
      {runs.length > 0 && (
        <div>
          <Text fw={600} size="sm" id={runsHeadingId}>
            Next {runs.length} runs ({timezone})
          </Text>
          <List size="sm" aria-labelledby={runsHeadingId} spacing={2}>
            {runs.map((run) => (
              <List.Item key={run.toISOString()}>
                <time dateTime={run.toISOString()}>{formatInTimeZone(run, timezone)}</time>
              </List.Item>
            ))}
          </List>
        </div>
      )}
    </Stack>
  );
}
