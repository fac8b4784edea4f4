import { createContext, useContext } from 'react';

/**
 * `live`: the stream is open. `connecting` / `reconnecting`: trying (backoff). `unavailable`: the
 * server has no stream (or refused it): screens poll instead.
 */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'unavailable';

export const LiveStatusContext = createContext<LiveStatus>('connecting');

export function useLiveStatus(): LiveStatus {
  return useContext(LiveStatusContext);
}

/** How often run and approval screens poll while the stream is not open. */
export const POLL_INTERVAL_MS = 10_000;

/** `refetchInterval` for queries that the stream keeps fresh: none while live, polling otherwise. */
export function usePollingInterval(): number | false {
  return useLiveStatus() === 'live' ? false : POLL_INTERVAL_MS;
}
