import { useState } from 'react';
import { Button, Checkbox, Group, Loader, Pagination, Stack, Text, Title } from '@mantine/core';
import { describeError } from '../api/errors';
import type { ApprovalItem } from '../api/types';
import { usePendingApprovals } from '../api/useApprovals';
import { type DraftEdits, useApproveRun, useBulkApprove, useRejectRun } from '../api/useRunActions';
import { usePermissions } from '../auth/usePermissions';
import { ApprovalCard } from '../components/approvals/ApprovalCard';
import { RejectApprovalModal } from '../components/approvals/RejectApprovalModal';
import { EmptyState } from '../components/EmptyState';
import { LoadingState } from '../components/LoadingState';
import { pageCountOf } from '../lib/searchParams';
import { QueryError } from '../components/QueryError';
import { PageNotice, type Notice } from '../components/PageNotice';

const subjectOf = (approval: ApprovalItem) => `${approval.workflowName} for ${approval.clientName}`;

const SKIP_REASONS: Record<string, string> = {
  not_found: 'not found',
  not_pending: 'no longer waiting',
  expired: 'expired',
};

/**
 * ApprovalQueue: pending approvals as cards (phone first), with Approve (a draft with the reviewer's edits) and
 * Reject-with-reason for admins, and "Approve selected" for several at once. Other roles see the queue read-only.
 */
export function ApprovalQueuePage() {
  const { canApprove } = usePermissions();
  const [page, setPage] = useState(1);
  const approvals = usePendingApprovals(page);
  const approve = useApproveRun();
  const reject = useRejectRun();
  const [rejecting, setRejecting] = useState<ApprovalItem | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const bulk = useBulkApprove();
  const [selected, setSelected] = useState<Set<string>>(new Set());

  const doApprove = (approval: ApprovalItem, edits?: DraftEdits) => {
    setNotice(null);
    approve.mutate(
      { runId: approval.runId, edits },
      {
        onSuccess: () => {
          setSelected((current) => new Set([...current].filter((runId) => runId !== approval.runId)));
          setNotice({ color: 'green', text: `Approved${edits ? ' with your edits' : ''}: ${subjectOf(approval)}` });
        },
        onError: (error) =>
          setNotice({ color: 'red', text: `Could not approve ${subjectOf(approval)}: ${describeError(error)}` }),
      },
    );
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
  const shown = data?.items ?? [];
  const picked = shown.filter((approval) => selected.has(approval.runId));
  const select = (runId: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(runId);
      else next.delete(runId);
      return next;
    });
  const doBulkApprove = () => {
    const runIds = picked.map((approval) => approval.runId);
    setNotice(null);
    bulk.mutate(runIds, {
      onSuccess: (result) => {
        setSelected(new Set());
        const skipped = result.skipped.map((item) => {
          const approval = shown.find((candidate) => candidate.runId === item.runId);
          return `${approval ? subjectOf(approval) : item.runId} (${SKIP_REASONS[item.reason] ?? item.reason})`;
        });
        setNotice({
          color: skipped.length ? 'orange' : 'green',
          text: `Approved ${result.done} of ${result.matched}${skipped.length ? `; not approved: ${skipped.join(', ')}` : ''}`,
        });
      },
      onError: (failure) =>
        setNotice({ color: 'red', text: `Could not approve the selected approvals: ${describeError(failure)}` }),
    });
  };

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
      <PageNotice notice={notice} onDismiss={() => setNotice(null)} />

      {data ? (
        data.items.length === 0 ? (
          <EmptyState title="Nothing to approve">
            <Text size="sm" c="dimmed">
              Steps that need a human decision appear here.
            </Text>
          </EmptyState>
        ) : (
          <Stack gap="md" aria-label="Pending approvals" component="section">
            <Group justify="space-between" gap="xs">
              {canApprove ? (
                <Checkbox
                  label={data.total === 1 ? '1 approval waiting' : `${data.total} approvals waiting`}
                  aria-label="Select all"
                  checked={picked.length > 0 && picked.length === shown.length}
                  indeterminate={picked.length > 0 && picked.length < shown.length}
                  onChange={(event) =>
                    setSelected(
                      event.currentTarget.checked ? new Set(shown.map((approval) => approval.runId)) : new Set(),
                    )
                  }
                />
              ) : (
                <Text size="sm" c="dimmed">
                  {data.total === 1 ? '1 approval waiting' : `${data.total} approvals waiting`}
                </Text>
              )}
              {canApprove && picked.length > 0 && (
                <Button color="green" onClick={doBulkApprove} loading={bulk.isPending}>
                  Approve selected ({picked.length})
                </Button>
              )}
            </Group>
            {data.items.map((approval) => (
              <ApprovalCard
                key={approval.id}
                approval={approval}
                canDecide={canApprove}
                approving={
                  (approve.isPending && approve.variables?.runId === approval.runId) ||
                  (bulk.isPending && selected.has(approval.runId))
                }
                onApprove={(edits) => doApprove(approval, edits)}
                selected={selected.has(approval.runId)}
                onSelect={(on) => select(approval.runId, on)}
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
