import { describeCronValidity, nextCronRuns } from './cron-schedule';
import { isValidTimeZone } from './time-zone';

describe('describeCronValidity', () => {
  it.each([
    '0 9 * * 1',
    '*/15 8-18 * * 1-5',
    '0 0 1 * *',
    '30 8 * * MON-FRI',
    '0 12 * JAN,JUL *',
    '* * * * *',
    '  0 9 * * 1  ',
    '0 0 L * *',
  ])('accepts %j', (expr) => {
    expect(describeCronValidity(expr)).toBeNull();
  });

  it.each([
    ['', 'empty'],
    ['0 9 * *', 'exactly 5 fields'],
    ['0 0 9 * * 1', 'seconds are not supported'],
    ['* * * * * *', 'seconds are not supported'],
    ['0 9 * * 1 2025', 'exactly 5 fields'],
    ['@daily', 'exactly 5 fields'],
    ['61 * * * *', 'invalid cron expression'],
    ['0 24 * * *', 'invalid cron expression'],
    ['0 9 * * 8', 'invalid cron expression'],
    ['0 9 30 2 *', 'invalid cron expression'],
    ['*/0 * * * *', 'invalid cron expression'],
    ['H 9 * * *', "hashed 'H' values are not supported"],
    ['0 9 * * $(reboot)', 'unsupported characters'],
  ])('rejects %j', (expr, fragment) => {
    expect(describeCronValidity(expr)).toContain(fragment);
  });
});

describe('nextCronRuns', () => {
  it.each<[string, string, string, string[]]>([
    [
      'Mondays 09:00 in New York, across the DST change',
      '0 9 * * 1',
      'America/New_York',
      ['2025-03-03T14:00:00.000Z', '2025-03-10T13:00:00.000Z', '2025-03-17T13:00:00.000Z'],
    ],
    [
      'every day 08:30 in Paris',
      '30 8 * * *',
      'Europe/Paris',
      ['2025-03-01T07:30:00.000Z', '2025-03-02T07:30:00.000Z', '2025-03-03T07:30:00.000Z'],
    ],
    [
      'every 15 minutes in UTC',
      '*/15 * * * *',
      'UTC',
      ['2025-03-01T00:15:00.000Z', '2025-03-01T00:30:00.000Z', '2025-03-01T00:45:00.000Z'],
    ],
  ])('%s', (_name, expr, timezone, expected) => {
    const runs = nextCronRuns(expr, timezone, 3, new Date('2025-03-01T00:00:00.000Z'));
    expect(runs.map((date) => date.toISOString())).toEqual(expected);
  });

  it('returns runs strictly after `from`', () => {
    const [next] = nextCronRuns('0 9 * * 1', 'America/New_York', 1, new Date('2025-03-03T14:00:00.000Z'));
    expect(next.toISOString()).toBe('2025-03-10T13:00:00.000Z');
  });

  it('defaults `from` to now', () => {
    const [next] = nextCronRuns('* * * * *', 'UTC', 1);
    expect(next.getTime()).toBeGreaterThan(Date.now() - 1000);
    expect(next.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it.each([
    ['0 0 9 * * 1', 'UTC', 'exactly 5 fields'],
    ['0 9 * * 1', 'Mars/Olympus', 'unknown time zone'],
  ])('throws for %j in %j', (expr, timezone, fragment) => {
    expect(() => nextCronRuns(expr, timezone, 1)).toThrow(fragment);
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['America/New_York', true],
    ['Europe/Paris', true],
    ['UTC', true],
    ['Mars/Olympus', false],
    ['', false],
    ['   ', false],
  ])('%j → %s', (timeZone, expected) => {
    expect(isValidTimeZone(timeZone)).toBe(expected);
  });
});
