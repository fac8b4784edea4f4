import {
  DEFAULT_HEALTH_THRESHOLDS,
  HEALTH_RULES,
  HEALTH_SEVERITY,
  HealthFinding,
  healthAlertKind,
  planHealthAlerts,
} from './health-monitor';

const finding = (agencyId: string, rule: HealthFinding['rule']): HealthFinding => ({
  agencyId,
  rule,
  severity: HEALTH_SEVERITY[rule],
  title: 't',
  message: 'm',
  figures: {},
});

describe('planHealthAlerts', () => {
  it('opens an alert for a rule that starts to hold', () => {
    const plan = planHealthAlerts([finding('a', 'failure_rate')], []);
    expect(plan.toOpen.map((f) => [f.agencyId, f.rule])).toEqual([['a', 'failure_rate']]);
    expect(plan.toResolve).toEqual([]);
  });

  it('does nothing while the open alert still holds (deduplicated)', () => {
    const plan = planHealthAlerts(
      [finding('a', 'failure_rate')],
      [{ alertId: '1', agencyId: 'a', rule: 'failure_rate' }],
    );
    expect(plan).toEqual({ toOpen: [], toResolve: [] });
  });

  it('resolves the open alerts whose rule no longer holds, per agency and rule', () => {
    const open = [
      { alertId: '1', agencyId: 'a', rule: 'failure_rate' as const },
      { alertId: '2', agencyId: 'a', rule: 'queue_backlog' as const },
      { alertId: '3', agencyId: 'b', rule: 'failure_rate' as const },
    ];
    const plan = planHealthAlerts([finding('a', 'queue_backlog'), finding('b', 'approval_wait')], open);
    expect(plan.toResolve.map((alert) => alert.alertId)).toEqual(['1', '3']);
    expect(plan.toOpen.map((f) => [f.agencyId, f.rule])).toEqual([['b', 'approval_wait']]);
  });
});

describe('health rules', () => {
  it('are the seed spec alerting rules with its thresholds', () => {
    expect(HEALTH_RULES).toEqual(['failure_rate', 'queue_backlog', 'approval_wait']);
    expect(DEFAULT_HEALTH_THRESHOLDS).toEqual({
      failureRate: { windowMinutes: 15, maxRate: 0.05, minFinished: 20 },
      queueBacklog: { maxPending: 100, forMinutes: 5 },
      approvalWait: { windowMinutes: 60, maxAverageHours: 6 },
    });
    expect(HEALTH_RULES.map(healthAlertKind)).toEqual([
      'health:failure_rate',
      'health:queue_backlog',
      'health:approval_wait',
    ]);
  });
});
