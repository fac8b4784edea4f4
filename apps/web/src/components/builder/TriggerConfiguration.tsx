import { Alert, Button, Group, NativeSelect, Paper, Stack, Text } from '@mantine/core';
import { MAX_TRIGGERS } from '@automations/domain/constants';
import type { TriggerType } from '../../api/types';
import { ConfirmButton } from '../ConfirmButton';
import { SchemaForm } from '../schema-form/SchemaForm';
import { defaultsOf, errorsUnder } from '../schema-form/jsonSchema';
import { useBuilder } from './BuilderContext';
import { describeTriggers } from './describeTriggers';
import { newTrigger, SCHEDULED, type DraftTrigger } from './draft';
import { TriggersHelp } from './help/TriggersHelp';
import { TypeExamples } from './help/TypeExamples';
import { ScheduleBuilder } from './ScheduleBuilder';
import { defaultSchedule } from './schedulePresets';
import { SCHEDULE_FIELDS } from './validateDraft';

interface TriggerConfigurationProps {
  triggers: DraftTrigger[];
  onChange: (triggers: DraftTrigger[]) => void;
}

/** Up to two triggers (AND), each a type and a form from its JSON Schema, and the pair in words. */
export function TriggerConfiguration({ triggers, onChange }: TriggerConfigurationProps) {
  const { catalogs, errors, clearError, defaultTimezone } = useBuilder();

  const update = (index: number, trigger: DraftTrigger) =>
    onChange(triggers.map((current, i) => (i === index ? trigger : current)));
  const chooseType = (index: number, type: string) => {
    clearError('triggers');
    const schema = catalogs.triggers.find((descriptor) => descriptor.type === type)?.configSchema;
    const config = type === SCHEDULED ? { ...defaultSchedule(defaultTimezone) } : schema ? defaultsOf(schema) : {};
    update(index, { ...triggers[index], type: type as TriggerType | '', config });
  };

  return (
    <Stack gap="md">
      <TriggersHelp />
      {errors.triggers && (
        <Alert color="red" role="alert" p="xs">
          {errors.triggers}
        </Alert>
      )}
      {triggers.map((trigger, index) => {
        const path = `triggers[${index}]`;
        const descriptor = catalogs.triggers.find((candidate) => candidate.type === trigger.type);
        const heading = index === 0 ? 'When' : 'AND';
        return (
          <Paper key={trigger.key} withBorder p="sm" component="section" aria-label={`Trigger ${index + 1}`}>
            <Stack gap="sm">
              <Group justify="space-between" wrap="nowrap">
                <Text fw={700}>{heading}</Text>
                {triggers.length > 1 && (
                  <ConfirmButton
                    variant="subtle"
                    color="red"
                    size="compact-sm"
                    aria-label={`Remove trigger ${index + 1}`}
                    title={`Remove trigger ${index + 1}?`}
                    message="Its settings are removed."
                    confirmLabel="Remove"
                    needsConfirmation={Object.keys(trigger.config).length > 0}
                    onConfirm={() => {
                      clearError('triggers');
                      onChange(triggers.filter((_, i) => i !== index));
                    }}
                  >
                    Remove
                  </ConfirmButton>
                )}
              </Group>
              <NativeSelect
                label="Trigger type"
                withAsterisk
                data={[
                  { value: '', label: 'Choose a trigger…' },
                  ...catalogs.triggers.map((type) => ({ value: type.type, label: type.label })),
                ]}
                value={trigger.type}
                description={descriptor?.description}
                error={errors[`${path}.type`]}
                onChange={(event) => chooseType(index, event.currentTarget.value)}
              />
              {descriptor && (
                <TypeExamples
                  key={descriptor.type}
                  descriptor={descriptor}
                  kind="trigger"
                  onUse={(config) => {
                    clearError(`${path}.config`);
                    update(index, { ...trigger, config });
                  }}
                />
              )}
              {descriptor && (
                <SchemaForm
                  schema={descriptor.configSchema}
                  value={trigger.config}
                  errors={errorsUnder(errors, `${path}.config`)}
                  hiddenFields={trigger.type === SCHEDULED ? SCHEDULE_FIELDS : undefined}
                  onChange={(config) => {
                    clearError(`${path}.config`);
                    update(index, { ...trigger, config: { ...config } });
                  }}
                />
              )}
              {trigger.type === SCHEDULED && (
                <ScheduleBuilder
                  cron={typeof trigger.config.cron === 'string' ? trigger.config.cron : ''}
                  timezone={typeof trigger.config.timezone === 'string' ? trigger.config.timezone : ''}
                  errors={{ cron: errors[`${path}.config.cron`], timezone: errors[`${path}.config.timezone`] }}
                  onChange={({ cron, timezone }) => {
                    clearError(`${path}.config.cron`);
                    clearError(`${path}.config.timezone`);
                    update(index, { ...trigger, config: { ...trigger.config, cron, timezone } });
                  }}
                />
              )}
            </Stack>
          </Paper>
        );
      })}
      {triggers.length < MAX_TRIGGERS && (
        <Group>
          <Button variant="light" onClick={() => onChange([...triggers, newTrigger()])}>
            {triggers.length === 0 ? 'Add a trigger' : 'Add a second trigger (AND)'}
          </Button>
        </Group>
      )}
      <Alert color="indigo" variant="light" title="In words" aria-live="polite">
        {describeTriggers(triggers)}
      </Alert>
    </Stack>
  );
}
