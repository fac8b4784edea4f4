import { Badge } from '@mantine/core';
import type { Role } from '../api/types';

const LABELS: Record<Role, string> = { admin: 'Admin', manager: 'Manager', viewer: 'Viewer · read-only' };

/** The signed-in role, so a viewer knows why there is nothing to edit. */
export function RoleBadge({ role }: { role: Role | null }) {
  if (!role) return null;
  return (
    <Badge
      variant="light"
      color={role === 'viewer' ? 'gray' : 'indigo'}
      size="sm"
      style={{ flexShrink: 0 }}
      visibleFrom="xs"
    >
      {LABELS[role]}
    </Badge>
  );
}
