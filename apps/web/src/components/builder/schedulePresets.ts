/**
 * The schedule presets of the ScheduleBuilder and their cron expressions. A cron that matches
 * a preset opens as that preset; anything else opens as a custom expression.
 */

export type ScheduleFrequency = 'hourly' | 'daily' | 'weekdays' | 'weekly' | 'monthly' | 'custom';

export interface SchedulePreset {
  frequency: ScheduleFrequency;
  /** "HH:MM" (hourly: only the minutes count). */
  time: string;
  /** 0 (Sunday) … 6, for weekly. */
  weekday: number;
  /** 1 … 28, for monthly. */
  dayOfMonth: number;
  /** The expression, for custom. */
  cron: string;
}

export const FREQUENCY_OPTIONS: { value: ScheduleFrequency; label: string }[] = [
  { value: 'hourly', label: 'Every hour' },
  { value: 'daily', label: 'Every day' },
  { value: 'weekdays', label: 'Every weekday (Monday to Friday)' },
  { value: 'weekly', label: 'Every week' },
  { value: 'monthly', label: 'Every month' },
  { value: 'custom', label: 'Custom (cron expression)' },
];

export const WEEKDAY_OPTIONS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'].map(
  (label, value) => ({
    value: String(value),
    label,
  }),
);

const DEFAULT_CRON = '0 9 * * 1-5';

export function defaultSchedule(timezone: string): { cron: string; timezone: string } {
  return { cron: DEFAULT_CRON, timezone };
}

const pad = (n: number) => String(n).padStart(2, '0');
const NUMBER = '(\\d{1,2})';

export function presetOf(cron: string): SchedulePreset {
  const base: SchedulePreset = { frequency: 'custom', time: '09:00', weekday: 1, dayOfMonth: 1, cron };
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return base;
  const [minute, hour, day, month, weekday] = fields;
  const isNumber = (text: string, max: number, min = 0) =>
    new RegExp(`^${NUMBER}$`).test(text) && Number(text) >= min && Number(text) <= max;
  if (!isNumber(minute, 59) || month !== '*') return base;
  if (hour === '*' && day === '*' && weekday === '*')
    return { ...base, frequency: 'hourly', time: `00:${pad(Number(minute))}` };
  if (!isNumber(hour, 23)) return base;
  const time = `${pad(Number(hour))}:${pad(Number(minute))}`;
  if (day === '*' && weekday === '*') return { ...base, frequency: 'daily', time };
  if (day === '*' && weekday === '1-5') return { ...base, frequency: 'weekdays', time };
  if (day === '*' && isNumber(weekday, 6)) return { ...base, frequency: 'weekly', time, weekday: Number(weekday) };
  if (weekday === '*' && isNumber(day, 28, 1)) return { ...base, frequency: 'monthly', time, dayOfMonth: Number(day) };
  return base;
}

export function cronOf(preset: SchedulePreset): string {
  const [hour, minute] = preset.time.split(':').map(Number);
  const m = Number.isInteger(minute) ? minute : 0;
  const h = Number.isInteger(hour) ? hour : 9;
  switch (preset.frequency) {
    case 'hourly':
      return `${m} * * * *`;
    case 'daily':
      return `${m} ${h} * * *`;
    case 'weekdays':
      return `${m} ${h} * * 1-5`;
    case 'weekly':
      return `${m} ${h} * * ${preset.weekday}`;
    case 'monthly':
      return `${m} ${h} ${preset.dayOfMonth} * *`;
    case 'custom':
      return preset.cron;
  }
}
