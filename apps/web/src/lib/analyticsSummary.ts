import { firstNumber } from './readJson';

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

/**
 * Reads `GET /workflows/analytics` (`totals.{total, byStatus, successRate}`, `durations.avgMs`,
 * `timeSaved.minutes`, `approvals.pending`). The endpoint is being built in parallel and is not
 * in the generated types yet, so each figure is read on its own and dropped when absent.
 */
export function readAnalyticsSummary(body: unknown): AnalyticsSummary {
  const summary: AnalyticsSummary = {
    totalRuns: firstNumber(body, ['totals.total']),
    failedRuns: firstNumber(body, ['totals.byStatus.failed']),
    successRate: firstNumber(body, ['totals.successRate']),
    avgDurationMs: firstNumber(body, ['durations.avgMs']),
    timeSavedMinutes: firstNumber(body, ['timeSaved.minutes']),
    pendingApprovals: firstNumber(body, ['approvals.pending']),
  };
  return Object.fromEntries(Object.entries(summary).filter(([, value]) => value !== undefined)) as AnalyticsSummary;
}
