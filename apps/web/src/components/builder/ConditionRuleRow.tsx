import { ActionIcon, Autocomplete, Group, NativeSelect, TextInput } from '@mantine/core';
import type { ConditionOperator } from '../../api/types';
import { useBuilder } from './BuilderContext';
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

/** One rule: field, operator, value. */
export function ConditionRuleRow({ rule, number, path, onChange, onRemove, canRemove }: ConditionRuleRowProps) {
  const { errors, clearError, conditionFields } = useBuilder();
  const change = (changes: Partial<DraftRule>, field: keyof DraftRule) => {
    clearError(`${path}.${field}`);
    onChange({ ...rule, ...changes });
  };
  return (
    <Group align="flex-start" gap="xs" wrap="wrap" role="group" aria-label={`Rule ${number}`}>
      <Autocomplete
        label="Field"
        aria-label={`Rule ${number} field`}
        placeholder="client.health"
        data={conditionFields}
        value={rule.field}
        error={errors[`${path}.field`]}
        onChange={(field) => change({ field, valueKind: undefined }, 'field')}
        style={{ flex: '1 1 180px' }}
      />
      <NativeSelect
        label="Operator"
        aria-label={`Rule ${number} operator`}
        data={OPERATOR_OPTIONS}
        value={rule.operator}
        error={errors[`${path}.operator`]}
        onChange={(event) => change({ operator: event.currentTarget.value as ConditionOperator }, 'operator')}
        style={{ flex: '0 1 160px' }}
      />
      {!takesNoValue(rule.operator) && (
        <TextInput
          label="Value"
          aria-label={`Rule ${number} value`}
          placeholder={rule.operator === 'in' ? 'a, b, c' : ''}
          value={rule.value}
          error={errors[`${path}.value`]}
          onChange={(event) => change({ value: event.currentTarget.value }, 'value')}
          style={{ flex: '1 1 140px' }}
        />
      )}
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
