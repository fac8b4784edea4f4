import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { eventRoutes, evaluateTriggerState, TRIGGER_TYPE_OF_EVENT } from '@automations/domain';
import {
  addManyToWorkflowCounters,
  emittedErrors,
  markEventsProcessed,
  rowsOf,
  runSeriesLockName,
  type EventCausation,
  type EventEntity,
} from '@automations/persistence';
import { loadTriggerState, takeClientSnapshots, type ClientSnapshot } from '../context/client-snapshot';
import { DEFAULT_LOOP_LIMITS } from '../loops/loop-breaker';
import { hasFired, partnerOf, screenCandidate, type CandidateVerdict } from './candidate-screen';
import { loadEvents } from './event.loader';
import type { EventMatcher, EventMatcherOptions, MatchResult } from './event-matcher';
import {
  pairKey,
  planBatchMatch,
  seriesKey,
  type BatchEvent,
  type PlannedRun,
  type SeriesFacts,
} from './batch-match-plan';
import type { WorkflowIndex } from './workflow-index';

/** Inserted runs fewer than planned: a workflow was disabled or deleted while the batch ran (the batch is redone event by event). */
class BatchConflict extends Error {}

/** Takes the series locks in one statement, in key order, so two batches never wait on each other crosswise. */
const LOCK_SERIES_SQL = `SELECT count(pg_advisory_xact_lock(s.key))::int AS locked
  FROM (SELECT DISTINCT hashtext(name) AS key FROM unnest($1::text[]) AS name ORDER BY 1 OFFSET 0) s`;

const SERIES_FACTS_SQL = `SELECT p.workflow_id, p.client_id,
       count(r.id) FILTER (WHERE r.started_at > now() - interval '1 hour')::int AS runs,
       (array_agg(r.id ORDER BY r.created_at DESC) FILTER (WHERE r.created_at > now() - make_interval(secs => $3)))[1] AS recent
  FROM unnest($1::uuid[], $2::uuid[]) AS p(workflow_id, client_id)
  LEFT JOIN workflow_runs r ON r.workflow_id = p.workflow_id AND r.client_id = p.client_id AND r.mode = 'live'
       AND r.status <> 'skipped' AND (r.started_at > now() - interval '1 hour' OR r.created_at > now() - make_interval(secs => $3))
 GROUP BY p.workflow_id, p.client_id`;

/** Planned runs, in plan order, inserted only while their workflow is active (each takes the workflow's current version). */
const INSERT_RUNS_SQL = `INSERT INTO workflow_runs (id, agency_id, workflow_id, workflow_version, client_id, mode, status, reason,
       trigger_event_id, trigger_event, client_snapshot, attempt, lease_token, started_at, finished_at, next_attempt_at, created_at)
  SELECT r.id, w.agency_id, w.id, w.version, r.client_id, 'live', 'queued', NULL, r.event_id, r.trigger, r.snapshot, 1, 0,
         now(), NULL, now(), clock_timestamp()
    FROM (SELECT * FROM jsonb_to_recordset($1::jsonb)
            AS v(id uuid, agency_id uuid, workflow_id uuid, client_id uuid, event_id uuid, trigger jsonb, snapshot jsonb, position int)
          ORDER BY position OFFSET 0) r
    JOIN workflows w ON w.id = r.workflow_id AND w.agency_id = r.agency_id AND w.is_active AND w.deleted_at IS NULL
  RETURNING id`;

/**
 * Matches many events in few statements (issue 15): the events are read in one query and screened in memory; those no
 * workflow fires on are marked in one statement; the others share one transaction that locks them, snapshots their
 * clients, takes the run-series locks and counts the series in one statement each, inserts every run, adds the
 * counters and records every verdict set-based. The decisions are `planBatchMatch`'s, the same as the one-event
 * matcher's. What the batch does not do (a loop that pauses a workflow, a deleted client) and any batch that fails go
 * through the one-event `EventMatcher`, event by event, so one bad event never fails its batch-mates.
 */
export class EventBatchMatcher {
  constructor(
    private readonly dataSource: DataSource,
    private readonly index: WorkflowIndex,
    private readonly single: EventMatcher,
    private readonly options: EventMatcherOptions,
  ) {}

  /** One result (or the error of its one-event retry) per id, in the order given. */
  async matchMany(eventIds: string[]): Promise<(MatchResult | Error)[]> {
    const results = new Map<string, MatchResult | Error>();
    const events = await loadEvents(this.dataSource, eventIds);
    const firing: BatchEvent[] = [];
    const quiet: { event: EventEntity; verdicts: CandidateVerdict[] }[] = [];
    for (const event of events) {
      if (event.processedAt) {
        results.set(event.id, this.unprocessed(event));
        continue;
      }
      const triggerType = TRIGGER_TYPE_OF_EVENT[event.type];
      const candidates = triggerType
        ? await this.index.candidates(event.agencyId, triggerType, eventRoutes(triggerType, event.data))
        : [];
      const screens = candidates.map((workflow) => ({ workflow, screen: screenCandidate(workflow, event) }));
      if (screens.some(({ screen }) => hasFired(screen)))
        firing.push({ ...event, causation: (event.causation as EventCausation | null) ?? null, screens });
      else quiet.push({ event, verdicts: screens.map(({ screen }) => screen as CandidateVerdict) });
    }

    if (quiet.length) {
      const marked = await markEventsProcessed(
        this.dataSource,
        quiet.map(({ event, verdicts }) => ({ id: event.id, processing: verdicts })),
      );
      for (const { event, verdicts } of quiet)
        results.set(event.id, { ...this.unprocessed(event), processed: marked.has(event.id), verdicts });
    }

    if (firing.length) {
      let deferred: string[];
      try {
        deferred = await this.matchFiring(firing, results);
      } catch (error) {
        if (!(error instanceof BatchConflict)) emittedErrors.report('engine:batch-match', error);
        deferred = firing.map((event) => event.id);
      }
      for (const id of deferred) results.set(id, await this.single.match(id).catch((error: Error) => error));
    }
    return eventIds.map(
      (id) =>
        results.get(id) ?? { processed: false, agencyId: null, clientId: null, runIdsToEnqueue: [], verdicts: [] },
    );
  }

  /** The firing events' transaction; answers the ids left to the one-event path. */
  private async matchFiring(firing: BatchEvent[], results: Map<string, MatchResult | Error>): Promise<string[]> {
    const settled = new Map<string, MatchResult>();
    const deferred = await this.dataSource.transaction(async (manager) => {
      const locked = new Set(
        rowsOf<{ id: string }>(
          await manager.query(
            `SELECT id FROM events WHERE id = ANY($1::uuid[]) AND processed_at IS NULL ORDER BY id FOR UPDATE`,
            [firing.map((event) => event.id)],
          ),
        ).map((row) => row.id),
      );
      // Processed meanwhile by another worker: nothing to do for them.
      for (const event of firing) if (!locked.has(event.id)) settled.set(event.id, this.unprocessed(event));
      const events = firing.filter((event) => locked.has(event.id));
      if (events.length === 0) return [];

      const snapshots = await takeClientSnapshots(
        manager,
        events.map((event) => ({ agencyId: event.agencyId, clientId: event.clientId })),
      );
      const snapshotOf = (event: BatchEvent) => snapshots.get(seriesKey(event.agencyId, event.clientId)) ?? null;
      const partnerVerdicts = await this.partnerVerdicts(manager, events, snapshotOf);
      const workflowIds = [
        ...new Set(
          events.flatMap((event) => event.screens.filter((s) => hasFired(s.screen)).map((s) => s.workflow.id)),
        ),
      ];
      const inactiveReasons = await this.inactiveReasons(manager, workflowIds);
      const pairs = this.seriesPairs(events, snapshotOf);
      const series = await this.seriesFacts(manager, pairs);

      const plan = planBatchMatch({
        events,
        snapshots: new Map(events.map((event) => [seriesKey(event.agencyId, event.clientId), snapshotOf(event)])),
        partnerVerdicts,
        inactiveReasons,
        series,
        dedupeWindowSeconds: this.options.dedupeWindowSeconds,
        loopMaxDepth: this.options.loopMaxDepth ?? DEFAULT_LOOP_LIMITS.maxDepth,
        loopMaxRunsPerHour: this.options.loopMaxRunsPerHour ?? DEFAULT_LOOP_LIMITS.maxRunsPerHour,
        newRunId: randomUUID,
      });
      await this.insertRuns(manager, plan.runs);
      await addManyToWorkflowCounters(
        manager,
        plan.runs.map((run) => ({ agencyId: run.agencyId, workflowId: run.workflowId, delta: { runs: 1, ran: true } })),
      );
      await markEventsProcessed(
        manager,
        [...plan.verdicts].map(([id, processing]) => ({ id, processing })),
      );
      for (const event of events) {
        const verdicts = plan.verdicts.get(event.id);
        if (!verdicts) continue;
        settled.set(event.id, {
          processed: true,
          agencyId: event.agencyId,
          clientId: event.clientId,
          verdicts,
          runIdsToEnqueue: verdicts.flatMap((verdict) =>
            verdict.outcome === 'started' && verdict.runId ? [verdict.runId] : [],
          ),
        });
      }
      return plan.deferred;
    });
    for (const [id, result] of settled) results.set(id, result);
    return deferred;
  }

  private async partnerVerdicts(
    manager: EntityManager,
    events: BatchEvent[],
    snapshotOf: (event: BatchEvent) => ClientSnapshot | null,
  ): Promise<Map<string, { ok: true } | { ok: false; reason?: string }>> {
    const verdicts = new Map<string, { ok: true } | { ok: false; reason?: string }>();
    const states = new Map<string, Awaited<ReturnType<typeof loadTriggerState>>>();
    for (const event of events) {
      const snapshot = snapshotOf(event);
      if (!snapshot || snapshot.client.deletedAt !== null) continue;
      for (const { workflow, screen } of event.screens) {
        if (!hasFired(screen)) continue;
        const partner = partnerOf(workflow.triggers, screen.fired);
        if (!partner) continue;
        const key = seriesKey(event.agencyId, event.clientId);
        const state = states.get(key) ?? (await loadTriggerState(manager, snapshot));
        states.set(key, state);
        const verdict = evaluateTriggerState(partner, state, new Date());
        verdicts.set(pairKey(event.id, workflow.id), verdict.ok ? { ok: true } : { ok: false, reason: verdict.reason });
      }
    }
    return verdicts;
  }

  private async inactiveReasons(manager: EntityManager, workflowIds: string[]): Promise<Map<string, string | null>> {
    const rows = rowsOf<{ id: string; is_active: boolean; deleted: boolean }>(
      await manager.query(
        `SELECT id, is_active, deleted_at IS NOT NULL AS deleted FROM workflows WHERE id = ANY($1::uuid[])`,
        [workflowIds],
      ),
    );
    const reasons = new Map<string, string | null>(workflowIds.map((id) => [id, 'workflow not active']));
    for (const row of rows)
      reasons.set(row.id, row.deleted ? 'workflow deleted' : row.is_active ? null : 'workflow not active');
    return reasons;
  }

  /** The (workflow, client) series a run may be created in: fired pairs of existing, live clients. */
  private seriesPairs(
    events: BatchEvent[],
    snapshotOf: (event: BatchEvent) => ClientSnapshot | null,
  ): { workflowId: string; clientId: string }[] {
    const pairs = new Map<string, { workflowId: string; clientId: string }>();
    for (const event of events) {
      const snapshot = snapshotOf(event);
      if (!snapshot || snapshot.client.deletedAt !== null) continue;
      for (const { workflow, screen } of event.screens)
        if (hasFired(screen))
          pairs.set(seriesKey(workflow.id, event.clientId), { workflowId: workflow.id, clientId: event.clientId });
    }
    return [...pairs.values()];
  }

  /** Locks the series (as run creation and the loop breaker do, one statement for all) and counts their runs. */
  private async seriesFacts(
    manager: EntityManager,
    pairs: { workflowId: string; clientId: string }[],
  ): Promise<Map<string, SeriesFacts>> {
    const { dedupeWindowSeconds } = this.options;
    const maxRunsPerHour = this.options.loopMaxRunsPerHour ?? DEFAULT_LOOP_LIMITS.maxRunsPerHour;
    if (pairs.length === 0 || (dedupeWindowSeconds <= 0 && maxRunsPerHour <= 0)) return new Map();
    await manager.query(LOCK_SERIES_SQL, [pairs.map((pair) => runSeriesLockName(pair.workflowId, pair.clientId))]);
    const rows = rowsOf<{ workflow_id: string; client_id: string; runs: number; recent: string | null }>(
      await manager.query(SERIES_FACTS_SQL, [
        pairs.map((pair) => pair.workflowId),
        pairs.map((pair) => pair.clientId),
        Math.max(0, dedupeWindowSeconds),
      ]),
    );
    return new Map(
      rows.map((row) => [
        seriesKey(row.workflow_id, row.client_id),
        { runsInLastHour: row.runs, recentRunId: dedupeWindowSeconds > 0 ? row.recent : null },
      ]),
    );
  }

  private async insertRuns(manager: EntityManager, runs: PlannedRun[]): Promise<void> {
    if (runs.length === 0) return;
    const inserted = rowsOf<{ id: string }>(
      await manager.query(INSERT_RUNS_SQL, [
        JSON.stringify(
          runs.map((run, position) => ({
            id: run.id,
            agency_id: run.agencyId,
            workflow_id: run.workflowId,
            client_id: run.clientId,
            event_id: run.trigger.eventId,
            trigger: run.trigger,
            snapshot: run.snapshot,
            position,
          })),
        ),
      ]),
    );
    if (inserted.length !== runs.length) throw new BatchConflict('a workflow stopped taking runs during the batch');
  }

  private unprocessed(event: { agencyId: string; clientId: string }): MatchResult {
    return { processed: false, agencyId: event.agencyId, clientId: event.clientId, runIdsToEnqueue: [], verdicts: [] };
  }
}
