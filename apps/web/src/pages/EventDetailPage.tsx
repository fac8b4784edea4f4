import { Alert, Anchor, Badge, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import type { EventDetail } from '../api/types';
import { useClient } from '../api/useClient';
import { useEvent } from '../api/useEvents';
import { EmptyState } from '../components/EmptyState';
import { KeyValueTable } from '../components/KeyValueTable';
import { LoadingState } from '../components/LoadingState';
import { QueryError } from '../components/QueryError';
import { eventFieldLabel, eventTypeLabel } from '../lib/eventTypes';
import {
  eventOutcomeTitle,
  readVerdicts,
  VERDICT_LOOK,
  type CandidateVerdict,
  type VerdictOutcome,
} from '../lib/eventVerdicts';
import { formatDateTime } from '../lib/format';

function VerdictCard({ verdict }: { verdict: CandidateVerdict }) {
  const look = VERDICT_LOOK[verdict.outcome as VerdictOutcome] ?? { label: verdict.outcome, color: 'gray' };
  return (
    <Card withBorder padding="sm" component="article" aria-label={verdict.workflowName}>
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {verdict.workflowName}
          </Text>
          <Badge color={look.color} variant="light" style={{ flexShrink: 0 }}>
            {look.label}
          </Badge>
        </Group>
        {verdict.reason && <Text size="sm">{verdict.reason}</Text>}
        <Group gap="md">
          {verdict.runId && (
            <Anchor component={Link} to={`/runs/${verdict.runId}`} size="sm">
              Open run
            </Anchor>
          )}
          <Anchor component={Link} to={`/automations/${verdict.workflowId}`} size="sm">
            Open automation
          </Anchor>
        </Group>
      </Stack>
    </Card>
  );
}

function Verdicts({ event }: { event: EventDetail }) {
  const verdicts = readVerdicts(event.processing);
  if (verdicts === null) {
    return (
      <Group gap="xs" role="status">
        <Loader size="xs" />
        <Text size="sm" c="dimmed">
          Not processed yet: the engine matches events within seconds.
        </Text>
      </Group>
    );
  }
  if (verdicts.length === 0) {
    return (
      <EmptyState title="No automation listens to this event">
        <Text size="sm" c="dimmed">
          No active automation has a trigger for “{eventTypeLabel(event.type)}”.
        </Text>
      </EmptyState>
    );
  }
  return (
    <Stack gap="sm" component="section" aria-label="Candidate automations">
      {verdicts.map((verdict) => (
        <VerdictCard key={verdict.workflowId} verdict={verdict} />
      ))}
    </Stack>
  );
}

/** "Why didn't it fire?": an event and, for each candidate automation, its verdict and reason. */
export function EventDetailPage() {
  const { id = '' } = useParams();
  const event = useEvent(id);
  const client = useClient(event.data?.clientId ?? null);

  if (!event.data) {
    return event.error ? (
      <QueryError title="Could not load the event" error={event.error} onRetry={() => void event.refetch()} />
    ) : (
      <LoadingState label="Loading event…" />
    );
  }
  const data = event.data;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/events" size="sm">
        ← All events
      </Anchor>
      <Title order={2}>{eventOutcomeTitle(readVerdicts(data.processing))}</Title>
      <Card withBorder padding="md">
        <Stack gap="xs">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text fw={700}>{eventTypeLabel(data.type)}</Text>
            <Text size="sm" c="dimmed">
              {formatDateTime(data.occurredAt)} · from {data.source.replace('_', ' ')}
            </Text>
          </Group>
          <Text size="sm">
            Client:{' '}
            <Anchor component={Link} to={`/clients/${data.clientId}`}>
              {client.data?.name ?? 'open client'}
            </Anchor>
          </Text>
          <KeyValueTable value={data.data} label="Event data" keyLabel={eventFieldLabel} />
          {data.causation && (
            <Alert color="gray" variant="light" title="Emitted by an automation">
              <KeyValueTable value={data.causation} label="Causation" />
            </Alert>
          )}
        </Stack>
      </Card>
      <Title order={3}>Candidate automations</Title>
      <Verdicts event={data} />
    </Stack>
  );
}
