import { PICKER_KEYWORD } from '../json-schema/picker-fields';
import { enumSchema, objectSchema } from '../json-schema/schema-fragments';
import { METRIC_NAME_PATTERN } from '../shared/patterns';
import type { KpiThresholdOperator } from '../types/trigger-config.types';
import type { TriggerTypeDefinition } from './trigger-type.definition';
import { FIRES, HOLDS, notFired } from './trigger-verdict';

export const KPI_THRESHOLD_OPERATORS = ['above', 'below', 'equals'] as const;

/**
 * How close a KPI value must be to the threshold for `equals` (the seed spec's `Math.abs(current - value) < 0.01`):
 * metrics are floats (ROAS 2.0000000001 after a division) and an exact `===` would almost never fire.
 */
export const KPI_EQUALS_TOLERANCE = 0.01;

/** A KPI value against a `kpi_threshold` trigger's operator: `above`/`below` strictly, `equals` within ±0.01 (exclusive). */
export function satisfiesThreshold(value: number, operator: KpiThresholdOperator, threshold: number): boolean {
  if (operator === 'above') return value > threshold;
  if (operator === 'below') return value < threshold;
  return Math.abs(value - threshold) < KPI_EQUALS_TOLERANCE;
}

export const kpiThresholdTrigger: TriggerTypeDefinition<'kpi_threshold'> = {
  fires: 'on_event',
  eventType: 'kpi.updated',
  descriptor: {
    type: 'kpi_threshold',
    label: 'KPI crosses a threshold',
    description:
      'Fires when a client metric crosses into the condition (it did not satisfy it before, or had no value).',
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
  eventForm: ({ metric, operator, value }, data) => {
    if (data.metric !== metric) return notFired('event_mismatch', `metric is ${String(data.metric)}, not ${metric}`);
    if (typeof data.value !== 'number' || !satisfiesThreshold(data.value, operator, value))
      return notFired('event_mismatch', `${metric} ${String(data.value)} is not ${operator} ${value}`);
    const previous = data.previousValue;
    if (typeof previous === 'number' && satisfiesThreshold(previous, operator, value))
      return notFired('no_crossing', `${metric} was already ${operator} ${value} (${previous}): no crossing`);
    return FIRES;
  },
  stateForm: ({ metric, operator, value }, state) => {
    const latest = state.latestMetrics[metric];
    if (latest === undefined) return notFired('state_unmet', `partner kpi_threshold: no ${metric} recorded`);
    return satisfiesThreshold(latest, operator, value)
      ? HOLDS
      : notFired('state_unmet', `partner kpi_threshold: ${metric} is ${latest}, not ${operator} ${value}`);
  },
  routeFields: [{ field: 'metric' }],
};
