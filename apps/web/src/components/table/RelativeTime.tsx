import { Text } from '@mantine/core';
import { formatDateTime, formatRelativeTime } from '../../lib/format';

/** "3 min ago", with the exact date and time on hover. */
export function RelativeTime({ at }: { at: string }) {
  return (
    <Text size="sm" title={formatDateTime(at)} style={{ whiteSpace: 'nowrap' }}>
      {formatRelativeTime(at)}
    </Text>
  );
}
