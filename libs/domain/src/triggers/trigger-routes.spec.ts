import type { TriggerDefinition } from '../types/workflow-definition.types';
import { evaluateTriggerEvent, TRIGGER_TYPE_OF_EVENT, type TriggerEvent } from './trigger-forms';
import { eventRoutes, triggerRoute } from './trigger-routes';

const stage = (toStage: string, fromStage?: string) =>
  ({ type: 'stage_change', config: { toStage, ...(fromStage ? { fromStage } : {}) } }) as TriggerDefinition;
const kpi = (metric: string) =>
  ({ type: 'kpi_threshold', config: { metric, operator: 'below', value: 2 } }) as TriggerDefinition;
const ticket = (config: { category?: string; priority?: string }) =>
  ({ type: 'ticket_created', config }) as TriggerDefinition;
const message = (platform: string) => ({ type: 'new_message', config: { platform } }) as TriggerDefinition;
const event = (type: string, data: Record<string, unknown>) =>
  ({ type, data, occurredAt: new Date() }) as unknown as TriggerEvent;

const moved = event('client.stage_changed', { fromStage: 'lead', toStage: 'onboarding' });
const roas = event('kpi.updated', { metric: 'roas', value: 1.5, previousValue: 2.5 });
const billingTicket = event('ticket.created', { category: 'billing', priority: 'high' });
const slackMessage = event('message.received', { platform: 'slack', body: 'hello' });

const routed = (trigger: TriggerDefinition, e: TriggerEvent) =>
  eventRoutes(TRIGGER_TYPE_OF_EVENT[e.type]!, e.data as Record<string, unknown>).includes(triggerRoute(trigger));

describe('trigger routes', () => {
  // Routed: the index offers the workflow for the event. Fires: the trigger's event form accepts it.
  it.each<[string, TriggerDefinition, TriggerEvent, boolean, boolean]>([
    ['stage: same stage, any origin', stage('onboarding'), moved, true, true],
    ['stage: same stage and origin', stage('onboarding', 'lead'), moved, true, true],
    ['stage: same stage, other origin', stage('onboarding', 'proposal'), moved, false, false],
    ['stage: other stage', stage('churned'), moved, false, false],
    ['stage: differs only by case', stage('Onboarding'), moved, false, false],
    ['kpi: same metric (offered; the threshold decides)', kpi('roas'), roas, true, true],
    ['kpi: other metric', kpi('cpa'), roas, false, false],
    ['ticket: any ticket', ticket({}), billingTicket, true, true],
    ['ticket: same category', ticket({ category: 'billing' }), billingTicket, true, true],
    [
      'ticket: same category and priority',
      ticket({ category: 'billing', priority: 'high' }),
      billingTicket,
      true,
      true,
    ],
    [
      'ticket: same category, other priority',
      ticket({ category: 'billing', priority: 'low' }),
      billingTicket,
      false,
      false,
    ],
    ['ticket: other category', ticket({ category: 'onboarding' }), billingTicket, false, false],
    ['message: any platform', message('any'), slackMessage, true, true],
    ['message: same platform', message('slack'), slackMessage, true, true],
    ['message: other platform', message('email'), slackMessage, false, false],
  ])('%s', (_name, trigger, e, offered, fires) => {
    expect(evaluateTriggerEvent(trigger, e).ok).toBe(fires);
    expect(routed(trigger, e)).toBe(offered);
  });

  it('never hides a trigger that fires: every accepted (trigger, event) pair is routed', () => {
    const triggers = [
      stage('onboarding'),
      stage('onboarding', 'lead'),
      stage('lead'),
      kpi('roas'),
      ticket({}),
      ticket({ category: 'billing' }),
      ticket({ priority: 'high' }),
      message('any'),
      message('slack'),
    ];
    const events = [
      moved,
      event('client.stage_changed', { toStage: 'onboarding' }),
      roas,
      billingTicket,
      event('ticket.created', {}),
      slackMessage,
      event('message.received', {}),
    ];
    for (const trigger of triggers)
      for (const e of events) if (evaluateTriggerEvent(trigger, e).ok) expect(routed(trigger, e)).toBe(true);
  });
});
