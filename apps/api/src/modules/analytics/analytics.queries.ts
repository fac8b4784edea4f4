import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { EntityTarget } from 'typeorm';
import { ACTION_TYPES } from '@automations/domain';
import {
  AgencyScopedRepository,
  ApprovalEntity,
  RunStepEntity,
  WorkflowEntity,
  WorkflowRunEntity,
} from '@automations/persistence';
import { APPROVAL_TARGET_MS } from './analytics.dto';

/** The analysed range, already validated; `bounds` are the UTC instants at which each agency-local day starts. */
export interface AnalyticsRange {
  from: Date;
  to: Date;
  workflowId: string | null;
}

export interface DayBound {
  date: string;
  startsAt: Date;
}

/** Runs of one (workflow, day, status) cell; `day` is the 1-based index into the day bounds. */
export interface RunCell {
  workflowId: string;
  day: number;
  status: string;
  runs: number;
  /** Sum of finishedAt - startedAt (ms) of its completed and failed runs. */
  durationSumMs: number;
}

export interface StepCounts {
  type: string;
  completed: number;
  failed: number;
}

export interface ApprovalFigures {
  requested: number;
  pending: number;
  approved: number;
  rejected: number;
  expired: number;
  decided: number;
  avgWaitMs: number | null;
  p90WaitMs: number | null;
  settled: number;
  withinTarget: number;
}

export interface DurationFigures {
  runs: number;
  avgMs: number | null;
  p95Ms: number | null;
}

export interface WorkflowName {
  id: string;
  name: string;
  deleted: boolean;
}

/** A step or an approval belongs to a test-mode run (normally none exist; a partial index finds them). The parent rows are already scoped; the agency here is for the index. */
const TEST_RUNS = `SELECT t.id FROM workflow_runs t WHERE t.agency_id = :agencyOfSubquery AND t.mode = 'test'`;
/** Runs of the workflow filter (live ones). */
const WORKFLOW_RUNS = `SELECT w.id FROM workflow_runs w WHERE w.agency_id = :agencyOfSubquery AND w.workflow_id = :workflowId AND w.mode = 'live'`;

function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/**
 * The SQL of `GET /workflows/analytics`: every figure is an aggregate computed by Postgres over
 * index(-only) range scans (see the analytics-indexes migration). Tenancy comes from
 * AgencyScopedRepository: each query starts from a builder already filtered to the agency (its
 * sub-selects only narrow further, on the same agency).
 */
export class AnalyticsQueries {
  constructor(
    private readonly manager: EntityManager,
    private readonly agencyId: string,
  ) {}

  private scoped<T extends ObjectLiteral & { agencyId: string }>(
    target: EntityTarget<T>,
    alias: string,
  ): SelectQueryBuilder<T> {
    return AgencyScopedRepository.for(this.manager, target, this.agencyId)
      .query(alias)
      .setParameter('agencyOfSubquery', this.agencyId);
  }

  /** The calendar days of the agency timezone that the range touches, with the instant each starts at. */
  async days(timezone: string, range: AnalyticsRange): Promise<DayBound[]> {
    const rows: { date: string; starts_at: Date }[] = await this.manager.query(
      `SELECT to_char(d, 'YYYY-MM-DD') AS date, d AT TIME ZONE $1 AS starts_at
         FROM generate_series(date_trunc('day', $2::timestamptz AT TIME ZONE $1), $3::timestamptz AT TIME ZONE $1, interval '1 day') AS d
        ORDER BY d`,
      [timezone, range.from, range.to],
    );
    return rows.map((row) => ({ date: row.date, startsAt: new Date(row.starts_at) }));
  }

  /** Live runs started in the range, counted per (workflow, agency-local day, status), with their summed durations. */
  async runCells(range: AnalyticsRange, days: DayBound[]): Promise<RunCell[]> {
    const qb = this.runsInRange(range)
      .select('r.workflowId', 'workflowId')
      // width_bucket: a binary search over the day starts, instead of a time zone conversion per row.
      .addSelect('width_bucket(r.startedAt, CAST(:dayStarts AS timestamptz[]))', 'day')
      .addSelect('r.status', 'status')
      .addSelect('count(*)', 'runs')
      .addSelect(
        `sum(date_part('epoch', r.finishedAt - r.startedAt) * 1000) FILTER (WHERE r.status IN ('completed', 'failed'))`,
        'durationSumMs',
      )
      .setParameter(
        'dayStarts',
        days.map((day) => day.startsAt.toISOString()),
      )
      .groupBy('r.workflowId')
      .addGroupBy('"day"')
      .addGroupBy('r.status');
    const rows = await qb.getRawMany<Record<string, unknown>>();
    return rows.map((row) => ({
      workflowId: String(row.workflowId),
      day: num(row.day),
      status: String(row.status),
      runs: num(row.runs),
      durationSumMs: num(row.durationSumMs),
    }));
  }

  /** Average and 95th percentile (continuous) of the durations of the completed and failed runs of the range. */
  async durations(range: AnalyticsRange): Promise<DurationFigures> {
    const row = await this.runsInRange(range)
      .select('count(*)', 'runs')
      .addSelect(`avg(date_part('epoch', r.finishedAt - r.startedAt) * 1000)`, 'avgMs')
      .addSelect(
        `percentile_cont(0.95) WITHIN GROUP (ORDER BY date_part('epoch', r.finishedAt - r.startedAt) * 1000)`,
        'p95Ms',
      )
      .andWhere(`r.status IN ('completed', 'failed')`)
      .andWhere('r.finishedAt IS NOT NULL')
      .getRawOne<Record<string, unknown>>();
    return { runs: num(row?.runs), avgMs: numOrNull(row?.avgMs), p95Ms: numOrNull(row?.p95Ms) };
  }

  /** Action steps of live runs that finished in the range, completed and failed, per action type. */
  async stepCounts(range: AnalyticsRange): Promise<StepCounts[]> {
    const qb = this.scoped(RunStepEntity, 's')
      .select('s.type', 'type')
      .addSelect(`count(*) FILTER (WHERE s.status = 'completed')`, 'completed')
      .addSelect(`count(*) FILTER (WHERE s.status = 'failed')`, 'failed')
      .andWhere('s.finishedAt >= :from AND s.finishedAt <= :to', { from: range.from, to: range.to })
      .andWhere(`s.status IN ('completed', 'failed')`)
      .andWhere('s.type IN (:...actionTypes)', { actionTypes: [...ACTION_TYPES] })
      .andWhere(`s.runId NOT IN (${TEST_RUNS})`)
      .groupBy('s.type');
    if (range.workflowId) qb.andWhere(`s.runId IN (${WORKFLOW_RUNS})`, { workflowId: range.workflowId });
    const rows = await qb.getRawMany<Record<string, unknown>>();
    return rows.map((row) => ({ type: String(row.type), completed: num(row.completed), failed: num(row.failed) }));
  }

  /** Approvals of live runs requested in the range: outcomes, wait of the decided ones, share decided within 4 h. */
  async approvals(range: AnalyticsRange, now: Date): Promise<ApprovalFigures> {
    const wait = `date_part('epoch', a.decidedAt - a.createdAt) * 1000`;
    const decided = `a.status IN ('approved', 'rejected')`;
    const qb = this.scoped(ApprovalEntity, 'a')
      .select('count(*)', 'requested')
      .addSelect(`count(*) FILTER (WHERE a.status = 'pending')`, 'pending')
      .addSelect(`count(*) FILTER (WHERE a.status = 'approved')`, 'approved')
      .addSelect(`count(*) FILTER (WHERE a.status = 'rejected')`, 'rejected')
      .addSelect(`count(*) FILTER (WHERE a.status = 'expired')`, 'expired')
      .addSelect(`count(*) FILTER (WHERE ${decided})`, 'decided')
      .addSelect(`avg(${wait}) FILTER (WHERE ${decided})`, 'avgWaitMs')
      .addSelect(`percentile_cont(0.9) WITHIN GROUP (ORDER BY ${wait}) FILTER (WHERE ${decided})`, 'p90WaitMs')
      // Pending approvals younger than the target are not known yet: out of the share's denominator.
      .addSelect(`count(*) FILTER (WHERE a.status <> 'pending' OR a.createdAt <= :targetCutoff)`, 'settled')
      .addSelect(`count(*) FILTER (WHERE ${decided} AND ${wait} <= :targetMs)`, 'withinTarget')
      .andWhere('a.createdAt >= :from AND a.createdAt <= :to', { from: range.from, to: range.to })
      .andWhere(`a.runId NOT IN (${TEST_RUNS})`)
      .setParameter('targetCutoff', new Date(now.getTime() - APPROVAL_TARGET_MS))
      .setParameter('targetMs', APPROVAL_TARGET_MS);
    if (range.workflowId) qb.andWhere(`a.runId IN (${WORKFLOW_RUNS})`, { workflowId: range.workflowId });
    const row = await qb.getRawOne<Record<string, unknown>>();
    return {
      requested: num(row?.requested),
      pending: num(row?.pending),
      approved: num(row?.approved),
      rejected: num(row?.rejected),
      expired: num(row?.expired),
      decided: num(row?.decided),
      avgWaitMs: numOrNull(row?.avgWaitMs),
      p90WaitMs: numOrNull(row?.p90WaitMs),
      settled: num(row?.settled),
      withinTarget: num(row?.withinTarget),
    };
  }

  /** Names of the given workflows of the agency (deleted ones included). */
  async workflowNames(ids: string[]): Promise<WorkflowName[]> {
    if (ids.length === 0) return [];
    const rows = await this.scoped(WorkflowEntity, 'w')
      .select('w.id', 'id')
      .addSelect('w.name', 'name')
      .addSelect('w.deletedAt IS NOT NULL', 'deleted')
      .andWhere('w.id IN (:...ids)', { ids })
      .getRawMany<{ id: string; name: string; deleted: boolean }>();
    return rows;
  }

  async workflowExists(id: string): Promise<boolean> {
    return (await AgencyScopedRepository.for(this.manager, WorkflowEntity, this.agencyId).count({ id })) > 0;
  }

  private runsInRange(range: AnalyticsRange): SelectQueryBuilder<WorkflowRunEntity> {
    const qb = this.scoped(WorkflowRunEntity, 'r')
      .andWhere(`r.mode = 'live'`)
      .andWhere('r.startedAt >= :from AND r.startedAt <= :to', { from: range.from, to: range.to });
    if (range.workflowId) qb.andWhere('r.workflowId = :workflowId', { workflowId: range.workflowId });
    return qb;
  }
}
