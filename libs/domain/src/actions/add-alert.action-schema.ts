import { ALERT_SEVERITIES } from '../constants/workflow.constants';
import type { ConfigTypeDefinition } from '../json-schema/config-type.definition';
import { enumSchema, longTextSchema, objectSchema, textSchema } from '../json-schema/schema-fragments';

export const addAlertAction: ConfigTypeDefinition<'add_alert'> = {
  descriptor: {
    type: 'add_alert',
    label: 'Add an alert',
    description: 'Adds an alert for the team, shown on the client’s Alerts tab.',
    configSchema: objectSchema(
      {
        title: textSchema({ title: 'Title', description: 'Alert title; templates are allowed.', maxLength: 200 }),
        message: longTextSchema({
          title: 'Message',
          description: 'Alert details; templates are allowed.',
          maxLength: 2000,
        }),
        severity: enumSchema(ALERT_SEVERITIES, { title: 'Severity', description: 'How urgent the alert is.' }),
      },
      ['title', 'severity'],
    ),
    examples: [
      { title: '{{client.name}} starts at risk', severity: 'critical' },
      { title: 'ROAS below target for {{client.name}}', message: 'ROAS is {{metrics.roas}}.', severity: 'warning' },
    ],
  },
};
