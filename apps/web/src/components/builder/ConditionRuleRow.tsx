import { ActionIcon, Autocomplete, Group, MultiSelect, NativeSelect, Text, TextInput } from '@mantine/core';
import type { ConditionOperator } from '../../api/types';
import { useAgency } from '../../api/useAgency';
import { useMetricNames } from '../../api/usePickerLists';
import { useUsers } from '../../api/useUsers';
import { useBuilder } from './BuilderContext';
import {
  conditionFieldLabel,
  conditionFieldType,
  groupConditionFields,
  HEALTH_OPTIONS,
  operatorsFor,
  WEEKDAYS,
  type ConditionFieldType,
} from './conditionFieldTypes';
import { takesNoValue } from './conditionValues';
import { OPERATOR_OPTIONS } from './conditionOperators';
import type { DraftRule } from './draft';

interface ConditionRuleRowProps {
  rule: DraftRule;
  /** 1-based, for accessible names. */
  number: number;
  /** API path of the rule (`steps[1].condition.all[0]`). */
  path: string;
  onChange: (rule: DraftRule) => void;
  onRemove: () => void;
  canRemove: boolean;
}

const splitList = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');

/** The choices of a field with a closed set of values (stages, health, users, weekdays), or null for free input. */
function useChoices(type: ConditionFieldType): { value: string; label: string }[] | null {
  const agency = useAgency();
  const users = useUsers();
  switch (type) {
    case 'stage':
      return (agency.data?.pipelineStages ?? []).map((stage) => ({ value: stage, label: stage }));
    case 'health':
      return HEALTH_OPTIONS;
    case 'user':
      return (users.data?.items ?? []).map((user) => ({ value: user.id, label: `${user.name} (${user.role})` }));
    case 'weekday':
      return WEEKDAYS.map((day, index) => ({ value: String(index), label: day }));
    default:
      return null;
  }
}

/** One rule: a field picked from Client / Trigger / Metrics / Time, the operators its type allows, a value input for its type. */
export function ConditionRuleRow({ rule, number, path, onChange, onRemove, canRemove }: ConditionRuleRowProps) {
  const { errors, clearError, conditionFields } = useBuilder();
  const metrics = useMetricNames();
  const type = conditionFieldType(rule.field);
  const choices = useChoices(type);
  const fields = [...conditionFields, ...(metrics.data?.items ?? []).map((metric) => `metrics.${metric.name}`)];
  const operators = operatorsFor(type);
  const operatorOptions = OPERATOR_OPTIONS.filter(
    (option) => operators.includes(option.value) || option.value === rule.operator,
  );
  const change = (changes: Partial<DraftRule>, field: keyof DraftRule) => {
    clearError(`${path}.${field}`);
    onChange({ ...rule, ...changes });
  };
  const changeField = (field: string) => {
    const next = conditionFieldType(field);
    // An operator the new field's type does not take falls back to "equals"; a value of another type is cleared.
    const operator = operatorsFor(next).includes(rule.operator) ? rule.operator : 'equals';
    change({ field, valueKind: undefined, operator, ...(next !== type ? { value: '' } : {}) }, 'field');
  };
  const valueProps = {
    label: 'Value',
    'aria-label': `Rule ${number} value`,
    error: errors[`${path}.value`],
    style: { flex: '1 1 140px' },
  };
  const valueInput = () => {
    if (takesNoValue(rule.operator)) return null;
    if (choices && rule.operator === 'in') {
      const selected = splitList(rule.value);
      const data = [
        ...choices,
        ...selected
          .filter((value) => !choices.some((choice) => choice.value === value))
          .map((value) => ({ value, label: value })),
      ];
      return (
        <MultiSelect
          {...valueProps}
          data={data}
          value={selected}
          searchable
          onChange={(next) => change({ value: next.join(', ') }, 'value')}
        />
      );
    }
    if (choices) {
      const data = [
        { value: '', label: 'Choose…' },
        ...choices,
        ...(rule.value && !choices.some((choice) => choice.value === rule.value)
          ? [{ value: rule.value, label: rule.value }]
          : []),
      ];
      return (
        <NativeSelect
          {...valueProps}
          data={data}
          value={rule.value}
          onChange={(event) => change({ value: event.currentTarget.value }, 'value')}
        />
      );
    }
    const numeric = type === 'number' || type === 'hour';
    return (
      <TextInput
        {...valueProps}
        inputMode={numeric && rule.operator !== 'in' ? 'decimal' : undefined}
        placeholder={rule.operator === 'in' ? 'a, b, c' : type === 'hour' ? '0–23' : type === 'date' ? 'ISO date' : ''}
        value={rule.value}
        onChange={(event) => change({ value: event.currentTarget.value }, 'value')}
      />
    );
  };
  return (
    <Group align="flex-start" gap="xs" wrap="wrap" role="group" aria-label={`Rule ${number}`}>
      <Autocomplete
        label="Field"
        aria-label={`Rule ${number} field`}
        placeholder="Choose or type a field"
        data={groupConditionFields(fields)}
        value={rule.field}
        error={errors[`${path}.field`]}
        description={
          rule.field && conditionFieldLabel(rule.field) !== rule.field ? conditionFieldLabel(rule.field) : undefined
        }
        onChange={changeField}
        renderOption={({ option }) => (
          <Group gap="xs" wrap="nowrap">
            <Text size="sm">{conditionFieldLabel(option.value)}</Text>
            {conditionFieldLabel(option.value) !== option.value && (
              <Text size="xs" c="dimmed">
                {option.value}
              </Text>
            )}
          </Group>
        )}
        style={{ flex: '1 1 180px' }}
      />
      <NativeSelect
        label="Operator"
        aria-label={`Rule ${number} operator`}
        data={operatorOptions}
        value={rule.operator}
        error={errors[`${path}.operator`]}
        onChange={(event) => change({ operator: event.currentTarget.value as ConditionOperator }, 'operator')}
        style={{ flex: '0 1 160px' }}
      />
      {valueInput()}
      <ActionIcon
        variant="subtle"
        color="red"
        mt={26}
        aria-label={`Remove rule ${number}`}
        disabled={!canRemove}
        onClick={onRemove}
      >
        ×
      </ActionIcon>
    </Group>
  );
}
