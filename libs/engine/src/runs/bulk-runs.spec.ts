import type { RunStatus } from '@automations/domain';
import { type BulkRunAction, type BulkSkipReason, bulkRunDecision, chunksOf } from './bulk-runs';

describe('bulkRunDecision', () => {
  it.each<[BulkRunAction, RunStatus | null, 'act' | BulkSkipReason]>([
    ['retry', 'failed', 'act'],
    ['retry', null, 'not_found'],
    ['retry', 'completed', 'not_failed'],
    ['retry', 'queued', 'not_failed'],
    ['retry', 'running', 'not_failed'],
    ['retry', 'cancelled', 'not_failed'],
    ['cancel', 'queued', 'act'],
    ['cancel', 'waiting', 'act'],
    ['cancel', 'awaiting_approval', 'act'],
    ['cancel', null, 'not_found'],
    ['cancel', 'running', 'running'],
    ['cancel', 'completed', 'already_finished'],
    ['cancel', 'failed', 'already_finished'],
    ['cancel', 'skipped', 'already_finished'],
    ['cancel', 'cancelled', 'already_finished'],
    ['cancel', 'rejected', 'already_finished'],
  ])('%s of a %s run: %s', (action, status, expected) => {
    expect(bulkRunDecision(action, status)).toBe(expected);
  });
});

describe('chunksOf', () => {
  const numbers = (count: number) => Array.from({ length: count }, (_, index) => index);
  it.each<[string, number, number, number[]]>([
    ['nothing: no chunks', 0, 100, []],
    ['fewer than a chunk: one short chunk', 3, 100, [3]],
    ['exactly one chunk', 100, 100, [100]],
    ['250 by 100: two full chunks and a half one', 250, 100, [100, 100, 50]],
    ['1,000 by 100: ten chunks', 1000, 100, Array(10).fill(100)],
    ['chunks of one', 3, 1, [1, 1, 1]],
  ])('%s', (_name, count, size, sizes) => {
    const chunks = chunksOf(numbers(count), size);
    expect(chunks.map((chunk) => chunk.length)).toEqual(sizes);
    expect(chunks.flat()).toEqual(numbers(count));
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a chunk size of %p', (size) => {
    expect(() => chunksOf([1], size)).toThrow(RangeError);
  });
});
