import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The API process's Prometheus registry: process metrics, request durations by route, and the
 * engine's operational figures that OpsMetricsCollector reads at scrape time from BullMQ and
 * Postgres (queue depths, runs by status, pending approvals, open health alerts, step durations).
 */
export class ApiMetrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'automations_http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly queueJobs = new Gauge({
    name: 'automations_queue_jobs',
    help: 'BullMQ jobs per queue and state (waiting, active, delayed, prioritized, waiting-children, failed, completed), read at scrape',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });
  readonly runs = new Gauge({
    name: 'automations_runs',
    help: 'Workflow runs by status, all agencies and modes (Postgres count, refreshed at most every 30 s)',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly pendingApprovals = new Gauge({
    name: 'automations_approvals_pending',
    help: 'Approvals waiting for a decision (their run is awaiting_approval), all agencies, read at scrape',
    registers: [this.registry],
  });
  readonly oldestPendingApprovalSeconds = new Gauge({
    name: 'automations_approvals_pending_oldest_age_seconds',
    help: 'Age of the oldest approval waiting for a decision (0 when none), read at scrape',
    registers: [this.registry],
  });
  readonly openHealthAlerts = new Gauge({
    name: 'automations_health_alerts_open',
    help: 'Open health alerts (alerts of kind health:<rule> not resolved yet) per rule, all agencies, read at scrape',
    labelNames: ['rule'] as const,
    registers: [this.registry],
  });
  readonly stepDuration = new Histogram({
    name: 'automations_step_duration_seconds',
    help: 'Duration (finishedAt - startedAt of the last attempt) of action steps that completed or failed, by action type and status; fed at scrape from the steps Postgres saw finish since the previous scrape, all agencies',
    labelNames: ['type', 'status'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'automations_api_' });
  }
}
