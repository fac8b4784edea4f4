// The chaos workload: four automations covering every kind of step the engine has (internal records,
// a stage change that triggers a second automation, a delay, an approval, a draft, Slack and email), and
// the exact effects one event must leave behind. Every event goes to a client of its own, so the
// expectations are exact per client (no dedupe window, loop rule or client-state interplay between events).

const SLACK_CHANNEL = 'C0CHAOS01';
const EMAIL_TO = 'team@chaos.test';
const marker = (stepId) => `[chaos {{client.name}} ${stepId}]`;

/** Workflow key → definition. `delayMinutes` is the product's unit (the smallest delay is one minute). */
export function chaosWorkflows({ delayMinutes = 1 } = {}) {
  return {
    kickoff: {
      name: 'Chaos: kickoff (onboarding)',
      triggers: [{ type: 'stage_change', config: { toStage: 'onboarding' } }],
      steps: [
        {
          id: 'k_task',
          type: 'create_task',
          config: { title: 'Kickoff call with {{client.name}}', priority: 'high', dueInDays: 2 },
        },
        { id: 'k_alert', type: 'add_alert', config: { title: '{{client.name}} starts onboarding', severity: 'info' } },
        {
          id: 'k_ticket',
          type: 'create_ticket',
          config: { title: 'Onboarding of {{client.name}}', priority: 'medium', category: 'onboarding' },
        },
        {
          id: 'k_slack',
          type: 'send_notification',
          config: {
            channel: 'slack',
            recipients: [SLACK_CHANNEL],
            message: `${marker('k_slack')} {{client.name}} moved to onboarding`,
          },
        },
        // Chained trigger: the stage change emits client.stage_changed → "chained" below.
        { id: 'k_stage', type: 'update_client', config: { stage: 'active' } },
      ],
    },
    chained: {
      name: 'Chaos: chained (active)',
      triggers: [{ type: 'stage_change', config: { toStage: 'active' } }],
      steps: [
        {
          id: 'c_task',
          type: 'create_task',
          config: { title: 'Welcome pack for {{client.name}}', priority: 'medium' },
        },
        {
          id: 'c_email',
          type: 'send_notification',
          config: {
            channel: 'email',
            recipients: [EMAIL_TO],
            subject: `${marker('c_email')} {{client.name}} is active`,
            message: '{{client.name}} became active.',
          },
        },
      ],
    },
    delayed: {
      name: 'Chaos: delayed follow-up (review)',
      triggers: [{ type: 'stage_change', config: { toStage: 'review' } }],
      steps: [
        {
          id: 'd_task',
          type: 'create_task',
          config: { title: 'Prepare the review of {{client.name}}', priority: 'low' },
        },
        {
          id: 'd_ticket',
          type: 'create_ticket',
          delayMinutes,
          config: { title: 'Review follow-up for {{client.name}}', priority: 'low', category: 'review' },
        },
        {
          id: 'd_slack',
          type: 'send_notification',
          config: {
            channel: 'slack',
            recipients: [SLACK_CHANNEL],
            message: `${marker('d_slack')} review follow-up for {{client.name}}`,
          },
        },
      ],
    },
    approval: {
      name: 'Chaos: proposal draft (approval)',
      triggers: [{ type: 'stage_change', config: { toStage: 'proposal' } }],
      steps: [
        {
          id: 'a_draft',
          type: 'draft_communication',
          requiresApproval: true,
          config: { platform: 'email', tone: 'friendly', template: 'Send {{client.name}} the proposal' },
        },
        {
          id: 'a_alert',
          type: 'add_alert',
          config: { title: 'Proposal drafted for {{client.name}}', severity: 'warning' },
        },
        {
          id: 'a_email',
          type: 'send_notification',
          config: {
            channel: 'email',
            recipients: [EMAIL_TO],
            subject: `${marker('a_email')} proposal for {{client.name}}`,
            message: 'The proposal draft for {{client.name}} is approved.',
          },
        },
      ],
    },
  };
}

/** Event kinds, round-robin over the event index: the stage the event moves the client to, and what it must cause. */
export const KINDS = [
  {
    kind: 'onboarding',
    toStage: 'onboarding',
    runs: ['kickoff', 'chained'],
    effects: { tasks: 2, alerts: 1, tickets: 1, communication_drafts: 0 },
    slack: ['k_slack'],
    email: ['c_email'],
    chainedEvents: 1,
    approvals: 0,
  },
  {
    kind: 'review',
    toStage: 'review',
    runs: ['delayed'],
    effects: { tasks: 1, alerts: 0, tickets: 1, communication_drafts: 0 },
    slack: ['d_slack'],
    email: [],
    chainedEvents: 0,
    approvals: 0,
  },
  {
    kind: 'proposal',
    toStage: 'proposal',
    runs: ['approval'],
    effects: { tasks: 0, alerts: 1, tickets: 0, communication_drafts: 1 },
    slack: [],
    email: ['a_email'],
    chainedEvents: 0,
    approvals: 1,
  },
];

/** The agency's pipeline stages: the defaults plus the stages the event kinds move clients into (the API accepts no others). */
export const CHAOS_STAGES = [
  'lead',
  'onboarding',
  'active',
  'at_risk',
  'churned',
  ...new Set(KINDS.map((kind) => kind.toStage)),
].filter((stage, index, all) => all.indexOf(stage) === index);

export const kindOf = (index) => KINDS[index % KINDS.length];
export const clientName = (index) => `Chaos client ${String(index + 1).padStart(7, '0')}`;

/** `count` clients (one per event), names in index order; resolves their ids by index. */
export async function seedChaosClients(db, agencyId, count) {
  await db.query(
    `INSERT INTO clients (agency_id, name, stage, health)
     SELECT $1, 'Chaos client ' || lpad(g::text, 7, '0'), 'lead', 'green' FROM generate_series(1, $2::int) AS g`,
    [agencyId, count],
  );
  const { rows } = await db.query(`SELECT id FROM clients WHERE agency_id = $1 ORDER BY name`, [agencyId]);
  return rows.map((row) => row.id);
}

export const TERMINAL = ['completed', 'failed', 'skipped', 'cancelled', 'rejected'];
