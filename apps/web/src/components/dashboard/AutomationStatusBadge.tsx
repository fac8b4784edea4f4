import { Badge } from '@mantine/core';

export function AutomationStatusBadge({ isActive }: { isActive: boolean }) {
  return isActive ? (
    <Badge color="green" variant="light">
      Active
    </Badge>
  ) : (
    <Badge color="gray" variant="light">
      Paused
    </Badge>
  );
}
