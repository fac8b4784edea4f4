import { Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { ApprovalItem } from '../../api/types';
import { formatDateTime, formatRelativeTime, formatTimeLeft, humanize } from '../../lib/format';
import { ApprovalContent } from './ApprovalContent';

const HOUR_MS = 3_600_000;

interface ApprovalCardProps {
  approval: ApprovalItem;
  canDecide: boolean;
  approving: boolean;
  onApprove: () => void;
  onReject: () => void;
}

/** One pending approval: who, what, the rendered content and the time left, with big buttons for phones. */
export function ApprovalCard({ approval, canDecide, approving, onApprove, onReject }: ApprovalCardProps) {
  const left = new Date(approval.expiresAt).getTime() - Date.now();
  const name = `${approval.workflowName} for ${approval.clientName}`;
  return (
    <Card withBorder padding="md" component="article" aria-label={name}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Stack gap={2} miw={0}>
            <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
              {approval.clientName}
            </Text>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {approval.workflowName} · {humanize(approval.actionType)}
            </Text>
          </Stack>
          <Badge color={left < HOUR_MS ? 'red' : 'yellow'} variant="light" style={{ flexShrink: 0 }} title={`Auto-rejects ${formatDateTime(approval.expiresAt)}`}>
            {formatTimeLeft(approval.expiresAt)}
          </Badge>
        </Group>

        <ApprovalContent approval={approval} />

        <Group justify="space-between" gap="xs">
          <Text size="xs" c="dimmed">
            Requested {formatRelativeTime(approval.createdAt)} · auto-rejects {formatDateTime(approval.expiresAt)}
          </Text>
          <Anchor component={Link} to={`/runs/${approval.runId}`} size="xs">
            Open run
          </Anchor>
        </Group>

        {canDecide && (
          <Group grow gap="sm">
            <Button size="lg" color="green" onClick={onApprove} loading={approving}>
              Approve
            </Button>
            <Button size="lg" color="red" variant="light" onClick={onReject} disabled={approving}>
              Reject
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
