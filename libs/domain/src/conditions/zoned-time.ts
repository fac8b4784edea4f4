const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23', weekday: 'short' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Hour (0..23) and weekday (0 = Sunday .. 6) of `now` in `timeZone`. Throws RangeError on an unknown zone. */
export function zonedHourAndWeekday(now: Date, timeZone: string): { hour: number; weekday: number } {
  const parts = formatterFor(timeZone).formatToParts(now);
  const hour = Number(parts.find((part) => part.type === 'hour')?.value);
  const weekday = WEEKDAYS.indexOf(parts.find((part) => part.type === 'weekday')?.value ?? '');
  return { hour: hour === 24 ? 0 : hour, weekday };
}
