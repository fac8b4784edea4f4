import { Badge } from '@mantine/core';
import { usePendingApprovalCount } from '../api/useApprovals';

/** The number of approvals waiting, next to the Approvals link (hidden from the link's name). */
export function PendingApprovalsBadge() {
  const count = usePendingApprovalCount(true);
  if (!count) return null;
  return (
    <Badge size="sm" circle aria-hidden title={`${count} pending`}>
      {count}
    </Badge>
  );
}
