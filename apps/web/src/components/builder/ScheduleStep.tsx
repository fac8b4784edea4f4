import { Button, Stack, Text } from '@mantine/core';
import { MAX_TRIGGERS } from '@automations/domain/constants';
import { useBuilder } from './BuilderContext';
import { describeTriggerState } from './describeTriggers';
import { newKey, scheduledTriggerIndex, SCHEDULED, type DraftTrigger } from './draft';
import { ScheduleBuilder } from './ScheduleBuilder';
import { defaultSchedule } from './schedulePresets';

interface ScheduleStepProps {
  triggers: DraftTrigger[];
  onChange: (triggers: DraftTrigger[]) => void;
}

/** Edits the schedule of a `scheduled` trigger; without one, explains and offers to add it. */
export function ScheduleStep({ triggers, onChange }: ScheduleStepProps) {
  const { errors, clearError, defaultTimezone } = useBuilder();
  const index = scheduledTriggerIndex({ triggers });

  if (index < 0) {
    const [only] = triggers;
    const canAdd = triggers.length < MAX_TRIGGERS;
    return (
      <Stack gap="sm" align="flex-start">
        <Text>This automation runs when its trigger fires, so it needs no schedule.</Text>
        {canAdd ? (
          <>
            <Text size="sm" c="dimmed">
              To run it on a schedule instead (say every Monday at 09:00),
              {only?.type ? ` for every client for whom ${describeTriggerState(only)},` : ''} add a schedule.
            </Text>
            <Button
              variant="light"
              onClick={() => onChange([{ key: newKey('trigger'), type: SCHEDULED, config: defaultSchedule(defaultTimezone) }, ...triggers])}
            >
              Run on a schedule
            </Button>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            It already has two triggers; to run it on a schedule, replace one of them with “On a schedule” in the Triggers step.
          </Text>
        )}
      </Stack>
    );
  }

  const trigger = triggers[index];
  const path = `triggers[${index}].config`;
  return (
    <ScheduleBuilder
      cron={typeof trigger.config.cron === 'string' ? trigger.config.cron : ''}
      timezone={typeof trigger.config.timezone === 'string' ? trigger.config.timezone : ''}
      errors={{ cron: errors[`${path}.cron`], timezone: errors[`${path}.timezone`] }}
      onChange={({ cron, timezone }) => {
        clearError(`${path}.cron`);
        clearError(`${path}.timezone`);
        onChange(triggers.map((t, i) => (i === index ? { ...t, config: { ...t.config, cron, timezone } } : t)));
      }}
    />
  );
}
