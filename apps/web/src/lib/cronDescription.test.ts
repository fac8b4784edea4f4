import { nextCronRuns } from '@automations/domain';
import { describe, expect, it } from 'vitest';
import { describeCron } from './cronDescription';
import { formatInTimeZone } from './format';

describe('describeCron', () => {
  it.each([
    ['* * * * *', 'Every minute'],
    ['*/15 * * * *', 'Every 15 minutes'],
    ['0 * * * *', 'Every hour'],
    ['30 * * * *', 'Every hour at minute 30'],
    ['0 */2 * * *', 'Every 2 hours'],
    ['0 9 * * *', 'At 09:00 every day'],
    ['0 9,17 * * *', 'At 09:00 and 17:00 every day'],
    ['0 9 * * 1', 'At 09:00 on Monday'],
    ['0 9 * * MON-FRI', 'At 09:00 on Monday through Friday'],
    ['0 10 * * 0,6', 'At 10:00 on weekends'],
    ['30 8 1 * *', 'At 08:30 on day 1 of the month'],
    ['0 9 1,15 * *', 'At 09:00 on days 1 and 15 of the month'],
    ['0 9 1 1,7 *', 'At 09:00 on day 1 of the month in January and July'],
    ['0 8 * * 1#1', 'At 08:00 on the first Monday of the month'],
    ['0 18 L * *', 'At 18:00 on the last day of the month'],
    ['*/10 9-17 * * 1-5', 'Every 10 minutes from 09:00 through 17:59 on Monday through Friday'],
    ['0 9-17 * * *', 'Every hour from 09:00 through 17:00'],
  ])('%s → %s', (expression, words) => {
    expect(describeCron(expression)).toBe(words);
  });

  it('returns null for what the API would reject', () => {
    expect(describeCron('')).toBeNull();
    expect(describeCron('0 9 * *')).toBeNull();
    expect(describeCron('0 0 9 * * 1')).toBeNull();
    expect(describeCron('61 9 * * *')).toBeNull();
  });
});

describe('next runs in a time zone', () => {
  it('lists the next five ticks as the clock shows them in the chosen zone', () => {
    const from = new Date('2025-06-13T12:00:00Z'); // a Friday
    const runs = nextCronRuns('0 9 * * 1-5', 'Asia/Tokyo', 5, from).map((date) => formatInTimeZone(date, 'Asia/Tokyo'));
    expect(runs).toEqual([
      'Mon, Jun 16, 2025, 09:00 GMT+9',
      'Tue, Jun 17, 2025, 09:00 GMT+9',
      'Wed, Jun 18, 2025, 09:00 GMT+9',
      'Thu, Jun 19, 2025, 09:00 GMT+9',
      'Fri, Jun 20, 2025, 09:00 GMT+9',
    ]);
  });
});
