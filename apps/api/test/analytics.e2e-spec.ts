import { randomUUID } from 'node:crypto';
import { ACTION_TYPES, RUN_STATUSES } from '@automations/domain';
import { bearer, TestAgency, TestApi, startTestApiWithTwoAgencies } from './support/test-api';

/**
 * `GET /workflows/analytics` against a known mix of runs, steps and approvals written with SQL:
 * every figure is compared with what plain JavaScript computes from the inserted rows, using the
 * documented definitions (runs by start, steps by finish, approvals by request; live runs only).
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MINUTES_PER_ACTION: Record<string, number> = {
  create_task: 3,
  send_notification: 2,
  draft_communication: 10,
  create_ticket: 4,
  update_client: 2,
  add_alert: 2,
};
const TERMINAL = new Set(['completed', 'failed', 'skipped', 'cancelled', 'rejected']);

interface Run {
  id: string;
  agencyId: string;
  workflowId: string;
  clientId: string;
  mode: 'live' | 'test';
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
}
interface Step {
  agencyId: string;
  runId: string;
  stepId: string;
  type: string;
  status: string;
  startedAt: Date | null;
  finishedAt: Date | null;
}
interface Approval {
  agencyId: string;
  runId: string;
  stepId: string;
  status: 'pending' | 'approved' | 'rejected' | 'expired';
  createdAt: Date;
  decidedAt: Date | null;
}
interface Dataset {
  workflows: { id: string; name: string; deleted: boolean }[];
  runs: Run[];
  steps: Step[];
  approvals: Approval[];
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** percentile_cont: linear interpolation between the closest ranks. */
function percentileCont(values: number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

const average = (values: number[]): number | null =>
  values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
const rate = (completed: number, failed: number): number | null =>
  completed + failed === 0 ? null : completed / (completed + failed);
const inRange = (at: Date | null, from: Date, to: Date): boolean =>
  at !== null && at.getTime() >= from.getTime() && at.getTime() <= to.getTime();
const ms = (at: number): Date => new Date(Math.round(at));

const formatters = new Map<string, Intl.DateTimeFormat>();
/** YYYY-MM-DD of the instant in the time zone. */
function localDate(at: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter)
    formatters.set(
      timeZone,
      (formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })),
    );
  return formatter.format(at);
}

/** The agency-local calendar days [from, to] touches, oldest first. */
function daysBetween(from: Date, to: Date, timeZone: string): string[] {
  const days = new Set<string>();
  for (let at = from.getTime(); at < to.getTime(); at += HOUR) days.add(localDate(new Date(at), timeZone));
  days.add(localDate(to, timeZone));
  return [...days].sort();
}

describe('workflow analytics API (e2e)', () => {
  let api: TestApi;
  let alpha: TestAgency;
  let beta: TestAgency;
  let alphaData: Dataset;
  let betaData: Dataset;
  const now = Date.now();
  const to = new Date(now - 30 * 60_000);
  const from = new Date(to.getTime() - 14 * DAY);

  const get = (query: string, token = alpha.tokens.viewer) =>
    api.http().get(`/api/v1/workflows/analytics${query}`).set(bearer(token));

  async function insert(table: string, rows: Record<string, unknown>[]): Promise<void> {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]);
    for (let offset = 0; offset < rows.length; offset += 200) {
      const chunk = rows.slice(offset, offset + 200);
      const params: unknown[] = [];
      const tuples = chunk.map((row) => `(${columns.map((column) => `$${params.push(row[column])}`).join(', ')})`);
      await api.dataSource.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
    }
  }

  /** A mix of every run status and mode, steps of every action type (and branches), approvals of every outcome, partly outside the range. */
  async function seed(agencyId: string, seedValue: number): Promise<Dataset> {
    const random = prng(seedValue);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const workflows = ['Onboarding kickoff', 'KPI watch', 'Ticket triage', 'Retired flow'].map((name, index) => ({
      id: randomUUID(),
      name,
      deleted: index === 3,
    }));
    await insert(
      'workflows',
      workflows.map((w) => ({
        id: w.id,
        agency_id: agencyId,
        name: w.name,
        triggers: JSON.stringify([{ type: 'stage_change', config: { toStage: 'x' } }]),
        steps: '[]',
        deleted_at: w.deleted ? new Date(now - DAY) : null,
      })),
    );
    const clientId = randomUUID();
    await insert('clients', [{ id: clientId, agency_id: agencyId, name: 'Acme', stage: 'lead', health: 'green' }]);

    const runs: Run[] = [];
    const steps: Step[] = [];
    const approvals: Approval[] = [];
    const weights: [string, number][] = [
      ['completed', 45],
      ['failed', 12],
      ['skipped', 6],
      ['cancelled', 4],
      ['rejected', 5],
      ['queued', 3],
      ['running', 3],
      ['waiting', 3],
      ['awaiting_approval', 4],
    ];
    const totalWeight = weights.reduce((sum, [, w]) => sum + w, 0);
    for (let i = 0; i < 260; i++) {
      let roll = random() * totalWeight;
      const status = weights.find(([, w]) => (roll -= w) < 0)![0];
      // Spread over 18 days before `to` and a little after it: some runs fall outside the range on both sides.
      const startedAt = ms(to.getTime() + 2 * HOUR - random() * 18 * DAY);
      const terminal = TERMINAL.has(status);
      const longWait = status === 'rejected' || random() < 0.1;
      const finishedAt = terminal
        ? ms(
            startedAt.getTime() +
              (status === 'skipped' ? 3 : 150 + random() * 20_000) +
              (longWait ? random() * 30 * HOUR : 0),
          )
        : null;
      const run: Run = {
        id: randomUUID(),
        agencyId,
        workflowId: pick(workflows).id,
        clientId,
        mode: random() < 0.08 ? 'test' : 'live',
        status,
        startedAt,
        finishedAt,
      };
      runs.push(run);

      if (status !== 'skipped' && status !== 'queued') {
        const count = 1 + Math.floor(random() * 3);
        for (let s = 1; s <= count; s++) {
          const last = s === count;
          const type = random() < 0.15 ? 'branch' : pick(ACTION_TYPES);
          let stepStatus = 'completed';
          if (status === 'failed' && last) stepStatus = 'failed';
          else if (!terminal && last) stepStatus = status === 'waiting' ? 'waiting' : 'running';
          else if (random() < 0.1) stepStatus = pick(['skipped', 'failed', 'cancelled']);
          const done = ['completed', 'failed', 'skipped', 'cancelled'].includes(stepStatus);
          // Steps finish up to ~2 days after their run started: across the range's edges too.
          const stepFinished = done
            ? ms(startedAt.getTime() + s * 100 + (random() < 0.2 ? random() * 2 * DAY : random() * 5000))
            : null;
          steps.push({
            agencyId,
            runId: run.id,
            stepId: `s${s}`,
            type,
            status: stepStatus,
            startedAt: stepStatus === 'skipped' ? null : ms(startedAt.getTime() + s * 50),
            finishedAt: stepFinished,
          });
        }
      }
      if (status === 'awaiting_approval' || status === 'rejected' || (status === 'completed' && random() < 0.4)) {
        const approvalStatus: Approval['status'] =
          status === 'awaiting_approval'
            ? 'pending'
            : status === 'rejected'
              ? pick(['rejected', 'expired'] as const)
              : 'approved';
        // Pending ones: some younger than 4 h (left out of the share), some older.
        const createdAt =
          approvalStatus === 'pending' ? ms(now - random() * 9 * HOUR) : ms(startedAt.getTime() + random() * HOUR);
        const wait =
          approvalStatus === 'expired'
            ? 24 * HOUR
            : random() < 0.3
              ? 4 * HOUR + random() * 10 * HOUR
              : random() * 4 * HOUR;
        approvals.push({
          agencyId,
          runId: run.id,
          stepId: 'approve',
          status: approvalStatus,
          createdAt,
          decidedAt: approvalStatus === 'pending' ? null : ms(createdAt.getTime() + wait),
        });
      }
    }
    // Exactly 4 h: within the target.
    const edge = runs.find(
      (run) =>
        run.status === 'completed' &&
        run.mode === 'live' &&
        inRange(run.startedAt, new Date(from.getTime() + DAY), new Date(to.getTime() - DAY)) &&
        !approvals.some((a) => a.runId === run.id),
    )!;
    approvals.push({
      agencyId,
      runId: edge.id,
      stepId: 'approve',
      status: 'approved',
      createdAt: edge.startedAt,
      decidedAt: new Date(edge.startedAt.getTime() + 4 * HOUR),
    });

    await insert(
      'workflow_runs',
      runs.map((r) => ({
        id: r.id,
        agency_id: r.agencyId,
        workflow_id: r.workflowId,
        workflow_version: 1,
        client_id: r.clientId,
        mode: r.mode,
        status: r.status,
        started_at: r.startedAt,
        finished_at: r.finishedAt,
      })),
    );
    await insert(
      'run_steps',
      steps.map((s) => ({
        agency_id: s.agencyId,
        run_id: s.runId,
        step_id: s.stepId,
        type: s.type,
        status: s.status,
        attempts: 1,
        started_at: s.startedAt,
        finished_at: s.finishedAt,
      })),
    );
    await insert(
      'approvals',
      approvals.map((a) => ({
        agency_id: a.agencyId,
        run_id: a.runId,
        step_id: a.stepId,
        action_type: 'draft_communication',
        rendered_config: '{}',
        status: a.status,
        expires_at: new Date(a.createdAt.getTime() + DAY),
        created_at: a.createdAt,
        decided_at: a.decidedAt,
      })),
    );
    return { workflows, runs, steps, approvals };
  }

  /** The whole answer, computed in plain JavaScript from the inserted rows. */
  function expected(data: Dataset, range: { from: Date; to: Date; workflowId?: string }, timeZone: string) {
    const live = new Set(
      data.runs
        .filter((r) => r.mode === 'live' && (!range.workflowId || r.workflowId === range.workflowId))
        .map((r) => r.id),
    );
    const runs = data.runs.filter((r) => live.has(r.id) && inRange(r.startedAt, range.from, range.to));
    const byStatus = (rows: Run[]) =>
      Object.fromEntries(RUN_STATUSES.map((status) => [status, rows.filter((r) => r.status === status).length]));
    const count = (rows: Run[], status: string) => rows.filter((r) => r.status === status).length;
    const durationsOf = (rows: Run[]) =>
      rows
        .filter((r) => (r.status === 'completed' || r.status === 'failed') && r.finishedAt)
        .map((r) => r.finishedAt!.getTime() - r.startedAt.getTime());

    const perWorkflow = data.workflows
      .map((w) => {
        const rows = runs.filter((r) => r.workflowId === w.id);
        const durations = durationsOf(rows);
        return {
          workflowId: w.id,
          name: w.name,
          deleted: w.deleted,
          total: rows.length,
          completed: count(rows, 'completed'),
          failed: count(rows, 'failed'),
          successRate: rate(count(rows, 'completed'), count(rows, 'failed')),
          avgMs: average(durations),
        };
      })
      .filter((w) => w.total > 0)
      .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));

    const steps = data.steps.filter(
      (s) =>
        live.has(s.runId) &&
        inRange(s.finishedAt, range.from, range.to) &&
        (ACTION_TYPES as readonly string[]).includes(s.type),
    );
    const stepCount = (type: string, status: string) =>
      steps.filter((s) => s.type === type && s.status === status).length;

    const approvals = data.approvals.filter((a) => live.has(a.runId) && inRange(a.createdAt, range.from, range.to));
    const decided = approvals.filter((a) => a.status === 'approved' || a.status === 'rejected');
    const waits = decided.map((a) => a.decidedAt!.getTime() - a.createdAt.getTime());
    const settled = approvals.filter((a) => a.status !== 'pending' || a.createdAt.getTime() <= now - 4 * HOUR);
    const within = decided.filter((a) => a.decidedAt!.getTime() - a.createdAt.getTime() <= 4 * HOUR);

    const durations = durationsOf(runs);
    return {
      totals: {
        total: runs.length,
        byStatus: byStatus(runs),
        successRate: rate(count(runs, 'completed'), count(runs, 'failed')),
      },
      durations: { runs: durations.length, avgMs: average(durations), p95Ms: percentileCont(durations, 0.95) },
      perDay: daysBetween(range.from, range.to, timeZone).map((date) => {
        const rows = runs.filter((r) => localDate(r.startedAt, timeZone) === date);
        return { date, total: rows.length, byStatus: byStatus(rows) };
      }),
      perWorkflow,
      failures: Object.fromEntries(ACTION_TYPES.map((type) => [type, stepCount(type, 'failed')])),
      saved: Object.fromEntries(ACTION_TYPES.map((type) => [type, stepCount(type, 'completed')])),
      approvals: {
        requested: approvals.length,
        pending: approvals.filter((a) => a.status === 'pending').length,
        approved: approvals.filter((a) => a.status === 'approved').length,
        rejected: approvals.filter((a) => a.status === 'rejected').length,
        expired: approvals.filter((a) => a.status === 'expired').length,
        decided: decided.length,
        avgWaitMs: average(waits),
        p90WaitMs: percentileCont(waits, 0.9),
        decidedWithin4hShare: settled.length === 0 ? null : within.length / settled.length,
      },
    };
  }

  /** Compares an answer with the independent computation (durations to the millisecond the API rounds to). */
  function expectFigures(body: any, want: ReturnType<typeof expected>): void {
    const close = (actual: number | null, wanted: number | null) => {
      if (wanted === null) expect(actual).toBeNull();
      else expect(Math.abs((actual as number) - wanted)).toBeLessThanOrEqual(1);
    };
    expect(body.totals.total).toBe(want.totals.total);
    expect(body.totals.byStatus).toEqual(want.totals.byStatus);
    expect(body.totals.successRate).toBeCloseTo(want.totals.successRate!, 12);
    expect(body.durations.runs).toBe(want.durations.runs);
    close(body.durations.avgMs, want.durations.avgMs);
    close(body.durations.p95Ms, want.durations.p95Ms);
    expect(body.perDay).toEqual(want.perDay);
    expect(body.perWorkflow.map((w: any) => ({ ...w, avgMs: 0 }))).toEqual(
      want.perWorkflow.map((w) => ({ ...w, avgMs: 0 })),
    );
    body.perWorkflow.forEach((w: any, index: number) => close(w.avgMs, want.perWorkflow[index].avgMs));
    expect(Object.fromEntries(body.failuresByActionType.map((f: any) => [f.actionType, f.failures]))).toEqual(
      want.failures,
    );
    expect(body.failuresByActionType.map((f: any) => f.failures)).toEqual(
      [...body.failuresByActionType.map((f: any) => f.failures)].sort((a, b) => b - a),
    );
    expect(Object.fromEntries(body.timeSaved.byActionType.map((t: any) => [t.actionType, t.actions]))).toEqual(
      want.saved,
    );
    for (const row of body.timeSaved.byActionType)
      expect(row.minutes).toBe(row.actions * MINUTES_PER_ACTION[row.actionType]);
    expect(body.timeSaved.minutes).toBe(
      Object.entries(want.saved).reduce((sum, [type, n]) => sum + n * MINUTES_PER_ACTION[type], 0),
    );
    expect(body.timeSaved.minutesPerAction).toEqual(MINUTES_PER_ACTION);
    const { avgWaitMs, p90WaitMs, decidedWithin4hShare, ...counts } = want.approvals;
    expect(body.approvals).toMatchObject(counts);
    close(body.approvals.avgWaitMs, avgWaitMs);
    close(body.approvals.p90WaitMs, p90WaitMs);
    expect(body.approvals.decidedWithin4hShare).toBeCloseTo(decidedWithin4hShare!, 12);
  }

  beforeAll(async () => {
    ({ api, alpha, beta } = await startTestApiWithTwoAgencies(['Alpha Analytics', 'Beta Analytics']));
    alphaData = await seed(alpha.agencyId, 4242);
    betaData = await seed(beta.agencyId, 777);
  });
  afterAll(() => api.close());

  it('sanity: the dataset covers every status, both modes, out-of-range rows and every approval outcome', () => {
    for (const status of RUN_STATUSES)
      expect(
        alphaData.runs.some((r) => r.status === status && r.mode === 'live' && inRange(r.startedAt, from, to)),
      ).toBe(true);
    expect(alphaData.runs.some((r) => r.mode === 'test' && inRange(r.startedAt, from, to))).toBe(true);
    expect(alphaData.runs.some((r) => !inRange(r.startedAt, from, to))).toBe(true);
    for (const status of ['pending', 'approved', 'rejected', 'expired'])
      expect(alphaData.approvals.some((a) => a.status === status)).toBe(true);
    expect(alphaData.steps.some((s) => s.status === 'failed')).toBe(true);
  });

  it('every figure equals the independent count of the agency live runs, steps and approvals', async () => {
    const response = await get(`?from=${from.toISOString()}&to=${to.toISOString()}`).expect(200);
    expect(response.body.range).toEqual({
      from: from.toISOString(),
      to: to.toISOString(),
      timezone: 'Europe/Paris',
      workflowId: null,
    });
    const want = expected(alphaData, { from, to }, 'Europe/Paris');
    expect(want.totals.total).toBeGreaterThan(100);
    expect(want.approvals.requested).toBeGreaterThan(10);
    expectFigures(response.body, want);
  });

  it('filters by workflow (a deleted one too)', async () => {
    for (const workflow of [alphaData.workflows[0], alphaData.workflows[3]]) {
      const response = await get(`?from=${from.toISOString()}&to=${to.toISOString()}&workflowId=${workflow.id}`).expect(
        200,
      );
      expect(response.body.range.workflowId).toBe(workflow.id);
      const want = expected(alphaData, { from, to, workflowId: workflow.id }, 'Europe/Paris');
      expect(want.perWorkflow.map((w) => w.workflowId)).toEqual([workflow.id]);
      expectFigures(response.body, want);
    }
  });

  it('never counts another agency: each sees only its own runs', async () => {
    const response = await get(`?from=${from.toISOString()}&to=${to.toISOString()}`, beta.tokens.admin).expect(200);
    expectFigures(response.body, expected(betaData, { from, to }, 'Europe/Paris'));
    const alphaIds = new Set(alphaData.workflows.map((w) => w.id));
    expect(response.body.perWorkflow.some((w: any) => alphaIds.has(w.workflowId))).toBe(false);
    // Another agency's workflow does not exist for this caller.
    await get(`?workflowId=${alphaData.workflows[0].id}`, beta.tokens.admin).expect(404);
  });

  it('defaults to the 30 days up to now, with every day of the agency timezone', async () => {
    const before = Date.now();
    const response = await get('').expect(200);
    const rangeTo = Date.parse(response.body.range.to);
    expect(rangeTo).toBeGreaterThanOrEqual(before - 1000);
    expect(rangeTo - Date.parse(response.body.range.from)).toBe(30 * DAY);
    expect(response.body.perDay.map((d: any) => d.date)).toEqual(
      daysBetween(new Date(response.body.range.from), new Date(rangeTo), 'Europe/Paris'),
    );
    const want = expected(
      alphaData,
      { from: new Date(response.body.range.from), to: new Date(rangeTo) },
      'Europe/Paris',
    );
    expect(response.body.totals).toEqual({ ...want.totals, successRate: response.body.totals.successRate });
  });

  it('an empty range answers zeros and nulls', async () => {
    const emptyFrom = new Date(now - 400 * DAY);
    const response = await get(
      `?from=${emptyFrom.toISOString()}&to=${new Date(emptyFrom.getTime() + DAY).toISOString()}`,
    ).expect(200);
    expect(response.body.totals).toEqual({
      total: 0,
      byStatus: Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])),
      successRate: null,
    });
    expect(response.body.durations).toEqual({ runs: 0, avgMs: null, p95Ms: null });
    expect(response.body.perWorkflow).toEqual([]);
    expect(response.body.approvals).toMatchObject({
      requested: 0,
      avgWaitMs: null,
      p90WaitMs: null,
      decidedWithin4hShare: null,
    });
    expect(response.body.timeSaved.minutes).toBe(0);
    expect(response.body.perDay.length).toBeGreaterThanOrEqual(2);
  });

  it('answers 400 with the field path for bad parameters, 404 for an unknown workflow, 401 without a credential', async () => {
    const cases: [string, string][] = [
      ['?from=yesterday', 'from'],
      ['?to=2026-13-45T00:00:00Z', 'to'],
      ['?workflowId=not-a-uuid', 'workflowId'],
      [`?from=${to.toISOString()}&to=${from.toISOString()}`, 'to'],
      ['?from=2024-01-01T00:00:00Z&to=2025-06-01T00:00:00Z', 'from'],
      ['?status=failed', 'status'],
    ];
    for (const [query, path] of cases) {
      const response = await get(query).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(response.body.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    await get(`?workflowId=${randomUUID()}`).expect(404);
    await api.http().get('/api/v1/workflows/analytics').expect(401);
  });
});
