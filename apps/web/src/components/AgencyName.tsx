import { Skeleton, Text } from '@mantine/core';
import { useAgency } from '../api/useAgency';

/** The signed-in agency's name, for the header. Quietly empty if it cannot be loaded. */
export function AgencyName() {
  const agency = useAgency();
  if (agency.isPending) return <Skeleton height={14} width={120} aria-label="Loading agency" />;
  if (!agency.data) return null;
  return (
    <Text c="dimmed" size="sm" truncate="end" title={agency.data.name} data-testid="agency-name">
      {agency.data.name}
    </Text>
  );
}
