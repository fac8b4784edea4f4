import { Group, List, Text } from '@mantine/core';
import type { TypeDescriptor } from '../../../api/types';
import { TypeIcon } from '../../icons/typeIcons';

/** The trigger or action types of the catalog, each with its icon and what it does. */
export function TypeList({ types }: { types: TypeDescriptor[] }) {
  return (
    <List size="sm" spacing={4} listStyleType="none" withPadding={false}>
      {types.map((type) => (
        <List.Item key={type.type}>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <span style={{ marginTop: 2 }}>
              <TypeIcon type={type.type} />
            </span>
            <Text size="sm">
              <b>{type.label}</b>: {type.description}
            </Text>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
