import { useEffect, useRef, useState } from 'react';
import { useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useEndpointAvailability } from '../api/useEndpointAvailability';
import { useAuthToken } from '../auth/useAuthToken';
import { LiveConnection } from './LiveConnection';
import { LIVE_QUERIES, readLiveMessage, staleQueriesOf } from './liveMessages';
import type { LiveStatus } from './liveStatus';

const STREAM_PATH = '/api/v1/stream';
/** Changes arrive in bursts (a run walks several steps in a second): refetch once per burst. */
const BATCH_MS = 250;

/** Collects stale query keys and invalidates each once per batch window. */
function createInvalidator(queryClient: QueryClient) {
  const pending = new Map<string, QueryKey>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const keys = [...pending.values()];
    pending.clear();
    for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
  };
  return {
    add(keys: QueryKey[]) {
      for (const key of keys) pending.set(JSON.stringify(key), key);
      timer ??= setTimeout(flush, BATCH_MS);
    },
    cancel() {
      clearTimeout(timer);
      pending.clear();
    },
  };
}

/**
 * Keeps run, approval and dashboard queries fresh from `GET /api/v1/stream` (server-sent events)
 * and returns the connection state. Mount it once (AppLayout). While the stream is not open,
 * `usePollingInterval` makes those queries poll instead. A server without the stream (not in its
 * OpenAPI spec, or 404) is not an error: the app just polls.
 */
export function useLiveUpdates(): LiveStatus {
  const token = useAuthToken();
  const queryClient = useQueryClient();
  const availability = useEndpointAvailability(STREAM_PATH, 'get');
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const wasLive = useRef(false);

  useEffect(() => {
    if (!token || availability === 'checking') return undefined;
    if (availability === 'missing') {
      setStatus('unavailable');
      return undefined;
    }
    const invalidator = createInvalidator(queryClient);
    const connection = new LiveConnection({
      url: STREAM_PATH,
      token,
      onMessage: (message) => {
        const live = readLiveMessage(message);
        if (live) invalidator.add(staleQueriesOf(live));
      },
      onStatus: (next) => {
        // Back after a gap: whatever changed meanwhile was not announced.
        if (next === 'live' && wasLive.current) invalidator.add(LIVE_QUERIES);
        if (next === 'live') wasLive.current = true;
        setStatus(next);
      },
    });
    connection.start();
    return () => {
      connection.stop();
      invalidator.cancel();
    };
  }, [token, availability, queryClient]);

  return status;
}
