import { actionCatalog } from '@automations/domain';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../schema-form/jsonSchema';
import { actionExampleInWords, textInWords, triggerExampleInWords } from './exampleWords';

const schemaOf = (type: string) =>
  actionCatalog.find((descriptor) => descriptor.type === type)!.configSchema as JsonSchema;

describe('examples in words', () => {
  it('names template variables by their labels', () => {
    expect(textInWords('ROAS is {{metrics.roas}} for {{ client.name }} ({{trigger.body}})')).toBe(
      'ROAS is [Latest roas] for [Client name] ([Message text])',
    );
  });

  it('says a trigger example as the wizard says the filled-in trigger, with a schedule’s client filter', () => {
    expect(triggerExampleInWords('stage_change', { fromStage: 'active', toStage: 'at_risk' }).summary).toBe(
      'Runs for a client when a client moves into “at_risk” from “active”.',
    );
    expect(
      triggerExampleInWords('scheduled', {
        cron: '0 9 * * 1',
        timezone: 'Europe/Paris',
        clientFilter: { stages: ['active'], health: ['yellow', 'red'] },
      }).summary,
    ).toBe(
      'Runs when the schedule ticks (at 09:00 on Monday, Europe/Paris), once for each client that passes the client filter. Only clients in “active” with health “yellow” or “red”.',
    );
  });

  it('says an action example field by field, by the form’s labels, without ids', () => {
    expect(
      actionExampleInWords('create_task', schemaOf('create_task'), {
        title: 'Kickoff call with {{client.name}}',
        priority: 'high',
        dueInDays: 2,
        assignee: 'client_assignee',
      }),
    ).toEqual({
      summary: 'Create a task',
      details: [
        { label: 'Title', value: 'Kickoff call with [Client name]' },
        { label: 'Priority', value: 'high' },
        { label: 'Due in (days)', value: '2' },
        { label: 'Assignee', value: 'The client’s assignee' },
      ],
    });
    expect(
      actionExampleInWords('send_notification', schemaOf('send_notification'), {
        channel: 'slack',
        recipients: ['C0123ABCD'],
        message: '{{client.name}} moved',
      }),
    ).toEqual({
      summary: 'Send a Slack message',
      details: [
        { label: 'Channel', value: 'slack' },
        { label: 'Recipients', value: 'Slack channels or people you pick' },
        { label: 'Message', value: '[Client name] moved' },
      ],
    });
  });
});
