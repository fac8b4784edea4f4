import { useState } from 'react';
import { Alert, Group, Loader, Pagination, Stack, Text, Title } from '@mantine/core';
import { describeError } from '../api/errors';
import type { ApprovalItem } from '../api/types';
import { usePendingApprovals } from '../api/useApprovals';
import { useApproveRun, useRejectRun } from '../api/useRunActions';
import { usePermissions } from '../auth/usePermissions';
import { ApprovalCard } from '../components/approvals/ApprovalCard';
import { RejectApprovalModal } from '../components/approvals/RejectApprovalModal';
import { EmptyState } from '../components/EmptyState';
import { LoadingState } from '../components/LoadingState';
import { pageCountOf } from '../lib/searchParams';
import { QueryError } from '../components/QueryError';

const subjectOf = (approval: ApprovalItem) => `${approval.workflowName} for ${approval.clientName}`;

/**
 * ApprovalQueue: pending approvals as cards (phone first), with Approve and Reject-with-reason for
 * admins. Other roles see the queue read-only.
 */
export function ApprovalQueuePage() {
  const { canApprove } = usePermissions();
  const [page, setPage] = useState(1);
  const approvals = usePendingApprovals(page);
  const approve = useApproveRun();
  const reject = useRejectRun();
  const [rejecting, setRejecting] = useState<ApprovalItem | null>(null);
  const [notice, setNotice] = useState<{ color: string; text: string } | null>(null);

  const doApprove = (approval: ApprovalItem) => {
    setNotice(null);
    approve.mutate(approval.runId, {
      onSuccess: () => setNotice({ color: 'green', text: `Approved: ${subjectOf(approval)}` }),
      onError: (error) => setNotice({ color: 'red', text: `Could not approve ${subjectOf(approval)}: ${describeError(error)}` }),
    });
  };
  const doReject = (reason: string) => {
    if (!rejecting) return;
    const approval = rejecting;
    reject.mutate(
      { runId: approval.runId, reason },
      {
        onSuccess: () => {
          setRejecting(null);
          setNotice({ color: 'orange', text: `Rejected: ${subjectOf(approval)}` });
        },
      },
    );
  };

  const { data, error } = approvals;
  const pageCount = pageCountOf(data);

  return (
    <Stack gap="md">
      <Group gap="xs">
        <Title order={2}>Approvals</Title>
        {approvals.isFetching && !approvals.isPending && <Loader size="xs" aria-label="Refreshing" />}
      </Group>
      {!canApprove && (
        <Text size="sm" c="dimmed">
          Only admins can approve or reject. You can follow what is waiting here.
        </Text>
      )}
      {notice && (
        <Alert color={notice.color} withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)} role="status">
          {notice.text}
        </Alert>
      )}

      {data ? (
        data.items.length === 0 ? (
          <EmptyState title="Nothing to approve">
            <Text size="sm" c="dimmed">
              Steps that need a human decision appear here.
            </Text>
          </EmptyState>
        ) : (
          <Stack gap="md" aria-label="Pending approvals" component="section">
            <Text size="sm" c="dimmed">
              {data.total === 1 ? '1 approval waiting' : `${data.total} approvals waiting`}
            </Text>
            {data.items.map((approval) => (
              <ApprovalCard
                key={approval.id}
                approval={approval}
                canDecide={canApprove}
                approving={approve.isPending && approve.variables === approval.runId}
                onApprove={() => doApprove(approval)}
                onReject={() => {
                  reject.reset();
                  setRejecting(approval);
                }}
              />
            ))}
          </Stack>
        )
      ) : error ? (
        <QueryError title="Could not load approvals" error={error} onRetry={() => void approvals.refetch()} />
      ) : (
        <LoadingState label="Loading approvals…" />
      )}

      {pageCount > 1 && (
        <Group justify="center">
          <Pagination total={pageCount} value={page} onChange={setPage} size="sm" />
        </Group>
      )}

      <RejectApprovalModal
        key={rejecting?.id ?? 'closed'}
        subject={rejecting ? subjectOf(rejecting) : null}
        loading={reject.isPending}
        error={reject.isError ? describeError(reject.error) : null}
        onCancel={() => setRejecting(null)}
        onReject={doReject}
      />
    </Stack>
  );
}
