import { Anchor, Badge, Card, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useClient } from '../api/useClient';
import { useClientMetrics } from '../api/useClients';
import { ClientRecordList } from '../components/clients/ClientRecordList';
import { ClientRuns } from '../components/clients/ClientRuns';
import { HealthBadge } from '../components/clients/HealthBadge';
import { LoadingState } from '../components/LoadingState';
import { QueryError } from '../components/QueryError';
import { formatDateTime, formatRelativeTime } from '../lib/format';

function LatestMetrics({ clientId }: { clientId: string }) {
  const metrics = useClientMetrics(clientId);
  const latest = metrics.data?.latest ?? [];
  if (latest.length === 0) return null;
  return (
    <Group gap="xs" aria-label="Latest metrics" role="list">
      {latest.map((metric) => (
        <Badge key={metric.metric} variant="outline" role="listitem" title={formatDateTime(metric.recordedAt)}>
          {metric.metric}: {metric.value}
        </Badge>
      ))}
    </Group>
  );
}

/** One client: its state, then what automations did for it (runs, tasks, tickets, alerts, drafts). */
export function ClientDetailPage() {
  const { id = '' } = useParams();
  const client = useClient(id);
  if (!client.data) {
    return client.error ? (
      <QueryError title="Could not load the client" error={client.error} onRetry={() => void client.refetch()} />
    ) : (
      <LoadingState label="Loading client…" />
    );
  }
  const data = client.data;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/clients" size="sm">
        ← All clients
      </Anchor>
      <Card withBorder padding="md">
        <Stack gap="xs">
          <Group gap="sm" wrap="wrap">
            <Title order={2} style={{ overflowWrap: 'anywhere' }}>
              {data.name}
            </Title>
            <HealthBadge health={data.health} />
            {data.deletedAt && <Badge color="gray">Deleted</Badge>}
          </Group>
          <Text size="sm">
            Stage <b>{data.stage}</b> · last activity {formatRelativeTime(data.lastActivityAt)}
          </Text>
          <LatestMetrics clientId={id} />
          <Anchor component={Link} to={`/events?clientId=${id}`} size="sm">
            Events of this client
          </Anchor>
        </Stack>
      </Card>
      <Tabs defaultValue="runs" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="runs">Runs</Tabs.Tab>
          <Tabs.Tab value="tasks">Tasks</Tabs.Tab>
          <Tabs.Tab value="tickets">Tickets</Tabs.Tab>
          <Tabs.Tab value="alerts">Alerts</Tabs.Tab>
          <Tabs.Tab value="drafts">Drafts</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="runs" pt="sm">
          <ClientRuns clientId={id} />
        </Tabs.Panel>
        {(['tasks', 'tickets', 'alerts', 'drafts'] as const).map((kind) => (
          <Tabs.Panel key={kind} value={kind} pt="sm">
            <ClientRecordList kind={kind} clientId={id} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
