const LOCALE = 'en';

const relativeTime = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' });
const percent = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat(LOCALE);
const dateTime = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "5 minutes ago", "yesterday", "now". */
export function formatRelativeTime(iso: string, now: number = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relativeTime.format(Math.round(seconds / size), unit);
  }
  return relativeTime.format(0, 'second');
}

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** 0.925 → "92.5%"; null (no finished runs yet) → "—". */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : percent.format(rate);
}

export function formatCount(value: number): string {
  return integer.format(value);
}

/** System reasons come as codes ("loop_detected" → "Loop detected"); free text is kept as is. */
export function formatPausedReason(reason: string): string {
  if (!/^[a-z0-9]+(_[a-z0-9]+)*$/.test(reason)) return reason;
  const words = reason.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const zonedFormats = new Map<string, Intl.DateTimeFormat>();

/** "Mon, Jun 16, 2025, 09:00 GMT+9": a moment as the clock shows it in `timeZone`. */
export function formatInTimeZone(date: Date, timeZone: string): string {
  let format = zonedFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE, {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    zonedFormats.set(timeZone, format);
  }
  return format.format(date);
}

/** 90 → "1 h 30 min"; 45 → "45 min". */
export function formatMinutes(minutes: number): string {
  const rounded = Math.round(minutes);
  if (rounded < 60) return `${rounded} min`;
  const hours = Math.floor(rounded / 60);
  const rest = rounded % 60;
  return rest === 0 ? `${formatCount(hours)} h` : `${formatCount(hours)} h ${rest} min`;
}

/** 840 → "840 ms"; 2340 → "2.3 s"; 95_000 → "1 min 35 s"; null → "—". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const totalSeconds = Math.round(seconds);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return totalSeconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${totalSeconds % 60} s`;
  return formatMinutes(totalSeconds / 60);
}

/** Time until `iso`: "5 h 20 min left", "12 min left", "less than a minute left", or "expired". */
export function formatTimeLeft(iso: string, now: number = Date.now()): string {
  const minutes = Math.floor((new Date(iso).getTime() - now) / 60_000);
  if (new Date(iso).getTime() <= now) return 'expired';
  if (minutes < 1) return 'less than a minute left';
  return `${formatMinutes(minutes)} left`;
}

/** "create_task" → "Create task"; codes of statuses and action types, for people. */
export function humanize(code: string): string {
  const words = code.replace(/[_.]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
