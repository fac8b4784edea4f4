import { TRIGGER_TYPES } from '../constants/workflow.constants';
import type { TriggerDefinition } from '../types/workflow-definition.types';
import {
  evaluateTriggerEvent,
  evaluateTriggerState,
  type ClientTriggerState,
  type TriggerVerdictCode,
} from './trigger-forms';
import {
  scheduleTriggerOf,
  TRIGGER_TYPE_DEFINITIONS,
  TRIGGER_TYPE_OF_EVENT,
  triggerTypeDefinition,
} from './trigger-type.registry';

const trigger = (type: string, config: Record<string, unknown>) => ({ type, config }) as unknown as TriggerDefinition;
const state: ClientTriggerState = {
  stage: 'active',
  lastActivityAt: new Date('2026-01-01T00:00:00Z'),
  latestMetrics: { roas: 1.5 },
  recentMessages: [],
  recentTickets: [],
};
const now = new Date('2026-01-20T00:00:00Z');

describe('trigger type registry', () => {
  it('holds exactly one definition per trigger type, in catalog order', () => {
    expect(TRIGGER_TYPE_DEFINITIONS.map((definition) => definition.descriptor.type)).toEqual([...TRIGGER_TYPES]);
    for (const type of TRIGGER_TYPES) expect(triggerTypeDefinition(type).descriptor.type).toBe(type);
  });

  it('maps each event type to the one type it fires; scans and ticks fire on none', () => {
    expect(TRIGGER_TYPE_OF_EVENT).toEqual({
      'client.stage_changed': 'stage_change',
      'kpi.updated': 'kpi_threshold',
      'message.received': 'new_message',
      'ticket.created': 'ticket_created',
    });
  });

  it('routes each event-fired type on fields of its own config schema', () => {
    for (const definition of TRIGGER_TYPE_DEFINITIONS) {
      if (definition.fires !== 'on_event') continue;
      const properties = Object.keys((definition.descriptor.configSchema as { properties: object }).properties);
      for (const { field } of definition.routeFields) expect(properties).toContain(field);
    }
  });

  it('finds the schedule trigger of a workflow', () => {
    const scheduled = trigger('scheduled', { cron: '0 9 * * 1', timezone: 'UTC' });
    expect(scheduleTriggerOf([trigger('stage_change', { toStage: 'active' }), scheduled])).toBe(scheduled);
    expect(scheduleTriggerOf([trigger('inactivity', { days: 3 })])).toBeUndefined();
  });
});

describe('trigger verdict codes', () => {
  it.each<[string, TriggerDefinition, string, Record<string, unknown>, TriggerVerdictCode]>([
    ['fires', trigger('stage_change', { toStage: 'active' }), 'client.stage_changed', { toStage: 'active' }, 'fires'],
    [
      'another kind of event',
      trigger('stage_change', { toStage: 'active' }),
      'kpi.updated',
      { metric: 'roas', value: 1 },
      'wrong_event',
    ],
    ['a type fired by scans', trigger('inactivity', { days: 3 }), 'kpi.updated', {}, 'wrong_event'],
    [
      'a type fired by ticks',
      trigger('scheduled', { cron: '0 9 * * 1', timezone: 'UTC' }),
      'client.stage_changed',
      {},
      'wrong_event',
    ],
    [
      'its kind, filtered out',
      trigger('ticket_created', { priority: 'high' }),
      'ticket.created',
      { priority: 'low' },
      'event_mismatch',
    ],
    [
      'already past the threshold',
      trigger('kpi_threshold', { metric: 'roas', operator: 'below', value: 2 }),
      'kpi.updated',
      { metric: 'roas', value: 1, previousValue: 1.5 },
      'no_crossing',
    ],
  ])('event form: %s → %s', (_name, subject, type, data, code) => {
    expect(evaluateTriggerEvent(subject, { type, data }).code).toBe(code);
  });

  it.each<[string, TriggerDefinition, TriggerVerdictCode]>([
    ['stage holds', trigger('stage_change', { toStage: 'active' }), 'holds'],
    ['inactive long enough', trigger('inactivity', { days: 14 }), 'holds'],
    ['metric not below', trigger('kpi_threshold', { metric: 'roas', operator: 'above', value: 2 }), 'state_unmet'],
    ['no message', trigger('new_message', { platform: 'any' }), 'state_unmet'],
    ['scheduled', trigger('scheduled', { cron: '0 9 * * 1', timezone: 'UTC' }), 'not_a_partner'],
  ])('state form: %s → %s', (_name, subject, code) => {
    expect(evaluateTriggerState(subject, state, now).code).toBe(code);
  });

  it('a scan-fired type says which event it does not fire on, as before', () => {
    expect(evaluateTriggerEvent(trigger('inactivity', { days: 3 }), { type: 'kpi.updated', data: {} }).reason).toBe(
      'inactivity does not fire on kpi.updated',
    );
  });
});
