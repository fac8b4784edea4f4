import type { QueryKey } from '@tanstack/react-query';
import { queryKeys } from '../api/queryKeys';
import type { SseMessage } from './sseParser';

/** What `GET /api/v1/stream` announces (PRODUCT.md §6): something changed, read it again. */
export type LiveMessage =
  | { type: 'run.changed'; runId: string; workflowId: string; clientId: string; status: string }
  | { type: 'approval.changed'; approvalId: string; runId: string; status: string };

function parseJsonObject(data: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const isString = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** The typed message, or null for events this SPA does not know (ignored, not an error). */
export function readLiveMessage(message: SseMessage): LiveMessage | null {
  const data = parseJsonObject(message.data);
  if (!data) return null;
  if (message.event === 'run.changed') {
    const { runId, workflowId, clientId, status } = data;
    if (isString(runId) && isString(workflowId) && isString(clientId) && isString(status)) {
      return { type: 'run.changed', runId, workflowId, clientId, status };
    }
  }
  if (message.event === 'approval.changed') {
    const { approvalId, runId, status } = data;
    if (isString(approvalId) && isString(runId) && isString(status))
      return { type: 'approval.changed', approvalId, runId, status };
  }
  return null;
}

/**
 * The queries a change makes stale. Run lists, the run itself, the dashboard (its counters and
 * analytics live under `workflows`) and what runs create; approvals when one may have appeared
 * or been decided.
 */
export function staleQueriesOf(message: LiveMessage): QueryKey[] {
  if (message.type === 'run.changed') {
    return [
      queryKeys.runLists,
      queryKeys.run(message.runId),
      queryKeys.workflows,
      queryKeys.approvals,
      queryKeys.records,
    ];
  }
  return [queryKeys.approvals, queryKeys.run(message.runId), queryKeys.runLists, queryKeys.analytics];
}

/** Everything live screens show: refreshed once on (re)connect, for changes missed meanwhile. */
export const LIVE_QUERIES: QueryKey[] = [queryKeys.runs, queryKeys.approvals, queryKeys.workflows, queryKeys.records];
