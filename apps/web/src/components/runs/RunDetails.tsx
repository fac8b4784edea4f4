import type { ReactNode } from 'react';
import { Accordion, Alert, Anchor, Badge, Code, Group, SimpleGrid, Stack, Text, Timeline } from '@mantine/core';
import { Link } from 'react-router';
import type { RunDetail } from '../../api/types';
import { usePermissions } from '../../auth/usePermissions';
import { formatDateTime, formatDuration, humanize } from '../../lib/format';
import { isObject } from '../../lib/readJson';
import { describeRunError } from '../../lib/runError';
import { statusColor } from '../../lib/runStatus';
import { KeyValueTable } from '../KeyValueTable';
import { RetryRunButton } from './RetryRunButton';
import { RunErrorAlert } from './RunErrorAlert';
import { RunStatusBadge } from './RunStatusBadge';
import { StepTimelineItem, stepTitle } from './StepTimelineItem';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function TriggerSummary({ run }: { run: RunDetail }) {
  const event = run.triggerEvent;
  if (!event)
    return (
      <Text size="sm" c="dimmed">
        No trigger event recorded (purged after the retention period, or a manual run).
      </Text>
    );
  const type = typeof event.type === 'string' ? event.type : 'event';
  const eventId = typeof event.eventId === 'string' ? event.eventId : null;
  const occurredAt = typeof event.occurredAt === 'string' ? event.occurredAt : null;
  return (
    <Stack gap={4}>
      <Text size="sm">
        {humanize(type)}
        {occurredAt ? ` · ${formatDateTime(occurredAt)}` : ''}
      </Text>
      {eventId && (
        <Anchor component={Link} to={`/events/${eventId}`} size="sm">
          Why did this fire?
        </Anchor>
      )}
    </Stack>
  );
}

/** Everything about one run: facts, the step timeline, the trigger, the snapshot and the version it ran. */
export function RunDetails({ run }: { run: RunDetail }) {
  const { canEdit } = usePermissions();
  const error = describeRunError(run.error);
  const approvalOf = (stepId: string) => [...run.approvals].reverse().find((approval) => approval.stepId === stepId);
  const snapshot = run.clientSnapshot;
  const snapshotClient = isObject(snapshot?.client) ? snapshot.client : null;
  const snapshotMetrics = isObject(snapshot?.metrics) ? snapshot.metrics : null;
  const finished = run.finishedAt !== null;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={2} miw={0}>
          <Text fw={700} size="lg" style={{ overflowWrap: 'anywhere' }}>
            {run.workflowName}
          </Text>
          <Group gap="xs">
            <RunStatusBadge status={run.status} size="md" />
            {run.mode === 'test' && (
              <Badge variant="outline" size="sm">
                Test run
              </Badge>
            )}
          </Group>
        </Stack>
        {canEdit && run.status === 'failed' && <RetryRunButton runId={run.id} />}
      </Group>

      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Fact label="Client">
          <Anchor component={Link} to={`/clients/${run.clientId}`} size="sm">
            {run.clientName}
          </Anchor>
        </Fact>
        <Fact label="Started">{formatDateTime(run.startedAt)}</Fact>
        <Fact label="Duration">{finished ? formatDuration(run.durationMs) : 'still going'}</Fact>
        <Fact label="Version">
          v{run.workflowVersion}
          {run.attempt > 1 ? ` · attempt ${run.attempt}` : ''}
        </Fact>
      </SimpleGrid>

      <RunErrorAlert error={run.error} title="The run failed" />
      {run.reason && !error && (
        <Alert color={statusColor(run.status)} variant="light" title={`${humanize(run.status)}: why`}>
          {run.reason}
        </Alert>
      )}

      <Timeline bulletSize={20} lineWidth={2} active={run.steps.length + (finished ? 1 : 0)} aria-label="Run timeline">
        <Timeline.Item
          title={
            <Text size="sm" fw={600}>
              Trigger
            </Text>
          }
        >
          <TriggerSummary run={run} />
        </Timeline.Item>
        {run.steps.map((step, index) => (
          <Timeline.Item
            key={step.stepId}
            color={statusColor(step.status)}
            title={
              <Text size="sm" fw={600}>
                {stepTitle(step, index)}
              </Text>
            }
          >
            <StepTimelineItem step={step} approval={approvalOf(step.stepId)} />
          </Timeline.Item>
        ))}
        <Timeline.Item
          color={statusColor(run.status)}
          title={
            <Text size="sm" fw={600}>
              {finished ? humanize(run.status) : 'In progress'}
            </Text>
          }
        >
          <Text size="sm" c="dimmed">
            {run.finishedAt ? formatDateTime(run.finishedAt) : 'The run has not finished yet.'}
          </Text>
        </Timeline.Item>
      </Timeline>

      <Accordion multiple variant="separated" chevronPosition="left">
        <Accordion.Item value="trigger">
          <Accordion.Control>Trigger event</Accordion.Control>
          <Accordion.Panel>
            <KeyValueTable
              value={isObject(run.triggerEvent?.data) ? run.triggerEvent.data : null}
              label="Trigger event data"
            />
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="snapshot">
          <Accordion.Control>Client snapshot</Accordion.Control>
          <Accordion.Panel>
            <Stack gap="xs">
              <KeyValueTable value={snapshotClient ?? snapshot} label="Client as the run saw it" />
              {snapshotMetrics && <KeyValueTable value={snapshotMetrics} label="Metrics as the run saw them" />}
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="definition">
          <Accordion.Control>{`Definition (version ${run.workflowVersion})`}</Accordion.Control>
          <Accordion.Panel>
            {run.definition ? (
              <Code block fz="xs">
                {JSON.stringify(run.definition, null, 2)}
              </Code>
            ) : (
              <Text size="sm" c="dimmed">
                Not available.
              </Text>
            )}
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="log">
          <Accordion.Control>Log</Accordion.Control>
          <Accordion.Panel>
            <Stack gap={4} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Run log">
              {run.timeline.map((entry, index) => (
                <Text component="li" key={`${entry.at}-${index}`} size="sm">
                  <Text span c="dimmed" size="xs">
                    {formatDateTime(entry.at)}
                  </Text>{' '}
                  {entry.message}
                </Text>
              ))}
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Stack>
  );
}
