import { Select } from '@mantine/core';
import { useUsers } from '../../../api/useUsers';
import { suggestedOptions } from '../jsonSchema';
import { inputProps, type FieldProps } from '../fields/fieldProps';

export const CLIENT_ASSIGNEE = 'client_assignee';
export const CLIENT_ASSIGNEE_LABEL = 'The client’s assignee';

/**
 * A user of the agency (name and role; inactive users are not offered), plus "The client's assignee" when the
 * schema allows `client_assignee` (create_task). The stored value stays the user id or `client_assignee`.
 */
export function UserPicker({ schema, value, onChange, ...field }: FieldProps<string>) {
  const users = useUsers();
  const allowsClientAssignee = suggestedOptions(schema).some((option) => option.value === CLIENT_ASSIGNEE);
  const active = (users.data?.items ?? []).filter((user) => user.active || user.id === value);
  const data = [
    ...(allowsClientAssignee ? [{ value: CLIENT_ASSIGNEE, label: CLIENT_ASSIGNEE_LABEL }] : []),
    ...active.map((user) => ({
      value: user.id,
      label: `${user.name} (${user.role}${user.active ? '' : ', inactive'})`,
    })),
  ];
  if (value && !data.some((option) => option.value === value))
    data.push({ value, label: users.isLoading ? 'Loading users…' : `Unknown user (${value})` });
  return (
    <Select
      {...inputProps(field)}
      data={data}
      value={value ?? null}
      placeholder={field.required ? 'Choose a person…' : 'Unassigned'}
      searchable
      clearable={!field.required}
      nothingFoundMessage="No such user"
      onChange={(next) => onChange(next ?? undefined)}
    />
  );
}
