import { Badge } from '@mantine/core';
import type { Client } from '../../api/types';

const COLORS: Record<Client['health'], string> = { green: 'green', yellow: 'yellow', red: 'red' };

export function HealthBadge({ health }: { health: Client['health'] }) {
  return (
    <Badge color={COLORS[health]} variant="dot" size="sm" style={{ flexShrink: 0 }}>
      {health}
    </Badge>
  );
}
