import type { ReactNode } from 'react';
import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';

/** The first cell of a list row: the item's name as a link, with a dimmed line under it. */
export function TitleCell({ to, title, detail }: { to: string; title: ReactNode; detail?: ReactNode }) {
  return (
    <>
      <Anchor component={Link} to={to} size="sm" fw={600}>
        {title}
      </Anchor>
      {detail !== undefined && (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      )}
    </>
  );
}
