import type { Step, TriggerDefinition, WorkflowDefinition } from '@automations/domain';
import type { ClientSnapshot } from '../context/client-snapshot';
import type { CommunicationDrafter } from '../integrations/communication-drafter';
import { TransientActionError } from '../errors/action-errors';
import { sampleSnapshot, sampleTriggerState } from './sample-client';
import type { PreviewFacts } from './trigger-preview';
import { simulateWorkflow, type SimulationInput } from './workflow-simulation';

const NOW = new Date('2026-03-02T09:30:00.000Z'); // a Monday, 10:30 in Paris
const AGENCY = { id: 'agency-1', name: 'Bright & Co', timezone: 'Europe/Paris' };

function facts(
  overrides: Partial<ClientSnapshot['client']> = {},
  metrics: Record<string, number> = { roas: 2.4 },
): PreviewFacts {
  const snapshot = sampleSnapshot(
    {
      name: 'Acme <Outdoor> & Sons',
      stage: 'lead',
      health: 'green',
      assignee: { name: 'Mia Manager', email: 'mia@agency.test' },
      metrics,
    },
    AGENCY,
    NOW,
  );
  Object.assign(snapshot.client, overrides);
  return { snapshot, triggerState: sampleTriggerState(snapshot), sample: true };
}

const stageChange: TriggerDefinition = { type: 'stage_change', config: { toStage: 'onboarding' } };
const roasBelow2: TriggerDefinition = {
  type: 'kpi_threshold',
  config: { metric: 'roas', operator: 'below', value: 2 },
};

const steps: Step[] = [
  {
    id: 'task',
    type: 'create_task',
    config: { title: 'Kickoff call with {{client.name}}', priority: 'high', dueInDays: 2, assignee: 'client_assignee' },
  },
  {
    id: 'health',
    type: 'branch',
    condition: { all: [{ field: 'client.health', operator: 'equals', value: 'red' }] },
    then: [
      { id: 'alert', type: 'add_alert', config: { title: '{{client.name}} starts at risk', severity: 'critical' } },
    ],
    else: [
      {
        id: 'ping',
        type: 'send_notification',
        delayMinutes: 60,
        config: {
          channel: 'slack',
          recipients: ['C0123ABC'],
          message: '{{client.name}} onboarding started ({{trigger.toStage}})',
        },
      },
    ],
  },
  {
    id: 'vip',
    type: 'add_alert',
    condition: { all: [{ field: 'metrics.roas', operator: 'greater_than', value: 5 }] },
    config: { title: 'VIP {{client.name}}', severity: 'info' },
  },
  {
    id: 'mail',
    type: 'send_notification',
    config: {
      channel: 'email',
      recipients: ['ops@agency.test'],
      subject: 'New client {{client.name}}',
      message: 'Say hi to {{client.name}}',
    },
  },
  {
    id: 'draft',
    type: 'draft_communication',
    requiresApproval: true,
    config: { platform: 'email', tone: 'friendly', template: 'Welcome {{client.name}} and propose a kickoff call' },
  },
];

function definition(overrides: Partial<WorkflowDefinition> = {}): WorkflowDefinition {
  return {
    name: 'Onboarding kickoff',
    isActive: true,
    requiresApproval: false,
    triggers: [stageChange, roasBelow2],
    steps,
    ...overrides,
  };
}

function simulate(overrides: Partial<SimulationInput> = {}) {
  return simulateWorkflow({
    definition: definition(),
    workflowName: 'Onboarding kickoff',
    facts: facts(),
    now: NOW,
    event: { type: 'client.stage_changed', data: { toStage: 'onboarding' } },
    ...overrides,
  });
}

describe('simulateWorkflow', () => {
  it('walks the steps like a run: else branch for a green client, delay, skipped condition, approval, rendered configs', async () => {
    const preview = await simulate();

    expect(preview.steps.map((step) => [step.stepId, step.outcome])).toEqual([
      ['task', 'execute'],
      ['health', 'branch'],
      ['ping', 'wait'],
      ['vip', 'skipped'],
      ['mail', 'execute'],
      ['draft', 'await_approval'],
    ]);
    const [task, branch, ping, vip, mail, draft] = preview.steps;
    expect(task).toMatchObject({
      path: 'steps[0]',
      awaitsApproval: false,
      renderedConfig: {
        title: 'Kickoff call with Acme <Outdoor> & Sons',
        priority: 'high',
        dueInDays: 2,
        assignee: 'client_assignee',
      },
      wouldDo:
        'Create a high-priority task “Kickoff call with Acme <Outdoor> & Sons” due in 2 days assigned to Mia Manager',
    });
    expect(branch).toMatchObject({
      type: 'branch',
      branch: 'else',
      reason: 'client.health equals "red": no (is "green")',
      wouldDo: 'Take the “else” path (1 step)',
    });
    expect(ping).toMatchObject({
      path: 'steps[1].else[0]',
      waitMinutes: 60,
      awaitsApproval: false,
      // Slack escaping of substituted values; the trigger's data is available to templates.
      renderedConfig: {
        channel: 'slack',
        recipients: ['C0123ABC'],
        message: 'Acme &lt;Outdoor&gt; &amp; Sons onboarding started (onboarding)',
      },
      wouldDo:
        'Wait 60 minutes, then send a Slack message to C0123ABC: “Acme <Outdoor> & Sons onboarding started (onboarding)”',
    });
    expect(vip).toEqual({
      stepId: 'vip',
      type: 'add_alert',
      path: 'steps[2]',
      outcome: 'skipped',
      reason: 'metrics.roas greater than 5: no (is 2.4)',
      wouldDo: 'Skip this step: its condition is not met (metrics.roas greater than 5: no (is 2.4))',
    });
    expect(mail.renderedConfig).toEqual({
      channel: 'email',
      recipients: ['ops@agency.test'],
      subject: 'New client Acme <Outdoor> & Sons',
      message: 'Say hi to Acme &lt;Outdoor&gt; &amp; Sons',
      text: 'Say hi to Acme <Outdoor> & Sons',
    });
    expect(mail.wouldDo).toBe('Send an email “New client Acme <Outdoor> & Sons” to ops@agency.test');
    expect(draft).toMatchObject({
      awaitsApproval: true,
      wouldDo:
        'Await an admin’s approval, then draft a friendly email to Acme <Outdoor> & Sons for human review (drafts are never sent automatically)',
      draftPreview: { generator: 'template' },
    });
    expect(draft.draftPreview!.content).toContain('Welcome Acme <Outdoor> & Sons and propose a kickoff call');
    expect(draft.draftPreview!.content).toContain('Mia Manager\nBright & Co');
  });

  it('takes the then branch for a red client', async () => {
    const preview = await simulate({ facts: facts({ health: 'red' }) });
    expect(preview.steps.map((step) => step.stepId)).toEqual(['task', 'health', 'alert', 'vip', 'mail', 'draft']);
    expect(preview.steps[1]).toMatchObject({ branch: 'then', reason: 'client.health equals "red": yes (is "red")' });
    expect(preview.steps[2]).toMatchObject({
      outcome: 'execute',
      renderedConfig: { title: 'Acme <Outdoor> & Sons starts at risk', severity: 'critical' },
      wouldDo: 'Raise a critical alert “Acme <Outdoor> & Sons starts at risk”',
    });
  });

  it('makes every action await approval when the workflow requires it, after its delay', async () => {
    const preview = await simulate({ definition: definition({ requiresApproval: true }) });
    expect(
      preview.steps
        .filter((step) => step.type !== 'branch' && step.outcome !== 'skipped')
        .every((step) => step.awaitsApproval),
    ).toBe(true);
    expect(preview.steps.find((step) => step.stepId === 'task')!.outcome).toBe('await_approval');
    expect(preview.steps.find((step) => step.stepId === 'ping')).toMatchObject({
      outcome: 'wait',
      waitMinutes: 60,
      awaitsApproval: true,
    });
    expect(preview.steps.find((step) => step.stepId === 'ping')!.wouldDo).toMatch(
      /^Wait 60 minutes, await an admin’s approval, then send a Slack message/,
    );
  });

  describe('trigger evaluation', () => {
    it('fires on the event when the partner holds, and sees the client as moved into the stage', async () => {
      const preview = await simulate({ facts: facts({}, { roas: 1.5 }) });
      expect(preview.trigger).toEqual({
        fired: true,
        basis: 'event',
        triggerType: 'stage_change',
        partner: { type: 'kpi_threshold', holds: true },
      });
      expect(preview.client).toEqual({
        id: null,
        name: 'Acme <Outdoor> & Sons',
        stage: 'onboarding',
        health: 'green',
        sample: true,
      });
      expect(preview.warnings).toEqual([]);
    });

    it('does not fire when the partner does not hold, says why, and still shows the steps', async () => {
      const preview = await simulate();
      expect(preview.trigger).toEqual({
        fired: false,
        basis: 'event',
        triggerType: 'stage_change',
        reason: 'partner kpi_threshold: roas is 2.4, not below 2',
        partner: { type: 'kpi_threshold', holds: false, reason: 'partner kpi_threshold: roas is 2.4, not below 2' },
      });
      expect(preview.warnings.map((warning) => warning.code)).toEqual(['trigger_not_fired']);
      expect(preview.steps).toHaveLength(6);
    });

    it('does not fire on an event of the wrong kind or value', async () => {
      expect(
        (await simulate({ event: { type: 'client.stage_changed', data: { toStage: 'active' } } })).trigger,
      ).toEqual({
        fired: false,
        basis: 'event',
        triggerType: 'stage_change',
        reason: 'client moved to "active", not "onboarding"',
      });
      expect((await simulate({ event: { type: 'client.activity', data: {} } })).trigger).toEqual({
        fired: false,
        basis: 'event',
        reason: 'no trigger of this workflow fires on client.activity',
      });
    });

    it('adds previousValue to kpi.updated from the client’s latest value: staying below does not cross', async () => {
      const fromAbove = await simulate({
        event: { type: 'kpi.updated', data: { metric: 'roas', value: 1.5 } },
        facts: facts({ stage: 'onboarding' }, { roas: 2.4 }),
      });
      expect(fromAbove.trigger).toEqual({
        fired: true,
        basis: 'event',
        triggerType: 'kpi_threshold',
        partner: { type: 'stage_change', holds: true },
      });
      const stillBelow = await simulate({
        event: { type: 'kpi.updated', data: { metric: 'roas', value: 1.5 } },
        facts: facts({ stage: 'onboarding' }, { roas: 1.8 }),
      });
      expect(stillBelow.trigger).toMatchObject({ fired: false, reason: 'roas was already below 2 (1.8): no crossing' });
      // The new value is the latest metric the steps see.
      expect(fromAbove.steps.find((step) => step.stepId === 'vip')!.reason).toBe(
        'metrics.roas greater than 5: no (is 1.5)',
      );
    });

    it('without an event checks the state forms', async () => {
      const preview = await simulate({ event: undefined, facts: facts({ stage: 'onboarding' }, { roas: 1.2 }) });
      expect(preview.trigger).toEqual({
        fired: true,
        basis: 'state',
        triggerType: 'stage_change',
        partner: { type: 'kpi_threshold', holds: true },
      });
      const notThere = await simulate({ event: undefined });
      expect(notThere.trigger).toMatchObject({
        fired: false,
        basis: 'state',
        reason: 'stage_change: client is in "lead", not "onboarding"',
      });
      expect(notThere.warnings.map((warning) => warning.code)).toEqual(['trigger_not_fired', 'no_event']);
    });

    it('for a scheduled workflow without an event: the next tick, its client filter and partner', async () => {
      const scheduled: TriggerDefinition = {
        type: 'scheduled',
        config: { cron: '0 9 * * 1-5', timezone: 'Europe/Paris', clientFilter: { health: ['red', 'yellow'] } },
      };
      const preview = await simulate({ event: undefined, definition: definition({ triggers: [scheduled] }) });
      expect(preview.trigger).toEqual({
        fired: false,
        basis: 'schedule',
        triggerType: 'scheduled',
        reason: 'client health "green" is not in the schedule\'s clientFilter.health (red, yellow)',
      });
      const red = await simulate({
        event: undefined,
        facts: facts({ health: 'red' }),
        definition: definition({ triggers: [scheduled] }),
      });
      expect(red.trigger).toEqual({ fired: true, basis: 'schedule', triggerType: 'scheduled' });
      const onEvent = await simulate({ definition: definition({ triggers: [scheduled] }) });
      expect(onEvent.trigger).toMatchObject({
        fired: false,
        reason: 'a scheduled workflow fires only on its schedule, not on events',
      });
    });

    it('reports a deleted client as not fired', async () => {
      const preview = await simulate({ facts: facts({ deletedAt: NOW.toISOString() }, { roas: 1 }) });
      expect(preview.trigger).toMatchObject({
        fired: false,
        reason: 'client deleted: a run would be recorded as skipped',
      });
    });
  });

  describe('drafts', () => {
    it('uses the AI drafter only when given one, with the raw instructions', async () => {
      const calls: unknown[] = [];
      const ai: CommunicationDrafter = {
        async draft(input) {
          calls.push(input);
          return { content: 'AI draft', generator: 'openai', model: 'test-model' };
        },
      };
      const preview = await simulate({ aiDrafter: ai });
      expect(preview.steps.find((step) => step.stepId === 'draft')!.draftPreview).toEqual({
        content: 'AI draft',
        generator: 'openai',
        model: 'test-model',
      });
      expect(calls).toEqual([
        expect.objectContaining({
          template: 'Welcome {{client.name}} and propose a kickoff call',
          agencyName: 'Bright & Co',
        }),
      ]);
    });

    it('falls back to the template draft with a warning when the AI call fails', async () => {
      const ai: CommunicationDrafter = {
        draft: () =>
          Promise.reject(new TransientActionError('ai_unavailable', 'The AI provider is unavailable (HTTP 503)')),
      };
      const preview = await simulate({ aiDrafter: ai });
      expect(preview.steps.find((step) => step.stepId === 'draft')!.draftPreview!.generator).toBe('template');
      expect(preview.warnings).toContainEqual({
        code: 'ai_draft_failed',
        path: 'steps[4]',
        message: 'The AI draft failed (The AI provider is unavailable (HTTP 503)); showing the template draft instead',
      });
    });
  });

  it('describes update_client and create_ticket and warns that their events are not followed', async () => {
    const preview = await simulate({
      definition: definition({
        steps: [
          { id: 'move', type: 'update_client', config: { stage: 'active', health: 'green' } },
          { id: 'same', type: 'update_client', config: { health: 'green' } },
          {
            id: 'ticket',
            type: 'create_ticket',
            config: { title: 'Audit {{client.name}}', priority: 'low', category: 'billing' },
          },
        ],
      }),
    });
    expect(preview.steps.map((step) => step.wouldDo)).toEqual([
      'Update the client: stage “onboarding” → “active” (emits client.stage_changed)',
      'Leave the client unchanged (it already has these values; no event is emitted)',
      'Open a low-priority “billing” ticket “Audit Acme <Outdoor> & Sons” (emits ticket.created)',
    ]);
    expect(preview.warnings.map((warning) => warning.code)).toContain('emits_events');
  });

  it('evaluates time conditions on the simulated clock, delays included', async () => {
    const late: Step[] = [
      { id: 'wait', type: 'add_alert', delayMinutes: 600, config: { title: 'Later', severity: 'info' } },
      {
        id: 'evening',
        type: 'add_alert',
        condition: { all: [{ field: 'time.hour', operator: 'greater_than', value: 18 }] },
        config: { title: 'Evening', severity: 'info' },
      },
    ];
    const preview = await simulate({ definition: definition({ steps: late }) });
    // 10:30 in Paris + 10 h = 20:30.
    expect(preview.steps[1]).toMatchObject({ outcome: 'execute' });
  });

  it('does not change its input', async () => {
    const input = facts();
    const copy = structuredClone(input);
    await simulate({ facts: input, event: { type: 'kpi.updated', data: { metric: 'roas', value: 1 } } });
    expect(input).toEqual(copy);
  });
});
