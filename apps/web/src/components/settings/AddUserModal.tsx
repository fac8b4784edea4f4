import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, NativeSelect, PasswordInput, Stack, TextInput } from '@mantine/core';
import { describeError, validationErrorsOf } from '../../api/errors';
import type { Role } from '../../api/types';
import { useCreateUser } from '../../api/useUsers';

const ROLES: { value: Role; label: string }[] = [
  { value: 'viewer', label: 'Viewer (read only)' },
  { value: 'manager', label: 'Manager' },
  { value: 'admin', label: 'Admin' },
];

/** Creates a user of the agency with an initial password they can change later. */
export function AddUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateUser();
  const [form, setForm] = useState({ name: '', email: '', password: '', role: 'manager' as Role });
  const fieldErrors = validationErrorsOf(create.error);
  const close = () => {
    setForm({ name: '', email: '', password: '', role: 'manager' });
    create.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ ...form, name: form.name.trim(), email: form.email.trim() }, { onSuccess: close });
  };
  const set = (key: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [key]: value }));
  return (
    <Modal opened={opened} onClose={close} title="Add user" centered>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label="Name"
            required
            value={form.name}
            onChange={(e) => set('name')(e.currentTarget.value)}
            error={fieldErrors.name}
          />
          <TextInput
            label="Email"
            type="email"
            required
            value={form.email}
            onChange={(e) => set('email')(e.currentTarget.value)}
            error={fieldErrors.email}
          />
          <PasswordInput
            label="Initial password"
            required
            value={form.password}
            onChange={(e) => set('password')(e.currentTarget.value)}
            error={fieldErrors.password}
            autoComplete="new-password"
          />
          <NativeSelect
            label="Role"
            data={ROLES}
            value={form.role}
            onChange={(e) => set('role')(e.currentTarget.value)}
          />
          {create.isError && Object.keys(fieldErrors).length === 0 && (
            <Alert color="red" role="alert" p="xs">
              {describeError(create.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
