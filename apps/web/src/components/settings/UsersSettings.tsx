import { Alert, Badge, Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { describeError } from '../../api/errors';
import type { Role, User } from '../../api/types';
import { useMe } from '../../api/useMe';
import { useUpdateUser, useUsers } from '../../api/useUsers';
import { usePermissions } from '../../auth/usePermissions';
import { ConfirmButton } from '../ConfirmButton';
import { LoadingState } from '../LoadingState';
import { QueryError } from '../QueryError';
import { AddUserModal } from './AddUserModal';

const ROLE_OPTIONS: { value: Role; label: string }[] = [
  { value: 'viewer', label: 'Viewer' },
  { value: 'manager', label: 'Manager' },
  { value: 'admin', label: 'Admin' },
];

function UserActions({ user, isSelf }: { user: User; isSelf: boolean }) {
  const update = useUpdateUser();
  return (
    <Stack gap={4} align="flex-end">
      <Group gap="xs" wrap="nowrap" justify="flex-end">
        <NativeSelect
          aria-label={`Role of ${user.name}`}
          data={ROLE_OPTIONS}
          value={user.role}
          disabled={isSelf || !user.active || update.isPending}
          onChange={(event) => update.mutate({ id: user.id, role: event.currentTarget.value as Role })}
          size="xs"
        />
        {user.active ? (
          <ConfirmButton
            size="compact-sm"
            color="red"
            variant="subtle"
            disabled={isSelf}
            aria-label={`Deactivate ${user.name}`}
            title={`Deactivate ${user.name}?`}
            message="They are signed out at once and cannot sign in until reactivated. Their history stays."
            confirmLabel="Deactivate"
            onConfirm={() => update.mutate({ id: user.id, active: false })}
          >
            Deactivate
          </ConfirmButton>
        ) : (
          <Button
            size="compact-sm"
            variant="subtle"
            aria-label={`Reactivate ${user.name}`}
            onClick={() => update.mutate({ id: user.id, active: true })}
            loading={update.isPending}
          >
            Reactivate
          </Button>
        )}
      </Group>
      {update.isError && (
        <Text size="xs" c="red" role="alert">
          {describeError(update.error)}
        </Text>
      )}
    </Stack>
  );
}

/** Users and roles. Everyone with access sees them; admins add, change roles and deactivate (not themselves). */
export function UsersSettings() {
  const users = useUsers();
  const me = useMe();
  const { canAdminister } = usePermissions();
  const [adding, addModal] = useDisclosure(false);

  return (
    <Stack gap="md">
      {canAdminister ? (
        <Group justify="flex-end">
          <Button onClick={addModal.open}>Add user</Button>
        </Group>
      ) : (
        <Alert color="gray" variant="light">
          Only admins can add users or change roles.
        </Alert>
      )}
      {users.data ? (
        <Table.ScrollContainer minWidth={0}>
          <Table verticalSpacing="xs" aria-label="Users">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>User</Table.Th>
                <Table.Th>{canAdminister ? 'Role and access' : 'Role'}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.items.map((user) => (
                <Table.Tr key={user.id} aria-label={user.name}>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    <Group gap="xs">
                      <Text size="sm" fw={600}>
                        {user.name}
                      </Text>
                      {!user.active && (
                        <Badge color="gray" size="xs">
                          Deactivated
                        </Badge>
                      )}
                      {user.id === me.data?.actorId && (
                        <Badge variant="outline" size="xs">
                          You
                        </Badge>
                      )}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {user.email}
                    </Text>
                  </Table.Td>
                  <Table.Td ta={canAdminister ? 'right' : undefined}>
                    {canAdminister ? (
                      <UserActions user={user} isSelf={user.id === me.data?.actorId} />
                    ) : (
                      <Text size="sm">{user.role}</Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : users.error ? (
        <QueryError title="Could not load users" error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <LoadingState label="Loading users…" />
      )}
      <AddUserModal opened={adding} onClose={addModal.close} />
    </Stack>
  );
}
