import { actionCatalog, triggerCatalog } from '@automations/domain';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../schema-form/jsonSchema';
import { fillFromExample } from './exampleFill';

const STAGES = ['lead', 'onboarding', 'active', 'at_risk', 'churned'];
const schemaOf = (type: string) =>
  [...triggerCatalog, ...actionCatalog].find((descriptor) => descriptor.type === type)!.configSchema as JsonSchema;

describe('fillFromExample', () => {
  it.each([
    {
      what: 'keeps every plain value',
      type: 'create_task',
      example: { title: 'Kickoff call with {{client.name}}', priority: 'high', dueInDays: 2 },
      config: { title: 'Kickoff call with {{client.name}}', priority: 'high', dueInDays: 2 },
      toChoose: [],
    },
    {
      what: 'keeps “the client’s assignee”, which every agency has',
      type: 'create_task',
      example: { title: 'Call', assignee: 'client_assignee' },
      config: { title: 'Call', assignee: 'client_assignee' },
      toChoose: [],
    },
    {
      what: 'leaves a user id to pick',
      type: 'update_client',
      example: { health: 'red', assigneeId: '8f14e45f-ceea-467f-a8d5-6f0e5b2c1a90' },
      config: { health: 'red' },
      toChoose: [{ label: 'Assignee', reason: 'an example cannot know the people of your agency' }],
    },
    {
      what: 'leaves Slack channels to pick',
      type: 'send_notification',
      example: { channel: 'slack', recipients: ['C0123ABCD'], message: 'Hi' },
      config: { channel: 'slack', message: 'Hi' },
      toChoose: [{ label: 'Recipients', reason: 'an example cannot know your Slack channels and people' }],
    },
    {
      what: 'leaves email recipients (addresses and user ids) to pick',
      type: 'send_notification',
      example: {
        channel: 'email',
        recipients: ['team@agency.example', '8f14e45f-ceea-467f-a8d5-6f0e5b2c1a90'],
        message: 'Hi',
      },
      config: { channel: 'email', message: 'Hi' },
      toChoose: [{ label: 'Recipients', reason: 'an example cannot know your people and addresses' }],
    },
    {
      what: 'keeps a stage of the pipeline and leaves one it does not have',
      type: 'stage_change',
      example: { fromStage: 'active', toStage: 'churn_risk' },
      config: { fromStage: 'active' },
      toChoose: [{ label: 'To stage', reason: '“churn_risk” is not one of your stages' }],
    },
    {
      what: 'filters the stages of a nested client filter',
      type: 'scheduled',
      example: {
        cron: '0 9 * * 1',
        timezone: 'Europe/Paris',
        clientFilter: { stages: ['active', 'vip'], health: ['red'] },
      },
      config: { cron: '0 9 * * 1', timezone: 'Europe/Paris', clientFilter: { stages: ['active'], health: ['red'] } },
      toChoose: [{ label: 'Stages', reason: '“vip” is not one of your stages' }],
    },
    {
      what: 'drops a client filter left empty',
      type: 'scheduled',
      example: { cron: '0 9 * * 1', timezone: 'Europe/Paris', clientFilter: { stages: ['vip'] } },
      config: { cron: '0 9 * * 1', timezone: 'Europe/Paris' },
      toChoose: [{ label: 'Stages', reason: '“vip” is not one of your stages' }],
    },
  ])('$what', ({ type, example, config, toChoose }) => {
    expect(fillFromExample(schemaOf(type), example, STAGES)).toEqual({ config, toChoose });
  });

  it('keeps stages while the pipeline is not known', () => {
    expect(fillFromExample(schemaOf('stage_change'), { toStage: 'churn_risk' }, null)).toEqual({
      config: { toStage: 'churn_risk' },
      toChoose: [],
    });
  });

  it('gives every catalog example a config without made-up ids', () => {
    for (const descriptor of [...triggerCatalog, ...actionCatalog]) {
      for (const example of descriptor.examples) {
        const { config } = fillFromExample(
          descriptor.configSchema as JsonSchema,
          example as Record<string, unknown>,
          STAGES,
        );
        expect(JSON.stringify(config), descriptor.type).not.toMatch(/C0123ABCD|8f14e45f|@agency\.example/);
      }
    }
  });
});
