import { Badge } from '@mantine/core';

/** Red flag for failed runs that nobody has retried or dismissed yet. */
export function AttentionBadge({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <Badge color="red" variant="filled">
      {count === 1 ? '1 failed run needs attention' : `${count} failed runs need attention`}
    </Badge>
  );
}
