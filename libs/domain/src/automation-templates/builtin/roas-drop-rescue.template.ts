import type { BuiltinTemplate } from '../template.types';
import { numberPlaceholder, slackRecipientsPlaceholder } from './builtin-placeholders';

export const roasDropRescueTemplate: BuiltinTemplate = {
  id: 'builtin-roas-drop-rescue',
  name: 'ROAS drop rescue',
  description:
    "When an active client's return on ad spend falls below your floor, raise a warning on the client, give their account manager an urgent task to find the cause by tomorrow and tell the performance team on Slack. If ROAS falls below your critical level, the client is also marked red.",
  category: 'performance',
  placeholders: [
    numberPlaceholder(
      'roasFloor',
      'ROAS floor',
      'The rescue starts when ROAS drops below this value.',
      { minimum: 0, maximum: 100 },
      2,
    ),
    numberPlaceholder(
      'criticalRoas',
      'Critical ROAS',
      'Below this value the client is marked red as well.',
      { minimum: 0, maximum: 100 },
      1,
    ),
    slackRecipientsPlaceholder(
      'performanceChannel',
      'Where the performance team hears about it',
      'The Slack channel (or people) told when a client’s ROAS drops.',
    ),
  ],
  definition: {
    name: 'ROAS drop rescue',
    description: 'Warning, rescue task and a team heads-up when an active client’s ROAS drops below the floor.',
    requiresApproval: false,
    triggers: [
      { type: 'kpi_threshold', config: { metric: 'roas', operator: 'below', value: { $placeholder: 'roasFloor' } } },
      { type: 'stage_change', config: { toStage: 'active' } },
    ],
    steps: [
      {
        id: 'roas_warning',
        type: 'add_alert',
        config: {
          title: 'ROAS dropped to {{metrics.roas}} for {{client.name}}',
          message:
            'ROAS fell below the agreed floor. {{client.assignee.name}} has a task to find the cause and write a rescue plan.',
          severity: 'warning',
        },
      },
      {
        id: 'rescue_plan',
        type: 'create_task',
        config: {
          title: 'Rescue plan for {{client.name}}: ROAS is {{metrics.roas}}',
          description:
            'Check in this order: conversion tracking, budget pacing, audiences and creatives that lost efficiency, and recent changes in the account history. Write down the cause and the fix, then walk the client through it before they notice it in the report.',
          priority: 'urgent',
          dueInDays: 1,
          assignee: 'client_assignee',
        },
      },
      {
        id: 'team_heads_up',
        type: 'send_notification',
        config: {
          channel: 'slack',
          recipients: { $placeholder: 'performanceChannel' },
          message:
            ':chart_with_downwards_trend: ROAS for {{client.name}} dropped to {{metrics.roas}}. {{client.assignee.name}} is on the rescue plan; shout if you have seen the same in other accounts.',
        },
      },
      {
        id: 'critical_drop',
        type: 'branch',
        condition: { all: [{ field: 'metrics.roas', operator: 'less_than', value: { $placeholder: 'criticalRoas' } }] },
        then: [{ id: 'mark_red', type: 'update_client', config: { health: 'red' } }],
      },
    ],
  },
};
