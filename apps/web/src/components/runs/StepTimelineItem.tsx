import { Anchor, Group, Stack, Text } from '@mantine/core';
import type { RunApproval, RunStep } from '../../api/types';
import { formatDateTime, formatDuration, formatTimeLeft, humanize } from '../../lib/format';
import { RunErrorAlert } from './RunErrorAlert';
import { KeyValueTable } from '../KeyValueTable';
import { RunStatusBadge } from './RunStatusBadge';

function ApprovalLine({ approval }: { approval: RunApproval }) {
  switch (approval.status) {
    case 'pending':
      return (
        <Text size="sm" c="yellow.8">
          Awaiting approval — auto-rejects{' '}
          {formatTimeLeft(approval.expiresAt) === 'expired'
            ? 'now'
            : `at ${formatDateTime(approval.expiresAt)} (${formatTimeLeft(approval.expiresAt)})`}
        </Text>
      );
    case 'approved':
      return <Text size="sm">Approved{approval.decidedAt ? ` ${formatDateTime(approval.decidedAt)}` : ''}</Text>;
    case 'rejected':
      return (
        <Text size="sm" c="orange.8">
          Rejected{approval.decidedAt ? ` ${formatDateTime(approval.decidedAt)}` : ''}
          {approval.reason ? `: ${approval.reason}` : ''}
        </Text>
      );
    case 'expired':
      return (
        <Text size="sm" c="orange.8">
          Expired without a decision ({formatDateTime(approval.expiresAt)})
        </Text>
      );
  }
}

/** What one step did: status, timing, attempts, waits, approval, error, rendered input and output. */
export function StepTimelineItem({ step, approval }: { step: RunStep; approval?: RunApproval }) {
  const facts = [
    step.durationMs !== null && `took ${formatDuration(step.durationMs)}`,
    step.attempts > 1 && `${step.attempts} attempts`,
    step.attempts === 1 && '1 attempt',
    step.startedAt && `started ${formatDateTime(step.startedAt)}`,
  ].filter(Boolean);
  return (
    <Stack gap={6} aria-label={`Step ${step.stepId}`} role="group">
      <Group gap="xs" wrap="wrap">
        <RunStatusBadge status={step.status} />
        {facts.length > 0 && (
          <Text size="xs" c="dimmed">
            {facts.join(' · ')}
          </Text>
        )}
      </Group>
      {step.scheduledFor && (step.status === 'waiting' || step.status === 'pending') && (
        <Text size="sm" c="cyan.8">
          Waits until {formatDateTime(step.scheduledFor)}
        </Text>
      )}
      {approval && <ApprovalLine approval={approval} />}
      <RunErrorAlert error={step.error} title="Error" compact />
      {step.input && Object.keys(step.input).length > 0 && (
        <details>
          <summary>
            <Anchor component="span" size="sm">
              Rendered input
            </Anchor>
          </summary>
          <KeyValueTable value={step.input} label={`Rendered input of ${step.stepId}`} />
        </details>
      )}
      {step.output && Object.keys(step.output).length > 0 && (
        <details>
          <summary>
            <Anchor component="span" size="sm">
              Output
            </Anchor>
          </summary>
          <KeyValueTable value={step.output} label={`Output of ${step.stepId}`} />
        </details>
      )}
    </Stack>
  );
}

/** "2. Create task: Kickoff call with Acme" — the action in words and, when it has one, what it was about. */
export function stepTitle(step: RunStep, index: number): string {
  const kind = step.type === 'branch' ? 'IF / ELSE branch' : humanize(step.type);
  const about = [step.input?.title, step.input?.subject].find(
    (value): value is string => typeof value === 'string' && value.trim() !== '',
  );
  return `${index + 1}. ${kind}${about ? `: ${about}` : ''}`;
}
