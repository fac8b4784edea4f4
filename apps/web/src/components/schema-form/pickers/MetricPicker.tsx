import { Autocomplete, Group, Text } from '@mantine/core';
import { useMetricNames } from '../../../api/usePickerLists';
import type { MetricName } from '../../../api/types';
import { inputProps, type FieldProps } from '../fields/fieldProps';

const UNIT_LABELS: Record<string, string> = { ratio: 'ratio', currency: 'money', percent: '%', count: 'count' };

export function describeMetric(metric: MetricName): string {
  const unit = metric.unit ? (UNIT_LABELS[metric.unit] ?? metric.unit) : null;
  return [metric.label !== metric.name ? metric.label : null, unit].filter(Boolean).join(' · ');
}

/**
 * A metric name: the ones recorded for the agency's clients first, then the common ones, each with its label and
 * unit; any new name can be typed (it must be lowercase with underscores, which the form checks).
 */
export function MetricPicker({ value, onChange, ...field }: FieldProps<string>) {
  const metrics = useMetricNames();
  const items = metrics.data?.items ?? [];
  const byName = new Map(items.map((metric) => [metric.name, metric]));
  const recorded = items.filter((metric) => metric.clients > 0).map((metric) => metric.name);
  const common = items.filter((metric) => metric.clients === 0).map((metric) => metric.name);
  const data = [
    ...(recorded.length ? [{ group: 'Recorded for your clients', items: recorded }] : []),
    ...(common.length ? [{ group: 'Common metrics', items: common }] : []),
  ];
  return (
    <Autocomplete
      {...inputProps(field)}
      description={
        field.description ? `${field.description} Pick one or type a new name.` : 'Pick one or type a new name.'
      }
      data={data}
      value={value ?? ''}
      placeholder="e.g. roas"
      onChange={(next) => onChange(next.trim() === '' ? undefined : next.trim())}
      renderOption={({ option }) => {
        const metric = byName.get(option.value);
        return (
          <Group gap="xs" wrap="nowrap">
            <Text size="sm">{option.value}</Text>
            {metric && describeMetric(metric) && (
              <Text size="xs" c="dimmed">
                {describeMetric(metric)}
              </Text>
            )}
          </Group>
        );
      }}
    />
  );
}
