import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RunStatus } from '@automations/domain';
import {
  BULK_ACTION_STATUSES,
  BULK_RUN_CHUNK_SIZE,
  type BulkRunAction,
  bulkRunDecision,
  chunksOf,
  MAX_BULK_FILTER_RUNS,
  type RunActor,
  RunControl,
} from '@automations/engine';
import { rowsOf } from '@automations/persistence';
import { ApiError } from '../../common/api-error';
import type { Principal } from '../../common/principal';
import type { BulkRunFilterDto, BulkRunsDto, BulkRunSkippedDto, BulkRunsResultDto } from './bulk-runs.dto';
import { bulkRunsRequestProblems } from './bulk-runs.request';

/** The reason written on runs cancelled in bulk (shown in their timeline). */
export const BULK_CANCEL_REASON = 'cancelled by a user';

/**
 * Bulk retry and bulk cancel (PRODUCT §8.5). Runs are taken a chunk at a time (named ids in order, or a filter's keyset
 * pages, oldest first): their statuses are read in one query, then each failed run is retried exactly like a single
 * retry (RunControl.retry, its own short transaction) or the chunk's pending runs are cancelled in one transaction
 * (RunControl.cancel). Another agency's run reads as absent: skipped `not_found`, never acted on.
 */
@Injectable()
export class RunsBulkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runControl: RunControl,
  ) {}

  async run(
    action: BulkRunAction,
    principal: Principal,
    body: BulkRunsDto,
    chunkSize = BULK_RUN_CHUNK_SIZE,
  ): Promise<BulkRunsResultDto> {
    const problems = bulkRunsRequestProblems(action, body);
    if (problems.length > 0) throw ApiError.validation(problems);
    const result: BulkRunsResultDto = { matched: 0, done: 0, skipped: [] };
    const chunks = body.runIds
      ? this.namedChunks(body.runIds, chunkSize)
      : this.filteredChunks(action, principal.agencyId, body.filter ?? {}, chunkSize);
    for await (const runIds of chunks) {
      result.matched += runIds.length;
      const statuses = await this.statusesOf(principal.agencyId, runIds);
      const acting: string[] = [];
      for (const runId of runIds) {
        const decision = bulkRunDecision(action, statuses.get(runId) ?? null);
        if (decision === 'act') acting.push(runId);
        else result.skipped.push({ runId, reason: decision });
      }
      const outcome =
        action === 'retry' ? await this.retry(principal, acting) : await this.cancel(principal, acting, statuses);
      result.done += outcome.done;
      result.skipped.push(...outcome.skipped);
    }
    return result;
  }

  private async *namedChunks(runIds: string[], chunkSize: number): AsyncGenerator<string[]> {
    yield* chunksOf(runIds, chunkSize);
  }

  /**
   * The runs the filter selects among those the action applies to, oldest first, one keyset page per chunk (runs
   * acted on leave the selection, so the cursor, not an offset, finds the next page), at most MAX_BULK_FILTER_RUNS.
   */
  private async *filteredChunks(
    action: BulkRunAction,
    agencyId: string,
    filter: BulkRunFilterDto,
    chunkSize: number,
  ): AsyncGenerator<string[]> {
    const statuses = filter.status ? [filter.status] : [...BULK_ACTION_STATUSES[action]];
    // The cursor keeps started_at as Postgres wrote it (microseconds), which a JS Date would round.
    let after: { startedAt: string; id: string } | null = null;
    let selected = 0;
    while (selected < MAX_BULK_FILTER_RUNS) {
      const limit = Math.min(chunkSize, MAX_BULK_FILTER_RUNS - selected);
      const params: unknown[] = [agencyId, statuses, limit];
      const where = ['agency_id = $1', 'status = ANY($2)'];
      const add = (condition: (index: string) => string, value: unknown) => {
        params.push(value);
        where.push(condition(`$${params.length}`));
      };
      if (filter.workflowId) add((p) => `workflow_id = ${p}`, filter.workflowId);
      if (filter.clientId) add((p) => `client_id = ${p}`, filter.clientId);
      if (filter.from) add((p) => `started_at >= ${p}`, new Date(filter.from as string));
      if (filter.to) add((p) => `started_at <= ${p}`, new Date(filter.to as string));
      if (after) {
        params.push(after.startedAt, after.id);
        where.push(`(started_at, id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
      }
      const page = rowsOf<{ id: string; cursor_at: string }>(
        await this.dataSource.query(
          `SELECT id, started_at::text AS cursor_at FROM workflow_runs WHERE ${where.join(' AND ')} ORDER BY started_at, id LIMIT $3`,
          params,
        ),
      );
      if (page.length === 0) return;
      selected += page.length;
      const last = page[page.length - 1];
      after = { startedAt: last.cursor_at, id: last.id };
      yield page.map((row) => row.id);
      if (page.length < limit) return;
    }
  }

  /** The statuses of the agency's runs among `runIds`; another agency's id is simply absent. */
  private async statusesOf(agencyId: string, runIds: string[]): Promise<Map<string, RunStatus>> {
    const rows = rowsOf<{ id: string; status: RunStatus }>(
      await this.dataSource.query(
        `SELECT id, status FROM workflow_runs WHERE agency_id = $1 AND id = ANY($2::uuid[])`,
        [agencyId, runIds],
      ),
    );
    return new Map(rows.map((row) => [row.id, row.status]));
  }

  /** Each failed run retried as a single retry is (its own short transaction, audit line and job). */
  private async retry(principal: Principal, runIds: string[]): Promise<Outcome> {
    const outcome: Outcome = { done: 0, skipped: [] };
    for (const runId of runIds) {
      const retried = await this.runControl.retry({ agencyId: principal.agencyId, runId, actor: actorOf(principal) });
      if (retried === 'retried') outcome.done += 1;
      else outcome.skipped.push({ runId, reason: retried });
    }
    return outcome;
  }

  /** The chunk's pending runs cancelled in one transaction; one that moved on meanwhile is skipped with its new status. */
  private async cancel(principal: Principal, runIds: string[], before: Map<string, RunStatus>): Promise<Outcome> {
    if (runIds.length === 0) return { done: 0, skipped: [] };
    const cancelled = new Set(
      await this.runControl.cancel({
        agencyId: principal.agencyId,
        runIds,
        actor: actorOf(principal),
        reason: BULK_CANCEL_REASON,
      }),
    );
    const missed = runIds.filter((runId) => !cancelled.has(runId));
    const now = missed.length > 0 ? await this.statusesOf(principal.agencyId, missed) : before;
    const skipped: BulkRunSkippedDto[] = [];
    for (const runId of missed) {
      const decision = bulkRunDecision('cancel', now.get(runId) ?? null);
      skipped.push({ runId, reason: decision === 'act' ? 'running' : decision });
    }
    return { done: cancelled.size, skipped };
  }
}

interface Outcome {
  done: number;
  skipped: BulkRunSkippedDto[];
}

function actorOf(principal: Principal): RunActor {
  return {
    actorType: principal.actorType,
    actorId: principal.actorId,
    userId: principal.userId,
    apiKeyId: principal.apiKeyId,
  };
}
