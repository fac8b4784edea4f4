import { describeCronValidity } from '@automations/domain';

/**
 * Puts a five-field cron expression into words ("At 09:00 on Monday through Friday").
 * Covers what people write by hand — values, lists, ranges, steps, names, `L` and `#`;
 * anything else is quoted as written. Returns null for an invalid expression.
 */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

type Item = { from: number; to: number; step: number };
/** `any`: the field is `*` (or `?`); otherwise the union of its items (`from` -1 means `*`). */
interface Field {
  raw: string;
  any: boolean;
  items: Item[];
}

function toNumber(text: string, names: string[], offset: number): number | null {
  const index = names.indexOf(text.toUpperCase());
  if (index >= 0) return index + offset;
  return /^\d+$/.test(text) ? Number(text) : null;
}

function parseField(raw: string, max: number, names: string[] = [], offset = 0): Field | null {
  if (raw === '*' || raw === '?') return { raw, any: true, items: [] };
  const items: Item[] = [];
  for (const part of raw.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return null;
    let from: number | null;
    let to: number | null;
    if (range === '*') [from, to] = [null, max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-');
      [from, to] = [toNumber(a, names, offset), toNumber(b, names, offset)];
      if (from === null || to === null) return null;
    } else {
      from = toNumber(range, names, offset);
      if (from === null) return null;
      to = stepText === undefined ? from : max;
    }
    items.push({ from: from ?? -1, to, step });
  }
  return { raw, any: false, items };
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix =
    tens >= 11 && tens <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const pad = (n: number) => String(n).padStart(2, '0');
const time = (hour: number, minute: number) => `${pad(hour)}:${pad(minute)}`;

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** The single values of a field made only of plain values, or null. */
function plainValues(field: Field): number[] | null {
  if (field.any || field.items.some((item) => item.from !== item.to || item.from < 0)) return null;
  return field.items.map((item) => item.from);
}

/** A `*\/n` field: n; otherwise null. */
function everyStep(field: Field): number | null {
  const [item] = field.items;
  return field.items.length === 1 && item.from < 0 && item.step > 1 ? item.step : null;
}

/** A single `a-b` range: [a, b]; otherwise null. */
function simpleRange(field: Field): [number, number] | null {
  const [item] = field.items;
  return field.items.length === 1 && item.from >= 0 && item.from !== item.to && item.step === 1
    ? [item.from, item.to]
    : null;
}

function listPhrase(field: Field, name: (n: number) => string): string {
  return joinWords(
    field.items.map((item) => {
      const start = item.from < 0 ? 'every' : name(item.from);
      if (item.from === item.to) return start;
      const span = item.from < 0 ? '' : `${start} through ${name(item.to)}`;
      if (item.step === 1) return span;
      return item.from < 0 ? `every ${item.step}` : `every ${item.step} from ${span}`;
    }),
  );
}

function describeTime(minute: Field, hour: Field): string {
  const minutes = plainValues(minute);
  const hours = plainValues(hour);
  if (minutes && hours && minutes.length * hours.length <= 6) {
    const times = hours.flatMap((h) => minutes.map((m) => [h, m] as const)).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return `at ${joinWords(times.map(([h, m]) => time(h, m)))}`;
  }
  const minuteStep = everyStep(minute);
  const everyMinutes = minute.any ? 'every minute' : minuteStep ? `every ${minuteStep} minutes` : null;
  const single = minutes?.length === 1 ? minutes[0] : null;

  if (hour.any) {
    if (everyMinutes) return everyMinutes;
    if (single !== null) return single === 0 ? 'every hour' : `every hour at minute ${single}`;
    return `every hour at minutes ${listPhrase(minute, String)}`;
  }
  const hourStep = everyStep(hour);
  const hourRange = simpleRange(hour);
  if (single !== null) {
    if (hourStep) return `every ${hourStep} hours${single === 0 ? '' : ` at minute ${single}`}`;
    if (hourRange) return `every hour from ${time(hourRange[0], single)} through ${time(hourRange[1], single)}`;
  }
  if (everyMinutes) {
    if (hours?.length === 1) return `${everyMinutes} from ${time(hours[0], 0)} through ${time(hours[0], 59)}`;
    if (hourRange) return `${everyMinutes} from ${time(hourRange[0], 0)} through ${time(hourRange[1], 59)}`;
    if (hourStep) return `${everyMinutes} of every ${ordinal(hourStep)} hour`;
  }
  const minutePart = minute.any
    ? 'every minute'
    : minuteStep
      ? `every ${minuteStep} minutes`
      : `at minute ${listPhrase(minute, String)}`;
  return `${minutePart} past hour ${listPhrase(hour, String)}`;
}

const dayName = (n: number) => DAYS[n % 7] ?? String(n);
const monthName = (n: number) => MONTHS[n - 1] ?? String(n);

function describeWeekdays(raw: string): string {
  const last = /^(\w+)L$/i.exec(raw);
  if (last) {
    const day = toNumber(last[1], DAY_NAMES, 0);
    if (day !== null) return `on the last ${dayName(day)} of the month`;
  }
  const nth = /^(\w+)#([1-5])$/.exec(raw);
  if (nth) {
    const day = toNumber(nth[1], DAY_NAMES, 0);
    if (day !== null) return `on the ${ORDINALS[Number(nth[2]) - 1]} ${dayName(day)} of the month`;
  }
  const field = parseField(raw, 7, DAY_NAMES);
  if (!field) return `on day-of-week "${raw}"`;
  const values = plainValues(field)?.map((n) => n % 7);
  if (values && new Set(values).size === 2 && values.includes(0) && values.includes(6)) return 'on weekends';
  return `on ${listPhrase(field, dayName)}`;
}

function describeMonthDays(raw: string): string {
  if (raw.toUpperCase() === 'L') return 'on the last day of the month';
  const field = parseField(raw, 31);
  if (!field) return `on day-of-month "${raw}"`;
  const values = plainValues(field);
  const step = everyStep(field);
  if (step) return `every ${step} days of the month`;
  return `on day${values?.length === 1 ? '' : 's'} ${listPhrase(field, String)} of the month`;
}

function describeMonths(raw: string): string {
  const field = parseField(raw, 12, MONTH_NAMES, 1);
  if (!field) return `in month "${raw}"`;
  const step = everyStep(field);
  if (step) return `every ${step} months`;
  return `in ${listPhrase(field, monthName)}`;
}

export function describeCron(expression: string): string | null {
  if (describeCronValidity(expression)) return null;
  const [minuteRaw, hourRaw, dayRaw, monthRaw, weekdayRaw] = expression.trim().split(/\s+/);
  const minute = parseField(minuteRaw, 59);
  const hour = parseField(hourRaw, 23);
  const timePart = minute && hour ? describeTime(minute, hour) : `at minute "${minuteRaw}" of hour "${hourRaw}"`;

  const anyDay = dayRaw === '*' || dayRaw === '?';
  const anyWeekday = weekdayRaw === '*' || weekdayRaw === '?';
  const days = [anyDay ? null : describeMonthDays(dayRaw), anyWeekday ? null : describeWeekdays(weekdayRaw)].filter(
    Boolean,
  );
  const everyDay = days.length === 0 && /^at /.test(timePart) ? 'every day' : null;
  const dayPart = days.length > 0 ? days.join(' or ') : everyDay;
  const monthPart = monthRaw === '*' || monthRaw === '?' ? null : describeMonths(monthRaw);

  const sentence = [timePart, dayPart, monthPart].filter(Boolean).join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
