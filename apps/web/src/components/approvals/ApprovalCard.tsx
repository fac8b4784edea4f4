import { useState } from 'react';
import { Anchor, Badge, Button, Card, Checkbox, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { ApprovalItem } from '../../api/types';
import type { DraftEdits } from '../../api/useRunActions';
import { formatDateTime, formatRelativeTime, formatTimeLeft, humanize } from '../../lib/format';
import { ApprovalContent } from './ApprovalContent';
import { ApprovalDraft, editsOf, fieldsOf, fieldsProblem } from './ApprovalDraft';

const HOUR_MS = 3_600_000;

interface ApprovalCardProps {
  approval: ApprovalItem;
  canDecide: boolean;
  approving: boolean;
  /** Approves, with the draft's edits when the reviewer changed it. */
  onApprove: (edits?: DraftEdits) => void;
  onReject: () => void;
  /** Picked for "Approve selected" (admins); a card with edits cannot be picked (its edits would be lost). */
  selected?: boolean;
  onSelect?: (selected: boolean) => void;
}

/**
 * One pending approval: who, what and the time left, with big buttons for phones. A draft's approval shows the draft
 * itself (subject and message, editable by admins); other actions show their rendered settings.
 */
export function ApprovalCard({
  approval,
  canDecide,
  approving,
  onApprove,
  onReject,
  selected = false,
  onSelect,
}: ApprovalCardProps) {
  const left = new Date(approval.expiresAt).getTime() - Date.now();
  const name = `${approval.workflowName} for ${approval.clientName}`;
  const draft = approval.draft;
  const [fields, setFields] = useState(() => (draft ? fieldsOf(draft) : { subject: '', body: '' }));
  const [tried, setTried] = useState(false);
  const edits = draft ? editsOf(draft, fields) : undefined;
  const problems = draft && tried ? fieldsProblem(draft, fields) : {};
  const instructions = typeof approval.renderedConfig?.template === 'string' ? approval.renderedConfig.template : null;
  const change = (next: typeof fields) => {
    setFields(next);
    // An edited draft leaves "Approve selected": approving it there would drop the edits.
    if (selected && draft && editsOf(draft, next)) onSelect?.(false);
  };
  const approve = () => {
    if (draft && Object.keys(fieldsProblem(draft, fields)).length > 0) {
      setTried(true);
      return;
    }
    onApprove(edits);
  };
  return (
    <Card withBorder padding="md" component="article" aria-label={name}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Group gap="xs" wrap="nowrap" align="flex-start" miw={0}>
            {canDecide && onSelect && (
              <Checkbox
                mt={4}
                aria-label={`Select ${name}`}
                checked={selected && !edits}
                disabled={edits !== undefined}
                title={edits ? 'Approve an edited draft on its own, so your edits are kept' : undefined}
                onChange={(event) => onSelect(event.currentTarget.checked)}
              />
            )}
            <Stack gap={2} miw={0}>
              <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
                {approval.clientName}
              </Text>
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {approval.workflowName} · {humanize(approval.actionType)}
              </Text>
            </Stack>
          </Group>
          <Badge
            color={left < HOUR_MS ? 'red' : 'yellow'}
            variant="light"
            style={{ flexShrink: 0 }}
            title={`Auto-rejects ${formatDateTime(approval.expiresAt)}`}
          >
            {formatTimeLeft(approval.expiresAt)}
          </Badge>
        </Group>

        {draft ? (
          <ApprovalDraft
            draft={draft}
            instructions={instructions}
            fields={fields}
            problems={problems}
            onChange={canDecide ? change : null}
          />
        ) : (
          <ApprovalContent approval={approval} />
        )}

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
            <Button size="lg" color="green" onClick={approve} loading={approving}>
              {edits ? 'Approve with edits' : 'Approve'}
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
