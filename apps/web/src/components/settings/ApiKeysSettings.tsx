import type { FormEvent } from 'react';
import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { describeError } from '../../api/errors';
import type { CreatedApiKey, Role } from '../../api/types';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from '../../api/useApiKeys';
import { formatDateTime, formatRelativeTime } from '../../lib/format';
import { ConfirmButton } from '../ConfirmButton';
import { EmptyState } from '../EmptyState';
import { LoadingState } from '../LoadingState';
import { QueryError } from '../QueryError';

const ROLES: { value: Role; label: string }[] = [
  { value: 'viewer', label: 'Viewer (read only)' },
  { value: 'manager', label: 'Manager' },
  { value: 'admin', label: 'Admin' },
];

/** The new key, shown exactly once: copy it now. Closing the modal forgets it. */
function CreatedKeyModal({ created, onDone }: { created: CreatedApiKey | null; onDone: () => void }) {
  return (
    <Modal opened={created !== null} onClose={onDone} title="API key created" centered closeOnClickOutside={false}>
      {created && (
        <Stack gap="sm">
          <Alert color="yellow" variant="light">
            Copy the key now. It is shown only once and cannot be read again.
          </Alert>
          <Code block aria-label="New API key" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
            {created.key}
          </Code>
          <Group justify="space-between">
            <CopyButton value={created.key}>
              {({ copied, copy }) => (
                <Button variant="light" color={copied ? 'green' : undefined} onClick={copy}>
                  {copied ? 'Copied' : 'Copy key'}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onDone}>Done</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** API keys for integrators (admins): create (shown once), list, revoke. */
export function ApiKeysSettings() {
  const keys = useApiKeys();
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('manager');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    create.mutate(
      { name: name.trim(), role },
      {
        onSuccess: (key) => {
          setCreated(key);
          setName('');
        },
      },
    );
  };

  return (
    <Stack gap="md">
      <form onSubmit={submit} aria-label="Create API key">
        <Stack gap="xs">
          <Title order={4}>New API key</Title>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label="Key name"
              placeholder="e.g. CRM sync"
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              style={{ flex: '1 1 200px' }}
              maxLength={200}
            />
            <NativeSelect
              label="Key role"
              data={ROLES}
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as Role)}
              style={{ flex: '0 1 180px' }}
            />
            <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
              Create key
            </Button>
          </Group>
          {create.isError && (
            <Alert color="red" role="alert" p="xs">
              {describeError(create.error)}
            </Alert>
          )}
        </Stack>
      </form>

      {revoke.isError && (
        <Alert color="red" role="alert" p="xs" title="Could not revoke the key">
          {describeError(revoke.error)}
        </Alert>
      )}

      {keys.data ? (
        keys.data.items.length === 0 ? (
          <EmptyState title="No API keys yet">
            <Text size="sm" c="dimmed">
              Integrators use API keys to push events and manage automations.
            </Text>
          </EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={0}>
            <Table verticalSpacing="xs" aria-label="API keys">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Key</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th visibleFrom="sm">Last used</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {keys.data.items.map((key) => (
                  <Table.Tr key={key.id} aria-label={key.name}>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      <Text size="sm" fw={600}>
                        {key.name}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {key.prefix}…
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{key.role}</Text>
                    </Table.Td>
                    <Table.Td visibleFrom="sm">
                      <Text size="sm" title={key.lastUsedAt ? formatDateTime(key.lastUsedAt) : undefined}>
                        {key.lastUsedAt ? formatRelativeTime(key.lastUsedAt) : 'Never'}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      {key.revokedAt ? (
                        <Badge color="gray" variant="light" title={formatDateTime(key.revokedAt)}>
                          Revoked
                        </Badge>
                      ) : (
                        <ConfirmButton
                          size="compact-sm"
                          color="red"
                          variant="subtle"
                          aria-label={`Revoke ${key.name}`}
                          title={`Revoke “${key.name}”?`}
                          message="Requests with this key are refused at once. This cannot be undone."
                          confirmLabel="Revoke"
                          onConfirm={() => revoke.mutate(key.id)}
                        >
                          Revoke
                        </ConfirmButton>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      ) : keys.error ? (
        <QueryError title="Could not load API keys" error={keys.error} onRetry={() => void keys.refetch()} />
      ) : (
        <LoadingState label="Loading API keys…" />
      )}

      <CreatedKeyModal
        created={created}
        onDone={() => {
          setCreated(null);
          create.reset();
        }}
      />
    </Stack>
  );
}
