import type { DataSource, EntityManager } from 'typeorm';
import { AdvisoryLocks, emittedErrors, rowsOf, withAdvisoryLock } from '@automations/persistence';
import { AdminNotifier, type AdminChannels } from '../notifications/admin-notifier';

/** Session advisory lock held for one evaluation: one evaluator at a time across worker replicas. */
export const HEALTH_MONITOR_LOCK_KEY = AdvisoryLocks.healthMonitor;
export const DEFAULT_HEALTH_INTERVAL_MS = 60_000;

/** The feature spec's alerting rules (seed spec, "Alerting Rules"); resource_usage is the platform's business, not the app's. */
export const HEALTH_RULES = ['failure_rate', 'queue_backlog', 'approval_wait'] as const;
export type HealthRule = (typeof HEALTH_RULES)[number];
export type HealthSeverity = 'warning' | 'critical';

/** `alerts.kind` of a rule's alerts. */
export const healthAlertKind = (rule: HealthRule): string => `health:${rule}`;

export interface HealthThresholds {
  /** `failed_execution_rate > 5%` over `15m`: failed / (completed + failed) of the live runs that finished in the window. */
  failureRate: { windowMinutes: number; maxRate: number; minFinished: number };
  /** `pending_executions > 100` for `5m`: more than `maxPending` runs that have been due for at least `forMinutes`. */
  queueBacklog: { maxPending: number; forMinutes: number };
  /** `avg(approval_wait_time) > 6h` over `1h`: average wait of the approvals decided in the window or still pending. */
  approvalWait: { windowMinutes: number; maxAverageHours: number };
}

/**
 * The spec's numbers. `minFinished` is ours: below 20 finished runs in 15 minutes a rate is noise
 * (one failure out of three runs is 33 %), so the rule needs at least 20 to fire.
 */
export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = {
  failureRate: { windowMinutes: 15, maxRate: 0.05, minFinished: 20 },
  queueBacklog: { maxPending: 100, forMinutes: 5 },
  approvalWait: { windowMinutes: 60, maxAverageHours: 6 },
};

/**
 * Severity follows the channel the spec routes each rule to: Slack and PagerDuty (failures,
 * backlog: someone should look now) are `critical`, email (approval delays) is `warning`.
 */
export const HEALTH_SEVERITY: Readonly<Record<HealthRule, HealthSeverity>> = {
  failure_rate: 'critical',
  queue_backlog: 'critical',
  approval_wait: 'warning',
};

/** A rule that holds for an agency at evaluation time. */
export interface HealthFinding {
  agencyId: string;
  rule: HealthRule;
  severity: HealthSeverity;
  title: string;
  message: string;
  figures: Record<string, number>;
}

export interface OpenHealthAlert {
  alertId: string;
  agencyId: string;
  rule: HealthRule;
}

export interface HealthEvaluation {
  at: Date;
  /** Every (agency, rule) that holds now. */
  firing: HealthFinding[];
  /** Alerts created by this evaluation (the rule started to hold): admins were notified. */
  opened: Array<HealthFinding & { alertId: string }>;
  /** Open alerts whose rule no longer holds: `resolved_at` was set. */
  resolved: OpenHealthAlert[];
}

/** Where admins hear about a new alert besides in-app notifications. Without it, in-app only. */
export type HealthNotifiers = AdminChannels;

export interface HealthMonitorOptions {
  thresholds?: Partial<HealthThresholds>;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

const percent = (rate: number): string => `${(Math.round(rate * 1000) / 10).toString()} %`;
const hours = (ms: number): string => `${(Math.round((ms / HOUR_MS) * 10) / 10).toString()} h`;

/**
 * Which open alerts to resolve and which findings need a new alert: one open alert per (agency, rule)
 * while the rule holds, resolved as soon as it does not. Pure, so it is unit-tested on its own.
 */
export function planHealthAlerts(
  firing: HealthFinding[],
  open: OpenHealthAlert[],
): { toOpen: HealthFinding[]; toResolve: OpenHealthAlert[] } {
  const key = (agencyId: string, rule: string) => `${agencyId}\u0000${rule}`;
  const firingKeys = new Set(firing.map((finding) => key(finding.agencyId, finding.rule)));
  const openKeys = new Set(open.map((alert) => key(alert.agencyId, alert.rule)));
  return {
    toOpen: firing.filter((finding) => !openKeys.has(key(finding.agencyId, finding.rule))),
    toResolve: open.filter((alert) => !firingKeys.has(key(alert.agencyId, alert.rule))),
  };
}

/**
 * The automation health monitor (seed spec "Alerting Rules", TASK-032). Each evaluation runs one
 * query per rule over all agencies, then keeps exactly one open alert (`alerts.kind =
 * 'health:<rule>'`, no client) per agency and rule while the rule holds and resolves it
 * (`resolved_at`) once it does not. A new alert is written with an in-app notification for each
 * active admin in one transaction; then, best effort, it goes to the agency's Slack default
 * channel and to the admins by email when those integrations are configured (each send recorded
 * as a notification with its delivery status). A unique partial index (alerts_health_open) backs
 * the deduplication; a session advisory lock keeps replicas from evaluating at the same time.
 */
export class HealthMonitor {
  readonly thresholds: HealthThresholds;
  private timer: NodeJS.Timeout | null = null;
  private inflight: Promise<unknown> | null = null;
  private readonly admins: AdminNotifier;

  constructor(
    private readonly dataSource: DataSource,
    notifiers: HealthNotifiers | null,
    options: HealthMonitorOptions = {},
  ) {
    this.thresholds = { ...DEFAULT_HEALTH_THRESHOLDS, ...options.thresholds };
    this.admins = new AdminNotifier(notifiers);
  }

  /** Evaluates every `intervalMs` (and once now); 0 disables it. Errors are swallowed: the next tick tries again. */
  start(intervalMs = DEFAULT_HEALTH_INTERVAL_MS): void {
    if (this.timer || intervalMs <= 0) return;
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
    void this.tick();
  }

  /** Stops the timer and waits for an evaluation in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.inflight?.catch(() => undefined);
  }

  private async tick(): Promise<void> {
    if (this.inflight) return;
    this.inflight = this.evaluate().catch((error: unknown) => emittedErrors.report('engine:health-monitor', error));
    try {
      await this.inflight;
    } finally {
      this.inflight = null;
    }
  }

  /** One evaluation at `now`; null when another evaluator holds the lock. */
  async evaluate(now: Date = new Date()): Promise<HealthEvaluation | null> {
    return withAdvisoryLock(this.dataSource, HEALTH_MONITOR_LOCK_KEY, (runner) =>
      this.evaluateLocked(runner.manager, now),
    );
  }

  private async evaluateLocked(manager: EntityManager, now: Date): Promise<HealthEvaluation> {
    const firing = [
      ...(await this.failureRate(manager, now)),
      ...(await this.queueBacklog(manager, now)),
      ...(await this.approvalWait(manager, now)),
    ];
    const open = rowsOf<{ id: string; agency_id: string; kind: string }>(
      await manager.query(`SELECT id, agency_id, kind FROM alerts WHERE resolved_at IS NULL AND kind LIKE 'health:%'`),
    )
      .map((row) => ({
        alertId: row.id,
        agencyId: row.agency_id,
        rule: row.kind.slice('health:'.length) as HealthRule,
      }))
      .filter((alert) => (HEALTH_RULES as readonly string[]).includes(alert.rule));
    const { toOpen, toResolve } = planHealthAlerts(firing, open);

    if (toResolve.length) {
      await manager.query(`UPDATE alerts SET resolved_at = $2 WHERE id = ANY($1::uuid[]) AND resolved_at IS NULL`, [
        toResolve.map((alert) => alert.alertId),
        now,
      ]);
    }
    const opened: HealthEvaluation['opened'] = [];
    for (const finding of toOpen) {
      const alertId = await this.openAlert(manager, finding, now);
      if (alertId) opened.push({ ...finding, alertId });
    }
    for (const alert of opened)
      await this.notifyExternally(manager, alert).catch((error: unknown) =>
        emittedErrors.report('engine:health-monitor:notify', error),
      );
    return { at: now, firing, opened, resolved: toResolve };
  }

  /** Live runs that finished in the window: failed / (completed + failed) above the rate, with enough runs. */
  private async failureRate(manager: EntityManager, now: Date): Promise<HealthFinding[]> {
    const { windowMinutes, maxRate, minFinished } = this.thresholds.failureRate;
    const rows = rowsOf<{ agency_id: string; finished: number; failed: number }>(
      await manager.query(
        `SELECT agency_id, count(*)::int AS finished, (count(*) FILTER (WHERE status = 'failed'))::int AS failed
           FROM workflow_runs
          WHERE mode = 'live' AND finished_at IS NOT NULL AND finished_at > $1 AND finished_at <= $2 AND status IN ('completed', 'failed')
          GROUP BY agency_id
         HAVING count(*) >= $3 AND count(*) FILTER (WHERE status = 'failed') > $4::float8 * count(*)`,
        [new Date(now.getTime() - windowMinutes * MINUTE_MS), now, minFinished, maxRate],
      ),
    );
    return rows.map((row) => {
      const rate = row.failed / row.finished;
      return {
        agencyId: row.agency_id,
        rule: 'failure_rate' as const,
        severity: HEALTH_SEVERITY.failure_rate,
        title: `Automation failure rate at ${percent(rate)} over the last ${windowMinutes} minutes`,
        message: `${row.failed} of the ${row.finished} runs that finished in the last ${windowMinutes} minutes failed (alert above ${percent(maxRate)}, with at least ${minFinished} finished runs). Failed runs are in the run history, with their errors; retry them once the cause is fixed.`,
        figures: { finished: row.finished, failed: row.failed, rate },
      };
    });
  }

  /**
   * "More than 100 pending executions for 5 minutes", measured as: more than `maxPending` runs that
   * have each been due for at least `forMinutes` (queued since they became due, running since their
   * last lease, waiting past their due time). Those runs were all pending during the whole 5
   * minutes, so the backlog has exceeded the limit for 5 minutes without the monitor keeping any
   * history between evaluations (which replicas would not share). A large queue that keeps moving
   * (every run picked up within 5 minutes) does not fire: it is throughput, not a backlog.
   */
  private async queueBacklog(manager: EntityManager, now: Date): Promise<HealthFinding[]> {
    const { maxPending, forMinutes } = this.thresholds.queueBacklog;
    const rows = rowsOf<{ agency_id: string; pending: number; oldest: Date }>(
      await manager.query(
        `SELECT agency_id, count(*)::int AS pending, min(due_since) AS oldest
           FROM (SELECT agency_id,
                        CASE status WHEN 'queued' THEN coalesce(next_attempt_at, updated_at) WHEN 'running' THEN updated_at ELSE next_attempt_at END AS due_since
                   FROM workflow_runs
                  WHERE status IN ('queued', 'running', 'waiting')) AS pending
          WHERE due_since <= $1
          GROUP BY agency_id
         HAVING count(*) > $2`,
        [new Date(now.getTime() - forMinutes * MINUTE_MS), maxPending],
      ),
    );
    return rows.map((row) => {
      const oldestMinutes = Math.floor((now.getTime() - new Date(row.oldest).getTime()) / MINUTE_MS);
      return {
        agencyId: row.agency_id,
        rule: 'queue_backlog' as const,
        severity: HEALTH_SEVERITY.queue_backlog,
        title: `Automation backlog: ${row.pending} runs pending for more than ${forMinutes} minutes`,
        message: `${row.pending} runs have been queued, running or past their due time for at least ${forMinutes} minutes (alert above ${maxPending}); the oldest for ${oldestMinutes} minutes. The workers may be down, overloaded or throttled by the run quota.`,
        figures: { pending: row.pending, oldestMinutes },
      };
    });
  }

  /**
   * Average wait of the approvals decided (approved, rejected or expired) in the window, with those
   * still pending counted at their wait so far (only while their run still awaits approval).
   */
  private async approvalWait(manager: EntityManager, now: Date): Promise<HealthFinding[]> {
    const { windowMinutes, maxAverageHours } = this.thresholds.approvalWait;
    const rows = rowsOf<{ agency_id: string; approvals: number; pending: number; avg_wait_ms: number }>(
      await manager.query(
        `SELECT agency_id, count(*)::int AS approvals, (count(*) FILTER (WHERE pending))::int AS pending, avg(wait_ms) AS avg_wait_ms
           FROM (SELECT a.agency_id, true AS pending, date_part('epoch', $2::timestamptz - a.created_at) * 1000 AS wait_ms
                   FROM approvals a JOIN workflow_runs r ON r.id = a.run_id AND r.agency_id = a.agency_id
                  WHERE a.status = 'pending' AND r.status = 'awaiting_approval' AND a.created_at <= $2
                 UNION ALL
                 SELECT a.agency_id, false, date_part('epoch', a.decided_at - a.created_at) * 1000
                   FROM approvals a
                  WHERE a.decided_at IS NOT NULL AND a.decided_at > $1 AND a.decided_at <= $2) AS waits
          GROUP BY agency_id
         HAVING avg(wait_ms) > $3`,
        [new Date(now.getTime() - windowMinutes * MINUTE_MS), now, maxAverageHours * HOUR_MS],
      ),
    );
    return rows.map((row) => {
      const averageMs = Number(row.avg_wait_ms);
      return {
        agencyId: row.agency_id,
        rule: 'approval_wait' as const,
        severity: HEALTH_SEVERITY.approval_wait,
        title: `Approvals wait ${hours(averageMs)} on average`,
        message: `The ${row.approvals} approvals decided in the last ${windowMinutes} minutes or still pending waited ${hours(averageMs)} on average (alert above ${maxAverageHours} h); ${row.pending} still wait in the approval queue.`,
        figures: { approvals: row.approvals, pending: row.pending, averageWaitMs: Math.round(averageMs) },
      };
    });
  }

  /** The alert and an in-app notification per active admin, in one transaction; null when one is open already. */
  private async openAlert(manager: EntityManager, finding: HealthFinding, now: Date): Promise<string | null> {
    return manager.transaction(async (tx) => {
      const [inserted] = rowsOf<{ id: string }>(
        await tx.query(
          `INSERT INTO alerts (agency_id, kind, title, message, severity, created_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (agency_id, kind) WHERE resolved_at IS NULL AND kind LIKE 'health:%' DO NOTHING
           RETURNING id`,
          [finding.agencyId, healthAlertKind(finding.rule), finding.title, finding.message, finding.severity, now],
        ),
      );
      if (!inserted) return null;
      await this.admins.notifyInApp(tx, {
        agencyId: finding.agencyId,
        subject: finding.title,
        message: finding.message,
        sentAt: now,
      });
      return inserted.id;
    });
  }

  /** Slack (the integration's default channel) and email (the active admins), each only when configured; each send is kept as a notification. */
  private async notifyExternally(manager: EntityManager, alert: HealthFinding & { alertId: string }): Promise<void> {
    await this.admins.notifyOutside(manager, {
      agencyId: alert.agencyId,
      text: `[${alert.severity}] ${alert.title}\n${alert.message}`,
      subject: `[Automations] ${alert.title}`,
      record: { subject: alert.title, message: alert.message },
    });
  }
}
