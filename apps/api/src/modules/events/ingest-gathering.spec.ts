import { requestsForNextGroup } from './ingest-gathering';

describe('requestsForNextGroup', () => {
  it.each([
    ['nothing queued', [], 2000, 0],
    ['one single event', [1], 2000, 1],
    ['everything when it fits', [1, 500, 1, 1], 2000, 4],
    ['exactly the cap', [1000, 1000], 2000, 2],
    ['stops before the request that would pass the cap', [500, 500, 500, 500, 1], 2000, 4],
    ['keeps order: no smaller request jumps the queue', [1500, 600, 1], 2000, 1],
    ['a request larger than the cap goes alone', [500, 1], 100, 1],
    ['a cap of 1 takes one request at a time', [1, 1, 1], 1, 1],
  ])('%s', (_case, counts, cap, expected) => {
    expect(requestsForNextGroup(counts, cap)).toBe(expected);
  });
});
