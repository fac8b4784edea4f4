import { useState, type FormEvent } from 'react';
import { ActionIcon, Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { describeError, validationErrorsOf } from '../../api/errors';
import type { Agency } from '../../api/types';
import { useUpdateAgency } from '../../api/useAgency';

const STAGE_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** `At Risk` → `at_risk`: what the API accepts as a stage name. */
export function toStageName(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s]+/g, '_')
    .replace(/[^a-z0-9_-]/g, '')
    .slice(0, 64);
}

interface Row {
  /** The stored name it started as (null for a new one): shown while renaming. */
  original: string | null;
  name: string;
}

/**
 * The agency's ordered pipeline stages: add, rename, reorder, remove, then save the whole list (PATCH /agency
 * `pipelineStages`). The API refuses (409) to drop a stage clients are in or an active automation names, and
 * says where; the message is shown as it is.
 */
export function PipelineStagesEditor({ agency, canEdit }: { agency: Agency; canEdit: boolean }) {
  const update = useUpdateAgency();
  const [rows, setRows] = useState<Row[]>(() => agency.pipelineStages.map((name) => ({ original: name, name })));
  const [added, setAdded] = useState('');
  const [saved, setSaved] = useState(false);
  const serverErrors = validationErrorsOf(update.error);

  const names = rows.map((row) => row.name);
  const problemOf = (row: Row, index: number): string | undefined => {
    if (row.name === '') return 'A stage needs a name';
    if (row.name !== row.original && !STAGE_NAME.test(row.name)) return 'Lowercase letters, digits, _ or -';
    if (names.indexOf(row.name) !== index) return 'Listed twice';
    return serverErrors[`pipelineStages[${index}]`];
  };
  const invalid = rows.some(
    (row, index) => problemOf(row, index) !== undefined && !serverErrors[`pipelineStages[${index}]`],
  );
  const changed = names.join('\n') !== agency.pipelineStages.join('\n');

  const edit = (next: Row[]) => {
    setSaved(false);
    update.reset();
    setRows(next);
  };
  const move = (index: number, by: -1 | 1) => {
    const next = [...rows];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    edit(next);
  };
  const addStage = () => {
    const name = toStageName(added);
    if (!name || names.includes(name)) return;
    edit([...rows, { original: null, name }]);
    setAdded('');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { pipelineStages: names },
      {
        onSuccess: (agency) => {
          setRows(agency.pipelineStages.map((name) => ({ original: name, name })));
          setSaved(true);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} aria-label="Pipeline stages">
      <Stack gap="xs" maw={480}>
        <div>
          <Title order={4}>Pipeline stages</Title>
          <Text size="sm" c="dimmed">
            The stages clients move through, in order. Automations, clients and events can only use these. A stage
            clients are in or an active automation uses cannot be removed or renamed until they move.
          </Text>
        </div>
        {rows.map((row, index) => (
          <Group key={index} gap="xs" wrap="nowrap" align="flex-start">
            <TextInput
              aria-label={`Stage ${index + 1}`}
              value={row.name}
              onChange={(event) =>
                edit(
                  rows.map((other, at) =>
                    at === index ? { ...other, name: event.currentTarget.value.toLowerCase() } : other,
                  ),
                )
              }
              readOnly={!canEdit}
              error={problemOf(row, index)}
              description={row.original && row.name !== row.original ? `Renamed from ${row.original}` : undefined}
              style={{ flex: 1 }}
            />
            {canEdit && (
              <>
                <ActionIcon
                  variant="subtle"
                  aria-label={`Move ${row.name || 'stage'} up`}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                  mt={4}
                >
                  <IconArrowUp size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  aria-label={`Move ${row.name || 'stage'} down`}
                  disabled={index === rows.length - 1}
                  onClick={() => move(index, 1)}
                  mt={4}
                >
                  <IconArrowDown size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Remove ${row.name || 'stage'}`}
                  disabled={rows.length === 1}
                  onClick={() => edit(rows.filter((_, at) => at !== index))}
                  mt={4}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </>
            )}
          </Group>
        ))}
        {canEdit && (
          <Group gap="xs" align="flex-end">
            <TextInput
              label="New stage"
              placeholder="e.g. renewal"
              value={added}
              onChange={(event) => setAdded(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  addStage();
                }
              }}
              description={added && toStageName(added) !== added ? `Saved as ${toStageName(added)}` : undefined}
              style={{ flex: 1 }}
            />
            <Button
              variant="default"
              onClick={addStage}
              disabled={!toStageName(added) || names.includes(toStageName(added))}
            >
              Add stage
            </Button>
          </Group>
        )}
        {update.isError && Object.keys(serverErrors).length === 0 && (
          <Alert color="red" role="alert" p="xs">
            {describeError(update.error)}
          </Alert>
        )}
        {canEdit && (
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {saved ? 'Stages saved.' : ''}
            </Text>
            <Button type="submit" loading={update.isPending} disabled={!changed || invalid}>
              Save stages
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
