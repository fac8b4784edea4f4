import type { WorkflowAnalytics } from '../api/types';

/** The dashboard's headline figures; each is left out when the analytics answer lacks it. */
export interface AnalyticsSummary {
  totalRuns?: number;
  failedRuns?: number;
  /** 0..1 */
  successRate?: number;
  avgDurationMs?: number;
  timeSavedMinutes?: number;
  pendingApprovals?: number;
}

const numberOrUndefined = (value: number | null | undefined) =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** Headline figures of `GET /workflows/analytics`; a null rate or average (no runs yet) is left out. */
export function summarizeAnalytics(analytics: WorkflowAnalytics): AnalyticsSummary {
  const summary: AnalyticsSummary = {
    totalRuns: numberOrUndefined(analytics.totals?.total),
    failedRuns: numberOrUndefined(analytics.totals?.byStatus?.failed),
    successRate: numberOrUndefined(analytics.totals?.successRate),
    avgDurationMs: numberOrUndefined(analytics.durations?.avgMs),
    timeSavedMinutes: numberOrUndefined(analytics.timeSaved?.minutes),
    pendingApprovals: numberOrUndefined(analytics.approvals?.pending),
  };
  return Object.fromEntries(Object.entries(summary).filter(([, value]) => value !== undefined)) as AnalyticsSummary;
}
