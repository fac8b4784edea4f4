import { useState } from 'react';
import { MultiSelect } from '@mantine/core';
import { useUsers } from '../../../api/useUsers';
import { inputProps, type FieldProps } from '../fields/fieldProps';

const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

/**
 * Email recipients: the agency's users (stored as their ids, so an address change follows the person) and any
 * typed address (stored as the address): type it and pick "Add …", or press Enter.
 */
export function EmailRecipientsPicker({ value, onChange, ...field }: FieldProps<string[]>) {
  const users = useUsers();
  const [search, setSearch] = useState('');
  const selected = value ?? [];
  const userOptions = (users.data?.items ?? [])
    .filter((user) => user.active || selected.includes(user.id))
    .map((user) => ({ value: user.id, label: `${user.name} <${user.email}>` }));
  const known = new Set(userOptions.map((option) => option.value));
  const typed = search.trim();
  const addresses = selected
    .filter((recipient) => !known.has(recipient))
    .map((recipient) => ({ value: recipient, label: recipient }));
  const canAdd = EMAIL.test(typed) && !selected.includes(typed);
  const data = [
    ...(userOptions.length ? [{ group: 'Agency users', items: userOptions }] : []),
    ...(addresses.length || canAdd
      ? [{ group: 'Addresses', items: [...addresses, ...(canAdd ? [{ value: typed, label: `Add ${typed}` }] : [])] }]
      : []),
  ];
  const add = (next: string[]) => {
    setSearch('');
    onChange(next.length > 0 ? next : undefined);
  };
  return (
    <MultiSelect
      {...inputProps(field)}
      description={
        field.description ? `${field.description} Type an address to add one.` : 'Pick agency users or type an address.'
      }
      data={data}
      value={selected}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      placeholder={selected.length === 0 ? 'Agency users or addresses' : undefined}
      nothingFoundMessage={typed ? 'Not an agency user; type a full address' : 'No users'}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && canAdd) {
          event.preventDefault();
          add([...selected, typed]);
        }
      }}
      onChange={add}
    />
  );
}
