import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDuration,
  formatPausedReason,
  formatRate,
  formatRelativeTime,
  formatTimeLeft,
} from './format';

describe('format', () => {
  const now = Date.parse('2025-06-10T12:00:00Z');

  it('formats past times relative to now', () => {
    expect(formatRelativeTime('2025-06-10T11:59:50Z', now)).toBe('now');
    expect(formatRelativeTime('2025-06-10T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatRelativeTime('2025-06-10T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatRelativeTime('2025-06-09T12:00:00Z', now)).toBe('yesterday');
    expect(formatRelativeTime('2025-05-27T12:00:00Z', now)).toBe('2 weeks ago');
  });

  it('formats success rates, with a dash before the first run', () => {
    expect(formatRate(0.925)).toBe('92.5%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(null)).toBe('—');
  });

  it('groups thousands', () => {
    expect(formatCount(12345)).toBe('12,345');
  });

  it('turns paused-reason codes into words and keeps free text', () => {
    expect(formatPausedReason('loop_detected')).toBe('Loop detected');
    expect(formatPausedReason('Disabled by Anna during the migration')).toBe('Disabled by Anna during the migration');
  });
});

describe('formatDuration', () => {
  it.each([
    [null, '—'],
    [840, '840 ms'],
    [2340, '2.3 s'],
    [42_000, '42 s'],
    [95_000, '1 min 35 s'],
    [120_000, '2 min'],
    [5_400_000, '1 h 30 min'],
  ])('%s → %s', (ms, expected) => expect(formatDuration(ms)).toBe(expected));
});

describe('formatTimeLeft', () => {
  const now = Date.parse('2026-03-02T09:00:00Z');
  it.each([
    ['2026-03-02T14:20:30Z', '5 h 20 min left'],
    ['2026-03-02T09:12:00Z', '12 min left'],
    ['2026-03-02T09:00:30Z', 'less than a minute left'],
    ['2026-03-02T08:59:00Z', 'expired'],
  ])('%s → %s', (iso, expected) => expect(formatTimeLeft(iso, now)).toBe(expected));
});
