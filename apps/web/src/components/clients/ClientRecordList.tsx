import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useClientRecords, type RecordKind } from '../../api/useClientRecords';
import { formatRelativeTime } from '../../lib/format';
import { recordViewsOf, type RecordView } from '../../lib/recordViews';
import { EmptyState } from '../EmptyState';
import { LoadingState } from '../LoadingState';
import { QueryError } from '../QueryError';

const NAMES: Record<RecordKind, string> = { tasks: 'tasks', tickets: 'tickets', alerts: 'alerts', drafts: 'drafts' };

function RecordCard({ record }: { record: RecordView }) {
  return (
    <Card withBorder padding="sm" component="article" aria-label={record.title}>
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {record.title}
          </Text>
          <Badge variant="light" size="sm" style={{ flexShrink: 0 }}>
            {record.badge}
          </Badge>
        </Group>
        {record.body && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} lineClamp={6}>
            {record.body}
          </Text>
        )}
        <Group gap="md">
          <Text size="xs" c="dimmed">
            {formatRelativeTime(record.createdAt)}
          </Text>
          {record.runId && (
            <Anchor component={Link} to={`/runs/${record.runId}`} size="xs">
              Open run
            </Anchor>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

/** Tasks, tickets, alerts or drafts that automations created for a client, newest first. */
export function ClientRecordList({ kind, clientId }: { kind: RecordKind; clientId: string }) {
  const records = useClientRecords(kind, clientId);
  let content: ReactNode = null;
  if (records.data) {
    const views = recordViewsOf(kind, records.data);
    content =
      views.length === 0 ? (
        <EmptyState title={`No ${NAMES[kind]} yet`} />
      ) : (
        <Stack gap="sm">
          {views.map((view) => (
            <RecordCard key={view.id} record={view} />
          ))}
        </Stack>
      );
  } else if (records.error) {
    content = (
      <QueryError
        title={`Could not load ${NAMES[kind]}`}
        error={records.error}
        onRetry={() => void records.refetch()}
      />
    );
  } else {
    content = <LoadingState label={`Loading ${NAMES[kind]}…`} />;
  }
  return <>{content}</>;
}
