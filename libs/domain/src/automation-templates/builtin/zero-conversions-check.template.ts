import type { BuiltinTemplate } from '../template.types';
import { slackRecipientsPlaceholder } from './builtin-placeholders';

export const zeroConversionsCheckTemplate: BuiltinTemplate = {
  id: 'builtin-zero-conversions-check',
  name: 'Conversions dropped to zero',
  description:
    "When a client's conversions drop to zero, it is usually broken tracking rather than a bad day: open an urgent tracking ticket, raise a critical alert and tell the team on Slack so someone checks the pixel and the conversion events right away.",
  category: 'performance',
  placeholders: [
    slackRecipientsPlaceholder(
      'trackingChannel',
      'Where tracking problems go',
      'The Slack channel (or people) who fix tracking and analytics.',
    ),
  ],
  definition: {
    name: 'Conversions dropped to zero',
    description: 'Urgent tracking ticket, critical alert and a Slack heads-up when conversions fall to zero.',
    requiresApproval: false,
    triggers: [{ type: 'kpi_threshold', config: { metric: 'conversions', operator: 'below', value: 1 } }],
    steps: [
      {
        id: 'tracking_ticket',
        type: 'create_ticket',
        config: {
          title: 'Check conversion tracking for {{client.name}}',
          description:
            'Conversions went from {{trigger.previousValue}} to {{trigger.value}} while spend is {{metrics.spend}}. Check the pixel or tag, the conversion events in the ad platforms and analytics, recent site releases and consent banner changes.',
          priority: 'urgent',
          category: 'tracking',
        },
      },
      {
        id: 'zero_conversions_alert',
        type: 'add_alert',
        config: {
          title: 'No conversions recorded for {{client.name}}',
          message: 'Probably a tracking problem; a ticket is open.',
          severity: 'critical',
        },
      },
      {
        id: 'tracking_heads_up',
        type: 'send_notification',
        config: {
          channel: 'slack',
          recipients: { $placeholder: 'trackingChannel' },
          message:
            ':mag: Conversions for {{client.name}} dropped to zero. Likely tracking; a ticket is open. {{client.assignee.name}} will hold spend changes until it is checked.',
        },
      },
    ],
  },
};
