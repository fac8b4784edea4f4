import type { AnalyticsDay, RunStatus, WorkflowAnalytics } from '../api/types';
import { humanize } from './format';
import { RUN_STATUSES, statusLabel } from './runStatus';

const CHART_COLORS: Record<RunStatus, string> = {
  completed: 'green.6',
  failed: 'red.6',
  skipped: 'gray.5',
  cancelled: 'gray.7',
  rejected: 'orange.6',
  awaiting_approval: 'yellow.6',
  waiting: 'cyan.6',
  running: 'blue.6',
  queued: 'indigo.3',
};

/** "2026-03-02" → "Mar 2" (a calendar day of the agency, not an instant: no time zone shift). */
export function dayLabel(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString('en', {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/** Stacked bars: one row per day, one series per status that occurs in the range. */
export function runsPerDaySeries(perDay: AnalyticsDay[]) {
  const statuses = RUN_STATUSES.filter((status) => perDay.some((day) => (day.byStatus?.[status] ?? 0) > 0));
  return {
    data: perDay.map((day) => ({
      day: dayLabel(day.date),
      ...Object.fromEntries(statuses.map((status) => [statusLabel(status), day.byStatus?.[status] ?? 0])),
    })),
    series: statuses.map((status) => ({ name: statusLabel(status), color: CHART_COLORS[status] })),
  };
}

/** Daily success rate in % (completed / (completed + failed)); null on days without finished runs. */
export function successRateSeries(perDay: AnalyticsDay[]) {
  return perDay.map((day) => {
    const completed = day.byStatus?.completed ?? 0;
    const failed = day.byStatus?.failed ?? 0;
    return {
      day: dayLabel(day.date),
      'Success rate': completed + failed === 0 ? null : Math.round((completed / (completed + failed)) * 1000) / 10,
    };
  });
}

export function failuresByActionSeries(analytics: WorkflowAnalytics) {
  return analytics.failuresByActionType.map((entry) => ({
    action: humanize(entry.actionType),
    Failures: entry.failures,
  }));
}

export function timeSavedByActionSeries(analytics: WorkflowAnalytics) {
  return analytics.timeSaved.byActionType.map((entry) => ({
    action: humanize(entry.actionType),
    Minutes: entry.minutes,
  }));
}
