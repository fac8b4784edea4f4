import { describe, expect, it } from 'vitest';
import { formatCount, formatPausedReason, formatRate, formatRelativeTime } from './format';

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
