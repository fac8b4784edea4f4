import { Badge } from '@mantine/core';
import type { RunStatus, StepStatus } from '../../api/types';
import { statusColor, statusLabel } from '../../lib/runStatus';

/** Never cut short ("COMPLET…"): a narrow table wraps the automation's name instead. */
export function RunStatusBadge({ status, size = 'sm' }: { status: RunStatus | StepStatus; size?: 'xs' | 'sm' | 'md' }) {
  return (
    <Badge
      color={statusColor(status)}
      variant="light"
      size={size}
      style={{ flexShrink: 0, minWidth: 'max-content', overflow: 'visible' }}
      styles={{ label: { overflow: 'visible', textOverflow: 'clip' } }}
    >
      {statusLabel(status)}
    </Badge>
  );
}
