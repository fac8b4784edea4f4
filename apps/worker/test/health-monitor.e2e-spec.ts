import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  EmailSender,
  EngineQueues,
  HEALTH_MONITOR_LOCK_KEY,
  HealthEvaluation,
  HealthMonitor,
  IntegrationSettingsLoader,
  SlackNotifier,
} from '@automations/engine';
import { AlertEntity, NotificationEntity, SecretBox } from '@automations/persistence';
import { eventually, SlackApiServer, SmtpSink, startSlackApiServer, startSmtpSink } from '@automations/testing';
import type { TestAgency } from '../../api/test/support/test-api';
import { bearer, startTestStack, TestStack } from './support/test-stack';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The health monitor's rules (seed spec "Alerting Rules") on rows written with SQL, evaluated at
 * chosen instants: an alert opens once, stays deduplicated, resolves itself, and reaches the admins
 * in-app and, when configured, on Slack and by email. The engine is stopped so nothing moves the
 * seeded runs; /metrics is read from the API of the same stack.
 */
describe('health monitor and /metrics (e2e)', () => {
  let slack: SlackApiServer;
  let smtp: SmtpSink;
  let stack: TestStack;
  let monitor: HealthMonitor;
  let email: EmailSender;

  const db = () => stack.api.dataSource;
  const forAgency = (evaluation: HealthEvaluation | null, agencyId: string) => {
    if (!evaluation) throw new Error('the evaluation did not run (lock held)');
    return {
      firing: evaluation.firing.filter((f) => f.agencyId === agencyId).map((f) => f.rule),
      opened: evaluation.opened.filter((f) => f.agencyId === agencyId).map((f) => f.rule),
      resolved: evaluation.resolved.filter((f) => f.agencyId === agencyId).map((f) => f.rule),
    };
  };
  const alertsOf = (agencyId: string, kind: string) =>
    db()
      .getRepository(AlertEntity)
      .find({ where: { agencyId, kind }, order: { createdAt: 'ASC' } });

  async function insert(table: string, rows: Record<string, unknown>[]): Promise<void> {
    const columns = Object.keys(rows[0]);
    const params: unknown[] = [];
    const tuples = rows.map((row) => `(${columns.map((column) => `$${params.push(row[column])}`).join(', ')})`);
    await db().query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }

  /** A workflow and a client to hang runs on. */
  async function fixtures(agency: TestAgency): Promise<{ workflowId: string; clientId: string }> {
    const workflowId = randomUUID();
    const clientId = randomUUID();
    await insert('workflows', [
      {
        id: workflowId,
        agency_id: agency.agencyId,
        name: 'Monitored',
        triggers: JSON.stringify([{ type: 'stage_change', config: { toStage: 'x' } }]),
        steps: '[]',
      },
    ]);
    await insert('clients', [
      { id: clientId, agency_id: agency.agencyId, name: 'Acme', stage: 'lead', health: 'green' },
    ]);
    return { workflowId, clientId };
  }

  async function runs(
    agency: TestAgency,
    rows: {
      status: string;
      startedAt: Date;
      finishedAt?: Date | null;
      updatedAt?: Date;
      nextAttemptAt?: Date | null;
      mode?: string;
    }[],
  ): Promise<string[]> {
    const { workflowId, clientId } = await fixtures(agency);
    const ids = rows.map(() => randomUUID());
    await insert(
      'workflow_runs',
      rows.map((row, index) => ({
        id: ids[index],
        agency_id: agency.agencyId,
        workflow_id: workflowId,
        workflow_version: 1,
        client_id: clientId,
        mode: row.mode ?? 'live',
        status: row.status,
        started_at: row.startedAt,
        finished_at: row.finishedAt ?? null,
        next_attempt_at: row.nextAttemptAt ?? null,
        updated_at: row.updatedAt ?? row.finishedAt ?? row.startedAt,
      })),
    );
    return ids;
  }

  beforeAll(async () => {
    [slack, smtp] = await Promise.all([startSlackApiServer(), startSmtpSink()]);
    stack = await startTestStack({
      SLACK_API_URL: slack.url,
      SMTP_URL: smtp.url,
      METRICS_TOKEN: 'health-monitor-metrics-token',
    });
    await stack.stopEngine();
    const config = stack.api.config;
    monitor = new HealthMonitor(stack.workerDataSource, {
      integrations: new IntegrationSettingsLoader(stack.workerDataSource, new SecretBox(config.encryptionKey)),
      slack: new SlackNotifier({ slackApiUrl: config.slackApiUrl }),
      email: (email = new EmailSender({ defaultSmtpUrl: config.smtpUrl, defaultFrom: config.emailFrom })),
    });
  });
  afterAll(async () => {
    await monitor.stop();
    email.close();
    await stack.close();
    await Promise.all([slack.close(), smtp.close()]);
  });
  beforeEach(() => {
    slack.reset();
    smtp.reset();
  });

  it('failure_rate: fires once, stays deduplicated, resolves when the window clears, and tells the admins on Slack, by email and in-app', async () => {
    const agency = await stack.createAgency('Failing Agency');
    const quiet = await stack.createAgency('Quiet Agency');
    const admin = bearer(agency.tokens.admin);
    await stack.api
      .http()
      .put('/api/v1/integrations/slack')
      .set(admin)
      .send({ botToken: 'xoxb-health-token-123456', defaultChannel: 'C0HEALTH1' })
      .expect(200);
    await stack.api
      .http()
      .put('/api/v1/integrations/email')
      .set(admin)
      .send({ fromAddress: 'ops@failing.test' })
      .expect(200);
    const now = new Date();
    const finished = (index: number, status: string) => ({
      status,
      startedAt: new Date(now.getTime() - 10 * MINUTE),
      finishedAt: new Date(now.getTime() - (index + 1) * 20_000),
    });
    // 3 failed of 20 finished in the last 15 minutes: 15 % > 5 %, with the 20 runs the rule needs.
    await runs(
      agency,
      Array.from({ length: 20 }, (_, i) => finished(i, i < 3 ? 'failed' : 'completed')),
    );
    // The quiet agency: exactly 5 % (2 of 40) does not exceed the limit; 19 runs all failed are too few; test-mode runs do not count.
    await runs(
      quiet,
      Array.from({ length: 40 }, (_, i) => finished(i, i < 2 ? 'failed' : 'completed')),
    );
    const tooFew = await stack.createAgency('Too Few Agency');
    await runs(
      tooFew,
      Array.from({ length: 19 }, (_, i) => finished(i, 'failed')),
    );
    await runs(
      tooFew,
      Array.from({ length: 10 }, (_, i) => ({ ...finished(i, 'failed'), mode: 'test' })),
    );

    const first = await monitor.evaluate(now);
    expect(forAgency(first, agency.agencyId)).toEqual({
      firing: ['failure_rate'],
      opened: ['failure_rate'],
      resolved: [],
    });
    expect(forAgency(first, quiet.agencyId).firing).toEqual([]);
    expect(forAgency(first, tooFew.agencyId).firing).toEqual([]);
    const [alert] = await alertsOf(agency.agencyId, 'health:failure_rate');
    expect(alert).toMatchObject({
      severity: 'critical',
      clientId: null,
      runId: null,
      workflowId: null,
      resolvedAt: null,
    });
    expect(alert.title).toContain('15 %');
    expect(alert.message).toContain('3 of the 20 runs');

    // Slack: the default channel, with the agency's bot token. Email: the admins. In-app: each admin.
    expect(slack.posted).toHaveLength(1);
    expect(slack.posted[0]).toMatchObject({ token: 'xoxb-health-token-123456', channel: 'C0HEALTH1' });
    expect(slack.posted[0].text).toContain('[critical] Automation failure rate at 15 %');
    const [mail] = await smtp.waitForMessages(1);
    const [{ email }] = await db().query(`SELECT email FROM users WHERE id = $1`, [agency.adminUserId]);
    expect(mail.to).toEqual([email]);
    expect(mail.subject).toBe(`[Automations] ${alert.title}`);
    const notifications = await db()
      .getRepository(NotificationEntity)
      .find({ where: { agencyId: agency.agencyId } });
    expect(notifications.map((n) => [n.channel, n.status, n.userId]).sort()).toEqual(
      [
        ['email', 'sent', null],
        ['in_app', 'sent', agency.adminUserId],
        ['slack', 'sent', null],
      ].sort(),
    );

    // Re-evaluated while it still holds: nothing new, nothing sent.
    const again = await monitor.evaluate(new Date(now.getTime() + MINUTE));
    expect(forAgency(again, agency.agencyId)).toEqual({ firing: ['failure_rate'], opened: [], resolved: [] });
    expect(await alertsOf(agency.agencyId, 'health:failure_rate')).toHaveLength(1);
    expect(slack.posted).toHaveLength(1);

    // 16 minutes later those runs left the window: the alert resolves itself.
    const later = new Date(now.getTime() + 16 * MINUTE);
    const cleared = await monitor.evaluate(later);
    expect(forAgency(cleared, agency.agencyId)).toEqual({ firing: [], opened: [], resolved: ['failure_rate'] });
    expect((await alertsOf(agency.agencyId, 'health:failure_rate'))[0].resolvedAt?.toISOString()).toBe(
      later.toISOString(),
    );
    expect(forAgency(await monitor.evaluate(later), agency.agencyId)).toEqual({ firing: [], opened: [], resolved: [] });
    expect(slack.posted).toHaveLength(1);
    // Leave nothing for the next tests, which evaluate at the real time again.
    await db().query(`UPDATE workflow_runs SET finished_at = finished_at - interval '1 day' WHERE agency_id = $1`, [
      agency.agencyId,
    ]);
  });

  it('queue_backlog: more than 100 runs due for 5+ minutes fire (in-app only without integrations) and resolve once they move', async () => {
    const agency = await stack.createAgency('Backlog Agency');
    const busy = await stack.createAgency('Busy Agency');
    const now = new Date();
    const ago = (minutes: number) => new Date(now.getTime() - minutes * MINUTE);
    // 60 queued since 6 minutes, 41 waiting 10 minutes past their due time: 101 > 100. Not counted: waiting runs due later, runs queued 2 minutes ago.
    const stuck = [
      ...(await runs(
        agency,
        Array.from({ length: 60 }, () => ({
          status: 'queued',
          startedAt: ago(6),
          nextAttemptAt: ago(6),
          updatedAt: ago(6),
        })),
      )),
      ...(await runs(
        agency,
        Array.from({ length: 41 }, () => ({
          status: 'waiting',
          startedAt: ago(30),
          nextAttemptAt: ago(10),
          updatedAt: ago(20),
        })),
      )),
    ];
    await runs(
      agency,
      Array.from({ length: 30 }, () => ({
        status: 'waiting',
        startedAt: ago(30),
        nextAttemptAt: new Date(now.getTime() + HOUR),
        updatedAt: ago(20),
      })),
    );
    // Busy but moving: exactly 100 due for 5+ minutes (not more than 100), plus 200 queued 2 minutes ago.
    await runs(
      busy,
      Array.from({ length: 100 }, () => ({
        status: 'queued',
        startedAt: ago(7),
        nextAttemptAt: ago(7),
        updatedAt: ago(7),
      })),
    );
    await runs(
      busy,
      Array.from({ length: 200 }, () => ({
        status: 'queued',
        startedAt: ago(2),
        nextAttemptAt: ago(2),
        updatedAt: ago(2),
      })),
    );

    const first = await monitor.evaluate(now);
    expect(forAgency(first, agency.agencyId)).toEqual({
      firing: ['queue_backlog'],
      opened: ['queue_backlog'],
      resolved: [],
    });
    expect(forAgency(first, busy.agencyId).firing).toEqual([]);
    const [alert] = await alertsOf(agency.agencyId, 'health:queue_backlog');
    expect(alert).toMatchObject({ severity: 'critical', resolvedAt: null });
    expect(alert.title).toContain('101 runs');
    expect(slack.posted).toHaveLength(0);
    const notifications = await db()
      .getRepository(NotificationEntity)
      .find({ where: { agencyId: agency.agencyId } });
    expect(notifications.map((n) => [n.channel, n.userId])).toEqual([['in_app', agency.adminUserId]]);

    expect(forAgency(await monitor.evaluate(now), agency.agencyId).opened).toEqual([]);
    // Two of them complete: 99 left, the backlog is under the limit.
    await db().query(`UPDATE workflow_runs SET status = 'completed', finished_at = now() WHERE id = ANY($1::uuid[])`, [
      stuck.slice(0, 2),
    ]);
    expect(forAgency(await monitor.evaluate(now), agency.agencyId)).toEqual({
      firing: [],
      opened: [],
      resolved: ['queue_backlog'],
    });
    expect(await alertsOf(agency.agencyId, 'health:queue_backlog')).toHaveLength(1);
  });

  it('approval_wait: an average wait over 6 h among approvals pending or decided in the last hour fires as a warning, and resolves', async () => {
    const agency = await stack.createAgency('Slow Approvers');
    const fast = await stack.createAgency('Fast Approvers');
    const now = new Date();
    const [slowRun] = await runs(agency, [
      { status: 'awaiting_approval', startedAt: new Date(now.getTime() - 7 * HOUR) },
    ]);
    const [fastRun] = await runs(fast, [
      {
        status: 'completed',
        startedAt: new Date(now.getTime() - 3 * HOUR),
        finishedAt: new Date(now.getTime() - 20 * MINUTE),
      },
    ]);
    // A pending approval of a run that was cancelled meanwhile does not count.
    const [cancelledRun] = await runs(fast, [
      {
        status: 'cancelled',
        startedAt: new Date(now.getTime() - 20 * HOUR),
        finishedAt: new Date(now.getTime() - 19 * HOUR),
      },
    ]);
    const approval = (agencyId: string, runId: string, status: string, createdAt: Date, decidedAt: Date | null) => ({
      agency_id: agencyId,
      run_id: runId,
      step_id: 'draft',
      action_type: 'draft_communication',
      rendered_config: '{}',
      status,
      expires_at: new Date(createdAt.getTime() + 24 * HOUR),
      created_at: createdAt,
      decided_at: decidedAt,
    });
    await insert('approvals', [
      approval(agency.agencyId, slowRun, 'pending', new Date(now.getTime() - 7 * HOUR), null),
      approval(
        fast.agencyId,
        fastRun,
        'approved',
        new Date(now.getTime() - 2 * HOUR),
        new Date(now.getTime() - 30 * MINUTE),
      ),
      approval(fast.agencyId, cancelledRun, 'pending', new Date(now.getTime() - 20 * HOUR), null),
    ]);

    const first = await monitor.evaluate(now);
    expect(forAgency(first, agency.agencyId)).toEqual({
      firing: ['approval_wait'],
      opened: ['approval_wait'],
      resolved: [],
    });
    expect(forAgency(first, fast.agencyId).firing).toEqual([]);
    const [alert] = await alertsOf(agency.agencyId, 'health:approval_wait');
    expect(alert).toMatchObject({ severity: 'warning', resolvedAt: null });
    expect(alert.title).toBe('Approvals wait 7 h on average');

    // Approved now after 7 h: decided within the last hour, still slow on average.
    const decidedAt = new Date(now.getTime() + MINUTE);
    await db().query(`UPDATE approvals SET status = 'approved', decided_at = $2 WHERE run_id = $1`, [
      slowRun,
      decidedAt,
    ]);
    await db().query(`UPDATE workflow_runs SET status = 'completed', finished_at = $2 WHERE id = $1`, [
      slowRun,
      decidedAt,
    ]);
    expect(forAgency(await monitor.evaluate(new Date(now.getTime() + 2 * MINUTE)), agency.agencyId)).toEqual({
      firing: ['approval_wait'],
      opened: [],
      resolved: [],
    });
    // An hour later that decision is out of the window and nothing waits: resolved.
    expect(forAgency(await monitor.evaluate(new Date(now.getTime() + 62 * MINUTE)), agency.agencyId)).toEqual({
      firing: [],
      opened: [],
      resolved: ['approval_wait'],
    });
  });

  it('evaluates on one replica at a time (advisory lock) and periodically once started', async () => {
    const holder = new Client({ connectionString: stack.api.config.databaseUrl });
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock($1)`, [HEALTH_MONITOR_LOCK_KEY]);
      expect(await monitor.evaluate()).toBeNull();
      await holder.query(`SELECT pg_advisory_unlock($1)`, [HEALTH_MONITOR_LOCK_KEY]);
      expect(await monitor.evaluate()).not.toBeNull();
    } finally {
      await holder.end();
    }

    const agency = await stack.createAgency('Periodic Agency');
    const now = Date.now();
    await runs(
      agency,
      Array.from({ length: 25 }, (_, i) => ({
        status: 'failed',
        startedAt: new Date(now - 5 * MINUTE),
        finishedAt: new Date(now - (i + 1) * 1000),
      })),
    );
    monitor.start(100);
    try {
      await eventually(async () => (await alertsOf(agency.agencyId, 'health:failure_rate')).length === 1, {
        what: 'the periodic evaluation to open the alert',
      });
    } finally {
      await monitor.stop();
    }
    expect(await alertsOf(agency.agencyId, 'health:failure_rate')).toHaveLength(1);
  });

  it('/metrics exposes queue depths, runs by status, pending approvals, open health alerts and step durations', async () => {
    const metrics = async () =>
      (await stack.api.http().get('/metrics').set('Authorization', 'Bearer health-monitor-metrics-token').expect(200))
        .text;
    const gauge = (text: string, series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    const agency = await stack.createAgency('Metrics Agency');
    const now = new Date();
    const [runId] = await runs(agency, [
      { status: 'completed', startedAt: new Date(now.getTime() - 5000), finishedAt: now },
    ]);
    const queues = stack.api.app.get(EngineQueues);
    await queues.runs.add('advance', { runId }, { jobId: `metrics-${runId}` });
    const runCounts = await queues.runs.getJobCounts('waiting', 'delayed');

    const byStatus: { status: string; runs: string }[] = await db().query(
      `SELECT status, count(*) AS runs FROM workflow_runs GROUP BY status`,
    );
    const [{ pending }] = await db().query(
      `SELECT count(*)::int AS pending FROM approvals a JOIN workflow_runs r ON r.id = a.run_id WHERE a.status = 'pending' AND r.status = 'awaiting_approval'`,
    );
    const openAlerts: { kind: string; open: number }[] = await db().query(
      `SELECT kind, count(*)::int AS open FROM alerts WHERE kind LIKE 'health:%' AND resolved_at IS NULL GROUP BY kind`,
    );
    const open = (rule: string) => openAlerts.find((row) => row.kind === `health:${rule}`)?.open ?? 0;
    expect(open('failure_rate')).toBeGreaterThan(0);
    const text = await metrics();
    expect(runCounts.waiting).toBeGreaterThanOrEqual(1);
    expect(gauge(text, 'automations_queue_jobs{queue="runs",state="waiting"}')).toBe(runCounts.waiting);
    expect(gauge(text, 'automations_queue_jobs{queue="runs",state="delayed"}')).toBe(runCounts.delayed);
    for (const queue of ['events', 'schedules'])
      expect(gauge(text, `automations_queue_jobs{queue="${queue}",state="active"}`)).toBe(0);
    // Only the queues the engine really uses are counted (there never was a 'maintenance' queue: the worker's passes run on timers).
    expect(text).not.toContain('queue="maintenance"');
    for (const row of byStatus) expect(gauge(text, `automations_runs{status="${row.status}"}`)).toBe(Number(row.runs));
    expect(gauge(text, 'automations_runs{status="rejected"}')).toBe(
      Number(byStatus.find((r) => r.status === 'rejected')?.runs ?? 0),
    );
    expect(gauge(text, 'automations_approvals_pending')).toBe(pending);
    expect(gauge(text, 'automations_approvals_pending_oldest_age_seconds')).toBeGreaterThanOrEqual(0);
    for (const rule of ['failure_rate', 'queue_backlog', 'approval_wait'])
      expect(gauge(text, `automations_health_alerts_open{rule="${rule}"}`)).toBe(open(rule));
    expect(text).toContain('# TYPE automations_step_duration_seconds histogram');

    // A step that finishes now is observed by a following scrape (once its commit is settled).
    await insert('run_steps', [
      {
        agency_id: agency.agencyId,
        run_id: runId,
        step_id: 'task',
        type: 'create_task',
        status: 'completed',
        attempts: 1,
        started_at: new Date(Date.now() - 1500),
        finished_at: new Date(),
      },
      {
        agency_id: agency.agencyId,
        run_id: runId,
        step_id: 'ping',
        type: 'send_notification',
        status: 'failed',
        attempts: 3,
        started_at: new Date(Date.now() - 40),
        finished_at: new Date(),
      },
      {
        agency_id: agency.agencyId,
        run_id: runId,
        step_id: 'fork',
        type: 'branch',
        status: 'completed',
        attempts: 0,
        started_at: new Date(),
        finished_at: new Date(),
      },
    ]);
    const observed = await eventually(
      async () => {
        const scraped = await metrics();
        return gauge(scraped, 'automations_step_duration_seconds_count{type="create_task",status="completed"}') === 1
          ? scraped
          : undefined;
      },
      { what: 'the finished steps in the histogram' },
    );
    expect(
      gauge(observed, 'automations_step_duration_seconds_bucket{le="1",type="create_task",status="completed"}'),
    ).toBe(0);
    expect(
      gauge(observed, 'automations_step_duration_seconds_bucket{le="2.5",type="create_task",status="completed"}'),
    ).toBe(1);
    expect(gauge(observed, 'automations_step_duration_seconds_sum{type="create_task",status="completed"}')).toBeCloseTo(
      1.5,
      1,
    );
    expect(gauge(observed, 'automations_step_duration_seconds_count{type="send_notification",status="failed"}')).toBe(
      1,
    );
    expect(observed).not.toContain('type="branch"');
    // Observed once: later scrapes do not count it again.
    expect(
      gauge(await metrics(), 'automations_step_duration_seconds_count{type="create_task",status="completed"}'),
    ).toBe(1);
  });
});
