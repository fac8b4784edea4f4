/**
 * How many queued requests (oldest first, given their event counts) the next group takes: as many
 * as fit under `maxEvents`, and always at least one (a request is never split, nor left waiting
 * behind a cap smaller than itself).
 */
export function requestsForNextGroup(eventCounts: readonly number[], maxEvents: number): number {
  let events = 0;
  let taken = 0;
  for (const count of eventCounts) {
    if (taken > 0 && events + count > maxEvents) break;
    events += count;
    taken += 1;
  }
  return taken;
}
