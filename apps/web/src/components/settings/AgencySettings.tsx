import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { describeError, validationErrorsOf } from '../../api/errors';
import type { Agency } from '../../api/types';
import { useAgency, useUpdateAgency } from '../../api/useAgency';
import { usePermissions } from '../../auth/usePermissions';
import { LoadingState } from '../LoadingState';
import { QueryError } from '../QueryError';
import { PipelineStagesEditor } from './PipelineStagesEditor';

function AgencyForm({ agency, canEdit }: { agency: Agency; canEdit: boolean }) {
  const update = useUpdateAgency();
  const [name, setName] = useState(agency.name);
  const [timezone, setTimezone] = useState(agency.timezone);
  const [maxRunsPerMinute, setMaxRunsPerMinute] = useState<number | string>(agency.settings.maxRunsPerMinute);
  const [saved, setSaved] = useState(false);
  const errors = validationErrorsOf(update.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    update.mutate(
      { name: name.trim(), timezone: timezone.trim(), settings: { maxRunsPerMinute: Number(maxRunsPerMinute) } },
      { onSuccess: () => setSaved(true) },
    );
  };

  return (
    <form onSubmit={submit} aria-label="Agency settings">
      <Stack gap="sm" maw={480}>
        <TextInput
          label="Agency name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          readOnly={!canEdit}
          required
          error={errors.name}
        />
        <TextInput
          label="Time zone"
          description="IANA name; conditions on time.hour / time.weekday and analytics days use it"
          value={timezone}
          onChange={(e) => setTimezone(e.currentTarget.value)}
          readOnly={!canEdit}
          required
          error={errors.timezone}
        />
        <NumberInput
          label="Max runs per minute"
          description="Runs over the quota are deferred, never dropped"
          min={1}
          allowDecimal={false}
          value={maxRunsPerMinute}
          onChange={setMaxRunsPerMinute}
          readOnly={!canEdit}
          error={errors['settings.maxRunsPerMinute']}
        />
        {update.isError && Object.keys(errors).length === 0 && (
          <Alert color="red" role="alert" p="xs">
            {describeError(update.error)}
          </Alert>
        )}
        {canEdit ? (
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {saved ? 'Saved.' : ''}
            </Text>
            <Button type="submit" loading={update.isPending}>
              Save agency settings
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            Only admins change agency settings.
          </Text>
        )}
      </Stack>
    </form>
  );
}

/** Agency name, time zone, quotas (`maxRunsPerMinute`) and pipeline stages. */
export function AgencySettings() {
  const agency = useAgency();
  const { canAdminister } = usePermissions();
  if (!agency.data) {
    return agency.error ? (
      <QueryError title="Could not load the agency" error={agency.error} onRetry={() => void agency.refetch()} />
    ) : (
      <LoadingState label="Loading agency…" />
    );
  }
  return (
    <Stack gap="xl">
      <AgencyForm agency={agency.data} canEdit={canAdminister} />
      <PipelineStagesEditor key={agency.data.pipelineStages.join('\n')} agency={agency.data} canEdit={canAdminister} />
    </Stack>
  );
}
