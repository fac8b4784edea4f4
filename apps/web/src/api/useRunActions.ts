import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';
import { queryKeys } from './queryKeys';
import type { ApprovalPage, RunDetail } from './types';

/** A run changed by the user: show its new state at once, refresh what depends on it. */
function settle(queryClient: QueryClient, run: RunDetail) {
  queryClient.setQueryData(queryKeys.run(run.id), run);
  void queryClient.invalidateQueries({ queryKey: queryKeys.runLists });
  void queryClient.invalidateQueries({ queryKey: queryKeys.workflows });
}

/** Takes a decided approval out of every cached queue page, so its card goes away at once. */
function dropApproval(queryClient: QueryClient, runId: string) {
  queryClient.setQueriesData<ApprovalPage>({ queryKey: queryKeys.approvals }, (page) =>
    page && 'items' in page
      ? { ...page, items: page.items.filter((item) => item.runId !== runId), total: Math.max(0, page.total - 1) }
      : page,
  );
}

/** POST /workflows/runs/{runId}/retry: resumes a failed run from its failed step (managers). */
export function useRetryRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (runId: string) =>
      unwrap(api.POST('/api/v1/workflows/runs/{runId}/retry', { params: { path: { runId } } })),
    onSuccess: (run) => settle(queryClient, run),
  });
}

/** The reviewer's changes to a draft: only the fields that changed. */
export interface DraftEdits {
  subject?: string;
  body?: string;
}

/** POST /workflows/runs/{runId}/approve (admins), with the draft's edits when there are any. */
export function useApproveRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ runId, edits }: { runId: string; edits?: DraftEdits }) =>
      unwrap(
        api.POST('/api/v1/workflows/runs/{runId}/approve', {
          params: { path: { runId } },
          ...(edits ? { body: { edits } } : {}),
        }),
      ),
    onSuccess: (run) => {
      dropApproval(queryClient, run.id);
      settle(queryClient, run);
      // The draft's new text and status show in the client's Drafts.
      void queryClient.invalidateQueries({ queryKey: queryKeys.records });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.approvals }),
  });
}

/** POST /workflows/approvals/bulk-approve: several approvals as they are (admins); answers per run. */
export function useBulkApprove() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (runIds: string[]) =>
      unwrap(api.POST('/api/v1/workflows/approvals/bulk-approve', { body: { runIds } })),
    onSuccess: (result, runIds) => {
      const skipped = new Set(result.skipped.map((item) => item.runId));
      for (const runId of runIds) if (!skipped.has(runId)) dropApproval(queryClient, runId);
      void queryClient.invalidateQueries({ queryKey: queryKeys.runLists });
      void queryClient.invalidateQueries({ queryKey: queryKeys.workflows });
      void queryClient.invalidateQueries({ queryKey: queryKeys.records });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.approvals }),
  });
}

/** POST /workflows/runs/{runId}/reject with the reason (admins). */
export function useRejectRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ runId, reason }: { runId: string; reason: string }) =>
      unwrap(api.POST('/api/v1/workflows/runs/{runId}/reject', { params: { path: { runId } }, body: { reason } })),
    onSuccess: (run) => {
      dropApproval(queryClient, run.id);
      settle(queryClient, run);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.approvals }),
  });
}
