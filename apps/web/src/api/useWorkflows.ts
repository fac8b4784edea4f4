import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';
import type { WorkflowListQuery, WorkflowSort } from './types';

export type WorkflowStatus = NonNullable<WorkflowListQuery['status']>;
export type WorkflowStatusFilter = WorkflowStatus | 'all';

export const DEFAULT_SORT: WorkflowSort = '-updatedAt';

export interface WorkflowListParams {
  search: string;
  status: WorkflowStatusFilter;
  page: number;
  pageSize: number;
  sort?: WorkflowSort;
}

/** Newest changes first unless told otherwise; empty filters are left out of the query string. */
export function toWorkflowListQuery({
  search,
  status,
  page,
  pageSize,
  sort = DEFAULT_SORT,
}: WorkflowListParams): WorkflowListQuery {
  const query: WorkflowListQuery = { page, pageSize, sort };
  const term = search.trim();
  if (term) query.search = term;
  if (status !== 'all') query.status = status;
  return query;
}

export const workflowsKey = ['workflows'] as const;

export function useWorkflows(params: WorkflowListParams) {
  return useQuery({
    queryKey: [...workflowsKey, 'list', params],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/workflows', { params: { query: toWorkflowListQuery(params) }, signal })),
    // Keep showing the previous page while a new search/filter loads.
    placeholderData: keepPreviousData,
  });
}
