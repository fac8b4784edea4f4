import { Badge } from '@mantine/core';
import type { RunStatus, StepStatus } from '../../api/types';
import { statusColor, statusLabel } from '../../lib/runStatus';

export function RunStatusBadge({ status, size = 'sm' }: { status: RunStatus | StepStatus; size?: 'xs' | 'sm' | 'md' }) {
  return (
    <Badge color={statusColor(status)} variant="light" size={size} style={{ flexShrink: 0 }}>
      {statusLabel(status)}
    </Badge>
  );
}
