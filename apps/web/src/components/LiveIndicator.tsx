import { Badge, Tooltip } from '@mantine/core';
import type { LiveStatus } from '../live/liveStatus';

const LOOK: Record<LiveStatus, { label: string; color: string; title: string }> = {
  live: { label: 'Live', color: 'green', title: 'Runs and approvals update as they change' },
  connecting: {
    label: 'Connecting…',
    color: 'yellow',
    title: 'Connecting to live updates; refreshing every 10 s meanwhile',
  },
  reconnecting: {
    label: 'Reconnecting…',
    color: 'yellow',
    title: 'Live updates lost; refreshing every 10 s until they are back',
  },
  unavailable: { label: 'Auto-refresh', color: 'gray', title: 'Live updates are not available; refreshing every 10 s' },
};

/** Small header badge: whether screens update live or poll. */
export function LiveIndicator({ status }: { status: LiveStatus }) {
  const look = LOOK[status];
  return (
    <Tooltip label={look.title} withinPortal>
      <Badge
        role="status"
        aria-label={`Live updates: ${look.label.replace('…', '')}`}
        variant="dot"
        color={look.color}
        size="sm"
        style={{ flexShrink: 0 }}
      >
        {look.label}
      </Badge>
    </Tooltip>
  );
}
