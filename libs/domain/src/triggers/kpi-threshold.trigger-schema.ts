import type { ConfigTypeDefinition } from '../json-schema/config-type.definition';
import { PICKER_KEYWORD } from '../json-schema/picker-fields';
import { enumSchema, objectSchema } from '../json-schema/schema-fragments';
import { METRIC_NAME_PATTERN } from '../shared/patterns';

export const KPI_THRESHOLD_OPERATORS = ['above', 'below', 'equals'] as const;

export const kpiThresholdTrigger: ConfigTypeDefinition<'kpi_threshold'> = {
  descriptor: {
    type: 'kpi_threshold',
    label: 'KPI crosses a threshold',
    description: 'Fires when a client metric crosses into the condition (it did not satisfy it before, or had no value).',
    configSchema: objectSchema(
      {
        metric: {
          type: 'string',
          title: 'Metric',
          description: 'Metric name, lowercase with underscores (e.g. roas, cpa, spend, ctr).',
          pattern: METRIC_NAME_PATTERN,
          examples: ['roas'],
          [PICKER_KEYWORD]: 'metric',
        },
        operator: enumSchema(KPI_THRESHOLD_OPERATORS, {
          title: 'Operator',
          description: 'How the metric value is compared with the threshold.',
        }),
        value: { type: 'number', title: 'Threshold', description: 'The threshold value.', examples: [2] },
      },
      ['metric', 'operator', 'value'],
    ),
    examples: [
      { metric: 'roas', operator: 'below', value: 2 },
      { metric: 'cpa', operator: 'above', value: 45.5 },
    ],
  },
};
