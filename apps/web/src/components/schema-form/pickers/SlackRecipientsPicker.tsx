import { useRef, useState } from 'react';
import { Alert, Anchor, MultiSelect, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link } from 'react-router';
import { useSlackDirectory } from '../../../api/usePickerLists';
import { inputProps, type FieldProps } from '../fields/fieldProps';

/**
 * Slack channels ("#onboarding") and people ("Dana Smith") of the agency's workspace, searched through the API
 * (which lists them with the agency's bot token); the stored values are the ids (C…, U…). Without a Slack
 * integration the picker says so and links to Settings → Integrations.
 */
export function SlackRecipientsPicker({ value, onChange, ...field }: FieldProps<string[]>) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const directory = useSlackDirectory(debounced.trim());
  // Labels of every id seen, so chosen recipients keep their names when a later search no longer lists them.
  const labels = useRef(new Map<string, string>());
  const channels = directory.data?.channels ?? [];
  const users = directory.data?.users ?? [];
  for (const channel of channels) labels.current.set(channel.id, `#${channel.name}`);
  for (const user of users) labels.current.set(user.id, user.name);
  const selected = value ?? [];
  const listed = new Set([...channels.map((channel) => channel.id), ...users.map((user) => user.id)]);
  const chosenElsewhere = selected
    .filter((id) => !listed.has(id))
    .map((id) => ({ value: id, label: labels.current.get(id) ?? id }));
  const data = [
    ...(channels.length
      ? [
          {
            group: 'Channels',
            items: channels.map((channel) => ({
              value: channel.id,
              label: `#${channel.name}${channel.isPrivate ? ' (private)' : ''}`,
            })),
          },
        ]
      : []),
    ...(users.length ? [{ group: 'People', items: users.map((user) => ({ value: user.id, label: user.name })) }] : []),
    ...(chosenElsewhere.length ? [{ group: 'Chosen', items: chosenElsewhere }] : []),
  ];
  const notConnected = directory.data && !directory.data.connected;
  return (
    <Stack gap={4}>
      <MultiSelect
        {...inputProps(field)}
        data={data}
        value={selected}
        searchable
        searchValue={search}
        onSearchChange={setSearch}
        filter={({ options }) => options}
        placeholder={selected.length === 0 ? 'Search channels and people' : undefined}
        nothingFoundMessage={
          directory.isFetching
            ? 'Searching Slack…'
            : notConnected
              ? 'Slack is not connected'
              : 'No channel or person matches'
        }
        onChange={(next) => onChange(next.length > 0 ? next : undefined)}
      />
      {notConnected && (
        <Alert color="yellow" variant="light" p="xs" role="status">
          Slack is not connected, so there is nothing to pick from.{' '}
          <Anchor component={Link} to="/settings/integrations" size="sm">
            Connect it in Settings → Integrations
          </Anchor>
          .
        </Alert>
      )}
      {directory.data?.problem && (
        <Alert color="red" variant="light" p="xs" role="alert">
          Could not list the Slack workspace: {directory.data.problem}
        </Alert>
      )}
      {directory.isError && (
        <Alert color="red" variant="light" p="xs" role="alert">
          Could not list the Slack workspace.
        </Alert>
      )}
    </Stack>
  );
}
