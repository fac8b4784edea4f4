// What the chaos run checks once everything settled, from Postgres and from what the fakes received.
import { summarize } from '../stats.mjs';
import { KINDS, TERMINAL, clientName, kindOf } from './workload.mjs';

const EFFECT_TABLES = ['tasks', 'alerts', 'tickets', 'communication_drafts'];

/** Ids of events of this run by index, from their idempotency keys `<keyPrefix><index>`. */
function indexOfKey(key, keyPrefix) {
  if (!key?.startsWith(keyPrefix)) return null;
  const index = Number(key.slice(keyPrefix.length));
  return Number.isInteger(index) ? index : null;
}

/**
 * Compares what every event must have caused with what Postgres and the fakes hold. `accepted`: index →
 * event id answered 202; `clientIds`: index → client id; `workflowIds`: workflow key → id.
 */
export async function verifyChaos({ db, agencyId, keyPrefix, accepted, clientIds, workflowIds, slack, smtp }) {
  const q = async (sql, params = [agencyId]) => (await db.query(sql, params)).rows;
  const events = await q(
    `SELECT id, client_id, type, source, idempotency_key, processed_at, created_at FROM events WHERE agency_id = $1`,
  );
  const runs = await q(
    `SELECT id, workflow_id, client_id, trigger_event_id, status, reason, error FROM workflow_runs WHERE agency_id = $1`,
  );
  const effects = {};
  for (const table of EFFECT_TABLES)
    effects[table] = await q(`SELECT client_id, run_id, step_id FROM ${table} WHERE agency_id = $1`);
  const notifications = await q(
    `SELECT client_id, run_id, step_id, channel, status FROM notifications WHERE agency_id = $1 AND run_id IS NOT NULL`,
  );
  const approvals = await q(`SELECT run_id, step_id, status FROM approvals WHERE agency_id = $1`);

  const workflowKeyOf = new Map(Object.entries(workflowIds).map(([key, id]) => [id, key]));
  const indexOfClient = new Map(clientIds.map((id, index) => [id, index]));

  // Events: the integrator's (source api, keyed) and the chained ones (source action).
  const apiEventByIndex = new Map();
  const chainedByClient = new Map();
  let unprocessed = 0;
  const processingMs = [];
  for (const event of events) {
    if (!event.processed_at) unprocessed += 1;
    else processingMs.push(event.processed_at - event.created_at);
    if (event.source === 'action' && event.type === 'client.stage_changed')
      chainedByClient.set(event.client_id, (chainedByClient.get(event.client_id) ?? 0) + 1);
    const index = indexOfKey(event.idempotency_key, keyPrefix);
    if (index !== null) apiEventByIndex.set(index, event);
  }

  // The events to verify: every one answered 202, plus any stored whose answer was lost (same checks).
  const indexes = new Set([...accepted.keys(), ...apiEventByIndex.keys()]);
  const acceptedNotStored = [...accepted.keys()].filter((index) => !apiEventByIndex.has(index));
  const storedNotAccepted = [...apiEventByIndex.keys()].filter((index) => !accepted.has(index));
  const acceptedIdMismatch = [...accepted.entries()]
    .filter(([index, id]) => apiEventByIndex.has(index) && apiEventByIndex.get(index).id !== id)
    .map(([index]) => index);

  const runsByClientWorkflow = new Map();
  const runsByStatus = {};
  const notTerminal = [];
  for (const run of runs) {
    runsByStatus[run.status] = (runsByStatus[run.status] ?? 0) + 1;
    if (!TERMINAL.includes(run.status)) notTerminal.push(run.id);
    const key = `${run.client_id}|${workflowKeyOf.get(run.workflow_id) ?? run.workflow_id}`;
    runsByClientWorkflow.set(key, [...(runsByClientWorkflow.get(key) ?? []), run]);
  }

  const countBy = (rows, keyOf) => {
    const map = new Map();
    for (const row of rows) map.set(keyOf(row), (map.get(keyOf(row)) ?? 0) + 1);
    return map;
  };
  const perClient = Object.fromEntries(
    EFFECT_TABLES.map((table) => [table, countBy(effects[table], (row) => row.client_id)]),
  );
  const perRunStep = (rows) =>
    [...countBy(rows, (row) => `${row.run_id}|${row.step_id}`).values()].reduce(
      (sum, n) => sum + Math.max(0, n - 1),
      0,
    );

  const lost = {
    eventsWithoutVerdict: [],
    missingRuns: [],
    runsNotTerminal: notTerminal.length,
    acceptedNotStored: acceptedNotStored.length,
  };
  const duplicated = { runs: 0, chainedEvents: 0, byRunAndStep: {}, byEvent: {} };
  const missingEffects = { tasks: 0, alerts: 0, tickets: 0, communication_drafts: 0, chainedEvents: 0 };
  const runsNotCompleted = [];
  const sends = {
    slack: { expected: 0, delivered: 0, missing: 0, duplicates: 0, maxPerStep: 0 },
    email: { expected: 0, delivered: 0, missing: 0, duplicates: 0, maxPerStep: 0 },
  };
  const sendsPerStep = {};
  const expected = { runs: 0, approvals: 0 };
  for (const table of EFFECT_TABLES) {
    duplicated.byRunAndStep[table] = perRunStep(effects[table]);
    duplicated.byEvent[table] = 0;
  }
  duplicated.byRunAndStep.notifications = perRunStep(notifications);
  duplicated.byRunAndStep.approvals = perRunStep(approvals);

  for (const index of [...indexes].sort((a, b) => a - b)) {
    const kind = kindOf(index);
    const clientId = clientIds[index];
    const event = apiEventByIndex.get(index);
    if (event && !event.processed_at) lost.eventsWithoutVerdict.push(event.id);
    let allCompleted = true;
    for (const workflowKey of kind.runs) {
      expected.runs += 1;
      const found = runsByClientWorkflow.get(`${clientId}|${workflowKey}`) ?? [];
      if (found.length === 0) {
        lost.missingRuns.push({ index, eventId: event?.id ?? accepted.get(index) ?? null, workflow: workflowKey });
        allCompleted = false;
      }
      if (found.length > 1) duplicated.runs += found.length - 1;
      for (const run of found) {
        if (run.status !== 'completed') {
          allCompleted = false;
          if (TERMINAL.includes(run.status))
            runsNotCompleted.push({
              runId: run.id,
              workflow: workflowKey,
              status: run.status,
              reason: run.reason,
              error: run.error,
            });
        }
        // A direct run must point at its event (the chained one at the action's event).
        if (workflowKey !== 'chained' && event && run.trigger_event_id !== event.id)
          lost.missingRuns.push({
            index,
            eventId: event.id,
            workflow: workflowKey,
            wrongTrigger: run.trigger_event_id,
          });
      }
    }
    expected.approvals += kind.approvals;
    for (const table of EFFECT_TABLES) {
      const actual = perClient[table].get(clientId) ?? 0;
      const want = kind.effects[table];
      if (actual > want) duplicated.byEvent[table] += actual - want;
      if (actual < want && allCompleted) missingEffects[table] += want - actual;
    }
    const chained = chainedByClient.get(clientId) ?? 0;
    if (chained > kind.chainedEvents) duplicated.chainedEvents += chained - kind.chainedEvents;
    if (chained < kind.chainedEvents && allCompleted) missingEffects.chainedEvents += kind.chainedEvents - chained;
    for (const [channel, fake, steps] of [
      ['slack', slack, kind.slack],
      ['email', smtp, kind.email],
    ]) {
      for (const step of steps) {
        const n = fake.sends.get(`${clientName(index)}|${step}`) ?? 0;
        const s = sends[channel];
        const perStep = (sendsPerStep[step] ??= {
          channel,
          expected: 0,
          delivered: 0,
          missing: 0,
          duplicates: 0,
          maxPerStep: 0,
        });
        for (const target of [s, perStep]) {
          target.expected += 1;
          target.delivered += n;
          if (n === 0) target.missing += 1;
          if (n > 1) target.duplicates += n - 1;
          target.maxPerStep = Math.max(target.maxPerStep, n);
        }
      }
    }
  }
  // Runs of clients that got no event of this run (there should be none).
  const strayRuns = runs.filter(
    (run) => !indexOfClient.has(run.client_id) || !indexes.has(indexOfClient.get(run.client_id)),
  ).length;

  const duplicatedInternal =
    duplicated.runs +
    duplicated.chainedEvents +
    Object.values(duplicated.byRunAndStep).reduce((a, b) => a + b, 0) +
    Object.values(duplicated.byEvent).reduce((a, b) => a + b, 0);
  const lostTotal =
    lost.eventsWithoutVerdict.length + lost.missingRuns.length + lost.runsNotTerminal + lost.acceptedNotStored;
  const terminal = runs.filter((run) => TERMINAL.includes(run.status)).length;
  return {
    events: {
      accepted: accepted.size,
      stored: apiEventByIndex.size,
      storedNotAccepted: storedNotAccepted.length,
      acceptedNotStored: acceptedNotStored.length,
      acceptedIdMismatch: acceptedIdMismatch.length,
      chained: [...chainedByClient.values()].reduce((a, b) => a + b, 0),
      withoutVerdict: unprocessed,
      verdictLatencyMs: summarize(processingMs),
    },
    runs: {
      expected: expected.runs,
      found: runs.length,
      terminal,
      byStatus: runsByStatus,
      stray: strayRuns,
      notCompleted: runsNotCompleted.length,
      notCompletedSample: runsNotCompleted.slice(0, 10),
    },
    approvals: { expected: expected.approvals, byStatus: Object.fromEntries([...countBy(approvals, (a) => a.status)]) },
    lost: {
      total: lostTotal,
      eventsWithoutVerdict: lost.eventsWithoutVerdict.length,
      missingRuns: lost.missingRuns.length,
      runsNotTerminal: lost.runsNotTerminal,
      acceptedNotStored: lost.acceptedNotStored,
      sample: {
        eventsWithoutVerdict: lost.eventsWithoutVerdict.slice(0, 10),
        missingRuns: lost.missingRuns.slice(0, 10),
        runsNotTerminal: notTerminal.slice(0, 10),
      },
    },
    duplicated: { internal: duplicatedInternal, ...duplicated },
    missingEffects: { total: Object.values(missingEffects).reduce((a, b) => a + b, 0), ...missingEffects },
    sends: {
      ...sends,
      perStep: sendsPerStep,
      slackFake: slack.stats(),
      smtpFake: smtp.stats(),
      notificationRows: Object.fromEntries([...countBy(notifications, (n) => `${n.channel}:${n.status}`)]),
    },
    kinds: KINDS.map((kind) => kind.kind),
  };
}

/**
 * Per-second completions of action steps (branches excluded) relative to `t0Ms`, and for each fault: the first
 * completion after it, and when the rate came back to 80 % of the 10 s before it.
 */
export async function recoveryOf({ db, agencyId, t0Ms, faults }) {
  const rows = (
    await db.query(
      `SELECT (extract(epoch from finished_at) * 1000)::float8 AS ms FROM run_steps
        WHERE agency_id = $1 AND status = 'completed' AND type <> 'branch' AND finished_at IS NOT NULL ORDER BY finished_at`,
      [agencyId],
    )
  ).rows.map((row) => row.ms - t0Ms);
  const seconds = rows.length ? Math.ceil(rows[rows.length - 1] / 1000) + 1 : 0;
  const perSecond = new Array(Math.max(0, seconds)).fill(0);
  for (const ms of rows) if (ms >= 0) perSecond[Math.floor(ms / 1000)] += 1;

  const recovered = faults.map((fault) => {
    const at = fault.atMs;
    const resumeAt = fault.upAtMs ?? at;
    const first = rows.find((ms) => ms > resumeAt);
    const from = Math.max(0, Math.floor(at / 1000) - 10);
    const window = perSecond.slice(from, Math.floor(at / 1000));
    const baseline = window.length ? window.reduce((a, b) => a + b, 0) / window.length : 0;
    let rateBackMs = null;
    if (baseline > 0) {
      for (let s = Math.floor(at / 1000) + 1; s < perSecond.length; s += 1) {
        if (perSecond[s] >= 0.8 * baseline) {
          rateBackMs = Math.max(0, (s + 1) * 1000 - at);
          break;
        }
      }
    }
    return {
      ...fault,
      baselineStepsPerSecond: Math.round(baseline * 10) / 10,
      firstStepCompletedAfterMs: first === undefined ? null : Math.round(first - at),
      rateBackAfterMs: rateBackMs,
    };
  });
  return { stepCompletionsPerSecond: perSecond, faults: recovered };
}
