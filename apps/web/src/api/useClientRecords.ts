import { useQuery } from '@tanstack/react-query';
import { usePollingInterval } from '../live/liveStatus';
import { api } from './client';
import { unwrap } from './errors';
import { queryKeys } from './queryKeys';
import type { AlertRecord, Draft, Task, Ticket } from './types';

export interface RecordPages {
  tasks: { items: Task[]; total: number };
  tickets: { items: Ticket[]; total: number };
  alerts: { items: AlertRecord[]; total: number };
  drafts: { items: Draft[]; total: number };
}

export type RecordKind = keyof RecordPages;

const PAGE = { page: 1, pageSize: 50 };

async function fetchRecords<K extends RecordKind>(
  kind: K,
  clientId: string,
  signal: AbortSignal,
): Promise<RecordPages[K]> {
  const params = { query: { clientId, ...PAGE } };
  const fetchers: { [Kind in RecordKind]: () => Promise<RecordPages[Kind]> } = {
    tasks: () => unwrap(api.GET('/api/v1/tasks', { params, signal })),
    tickets: () => unwrap(api.GET('/api/v1/tickets', { params, signal })),
    alerts: () => unwrap(api.GET('/api/v1/alerts', { params, signal })),
    drafts: () => unwrap(api.GET('/api/v1/drafts', { params, signal })),
  };
  return fetchers[kind]();
}

/** The latest tasks, tickets, alerts or drafts that automations created for a client. */
export function useClientRecords<K extends RecordKind>(kind: K, clientId: string, enabled = true) {
  const refetchInterval = usePollingInterval();
  return useQuery({
    queryKey: [...queryKeys.records, kind, clientId],
    queryFn: ({ signal }) => fetchRecords(kind, clientId, signal),
    refetchInterval,
    enabled,
  });
}
