import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ACTION_TYPES, ActionType, RUN_STATUSES, RunStatus } from '@automations/domain';
import { AgencyEntity } from '@automations/persistence';
import { ApiError } from '../../common/api-error';
import type { Principal } from '../../common/principal';
import {
  AnalyticsActionFailuresDto,
  AnalyticsActionTimeSavedDto,
  AnalyticsDayDto,
  AnalyticsQuery,
  AnalyticsWorkflowDto,
  DEFAULT_ANALYTICS_DAYS,
  MAX_ANALYTICS_DAYS,
  RunStatusCountsDto,
  WorkflowAnalyticsDto,
} from './analytics.dto';
import { AnalyticsQueries, AnalyticsRange, RunCell } from './analytics.queries';
import { MINUTES_SAVED_PER_ACTION } from './time-saved.constants';

const DAY_MS = 86_400_000;
/**
 * Per analytics statement: enough memory to sort a million durations for the percentiles in
 * memory (the default 4 MB spills to disk), and a ceiling on how long one request may hold a
 * connection.
 */
const ANALYTICS_WORK_MEM = '64MB';
const ANALYTICS_STATEMENT_TIMEOUT_MS = 30_000;

function emptyByStatus(): RunStatusCountsDto {
  return Object.fromEntries(RUN_STATUSES.map((status) => [status, 0])) as unknown as RunStatusCountsDto;
}

function rate(completed: number, failed: number): number | null {
  return completed + failed === 0 ? null : completed / (completed + failed);
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}

function isRunStatus(status: string): status is RunStatus {
  return (RUN_STATUSES as readonly string[]).includes(status);
}

/**
 * `GET /workflows/analytics` (PRODUCT.md §6). What each figure counts:
 * - runs (totals, durations, perDay, perWorkflow): live runs **started** in [from, to], by their current status;
 * - failures and time saved per action type: action steps of live runs that **finished** in [from, to]
 *   (an action saves time, or fails, when it is performed);
 * - approvals: approvals of live runs **requested** in [from, to].
 * The statements run in parallel, each in its own read-only transaction.
 */
@Injectable()
export class AnalyticsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async analytics(principal: Principal, query: AnalyticsQuery): Promise<WorkflowAnalyticsDto> {
    const now = new Date();
    const range = this.rangeOf(query, now);
    const agency = await this.dataSource.getRepository(AgencyEntity).findOneByOrFail({ id: principal.agencyId });
    const timezone = agency.timezone || 'UTC';
    if (range.workflowId && !(await this.read(principal.agencyId, (q) => q.workflowExists(range.workflowId!))))
      throw ApiError.notFound('Workflow');

    const days = await this.read(principal.agencyId, (q) => q.days(timezone, range));
    const [cells, durations, steps, approvals] = await Promise.all([
      this.read(principal.agencyId, (q) => q.runCells(range, days)),
      this.read(principal.agencyId, (q) => q.durations(range)),
      this.read(principal.agencyId, (q) => q.stepCounts(range)),
      this.read(principal.agencyId, (q) => q.approvals(range, now)),
    ]);
    const workflowIds = [...new Set(cells.map((cell) => cell.workflowId))];
    const names = await this.read(principal.agencyId, (q) => q.workflowNames(workflowIds));

    const totals = emptyByStatus();
    const perDay: AnalyticsDayDto[] = days.map((day) => ({ date: day.date, total: 0, byStatus: emptyByStatus() }));
    const perWorkflow = new Map<string, { total: number; completed: number; failed: number; durationSumMs: number }>();
    for (const cell of cells) this.addCell(cell, totals, perDay, perWorkflow);
    const total = RUN_STATUSES.reduce((sum, status) => sum + totals[status], 0);

    const nameOf = new Map(names.map((row) => [row.id, row]));
    const workflows: AnalyticsWorkflowDto[] = [...perWorkflow.entries()].map(([workflowId, figures]) => ({
      workflowId,
      name: nameOf.get(workflowId)?.name ?? '',
      deleted: nameOf.get(workflowId)?.deleted ?? false,
      total: figures.total,
      completed: figures.completed,
      failed: figures.failed,
      successRate: rate(figures.completed, figures.failed),
      avgMs:
        figures.completed + figures.failed === 0
          ? null
          : Math.round(figures.durationSumMs / (figures.completed + figures.failed)),
    }));
    workflows.sort(
      (a, b) => b.total - a.total || a.name.localeCompare(b.name) || a.workflowId.localeCompare(b.workflowId),
    );

    const stepsOf = new Map(steps.map((row) => [row.type, row]));
    const failures: AnalyticsActionFailuresDto[] = ACTION_TYPES.map((actionType) => ({
      actionType,
      failures: stepsOf.get(actionType)?.failed ?? 0,
    }));
    failures.sort((a, b) => b.failures - a.failures || a.actionType.localeCompare(b.actionType));
    const saved: AnalyticsActionTimeSavedDto[] = ACTION_TYPES.map((actionType: ActionType) => {
      const actions = stepsOf.get(actionType)?.completed ?? 0;
      return { actionType, actions, minutes: actions * MINUTES_SAVED_PER_ACTION[actionType] };
    });
    saved.sort((a, b) => b.minutes - a.minutes || a.actionType.localeCompare(b.actionType));

    return {
      range: { from: range.from.toISOString(), to: range.to.toISOString(), timezone, workflowId: range.workflowId },
      totals: { total, byStatus: totals, successRate: rate(totals.completed, totals.failed) },
      durations: { runs: durations.runs, avgMs: roundOrNull(durations.avgMs), p95Ms: roundOrNull(durations.p95Ms) },
      perDay,
      perWorkflow: workflows,
      failuresByActionType: failures,
      approvals: {
        requested: approvals.requested,
        pending: approvals.pending,
        approved: approvals.approved,
        rejected: approvals.rejected,
        expired: approvals.expired,
        decided: approvals.decided,
        avgWaitMs: roundOrNull(approvals.avgWaitMs),
        p90WaitMs: roundOrNull(approvals.p90WaitMs),
        decidedWithin4hShare: approvals.settled === 0 ? null : approvals.withinTarget / approvals.settled,
      },
      timeSaved: {
        minutes: saved.reduce((sum, row) => sum + row.minutes, 0),
        byActionType: saved,
        minutesPerAction: { ...MINUTES_SAVED_PER_ACTION },
      },
    };
  }

  /** Defaults: the 30 days up to now. 400 for an inverted or over-long range. */
  private rangeOf(query: AnalyticsQuery, now: Date): AnalyticsRange {
    const to = query.to ? new Date(query.to) : now;
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_ANALYTICS_DAYS * DAY_MS);
    if (from > to)
      throw ApiError.validation([
        { path: 'to', message: query.to ? 'must not be before from' : 'must not be before from (to defaults to now)' },
      ]);
    if (to.getTime() - from.getTime() > MAX_ANALYTICS_DAYS * DAY_MS)
      throw ApiError.validation([{ path: 'from', message: `the range must not exceed ${MAX_ANALYTICS_DAYS} days` }]);
    return { from, to, workflowId: query.workflowId ?? null };
  }

  private addCell(
    cell: RunCell,
    totals: RunStatusCountsDto,
    perDay: AnalyticsDayDto[],
    perWorkflow: Map<string, { total: number; completed: number; failed: number; durationSumMs: number }>,
  ): void {
    if (!isRunStatus(cell.status)) return;
    totals[cell.status] += cell.runs;
    const day = perDay[cell.day - 1];
    if (day) {
      day.total += cell.runs;
      day.byStatus[cell.status] += cell.runs;
    }
    const workflow = perWorkflow.get(cell.workflowId) ?? { total: 0, completed: 0, failed: 0, durationSumMs: 0 };
    workflow.total += cell.runs;
    if (cell.status === 'completed') workflow.completed += cell.runs;
    if (cell.status === 'failed') workflow.failed += cell.runs;
    workflow.durationSumMs += cell.durationSumMs;
    perWorkflow.set(cell.workflowId, workflow);
  }

  /** One read-only transaction with analytics' memory and time limits, on its own pooled connection. */
  private read<T>(agencyId: string, work: (queries: AnalyticsQueries) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET TRANSACTION READ ONLY`);
      await manager.query(`SELECT set_config('work_mem', $1, true), set_config('statement_timeout', $2, true)`, [
        ANALYTICS_WORK_MEM,
        String(ANALYTICS_STATEMENT_TIMEOUT_MS),
      ]);
      return work(new AnalyticsQueries(manager, agencyId));
    });
  }
}
