import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { MAX_CONDITION_RULES } from '@automations/domain/constants';
import { useBuilder } from './BuilderContext';
import { ConditionRuleRow } from './ConditionRuleRow';
import { newRule, type ConditionMode, type DraftCondition } from './draft';

interface ConditionRulesEditorProps {
  condition: DraftCondition;
  onChange: (condition: DraftCondition) => void;
  /** API path of the condition (`steps[1].condition`). */
  path: string;
  /** How the sentence starts: "IF" for a branch, "Only run when" for a step. */
  lead: string;
}

/** "IF [all | any] of these are true" and the list of rules. */
export function ConditionRulesEditor({ condition, onChange, path, lead }: ConditionRulesEditorProps) {
  const { errors, clearError } = useBuilder();
  const rulesPath = `${path}.${condition.mode}`;
  const setRules = (rules: DraftCondition['rules']) => {
    clearError(path);
    onChange({ ...condition, rules });
  };
  return (
    <Stack gap="xs">
      <Group gap="xs" align="center">
        <Text fw={700} size="sm">
          {lead}
        </Text>
        <SegmentedControl
          size="xs"
          aria-label="Rules to match"
          data={[
            { value: 'all', label: 'all' },
            { value: 'any', label: 'any' },
          ]}
          value={condition.mode}
          onChange={(mode) => onChange({ ...condition, mode: mode as ConditionMode })}
        />
        <Text size="sm">of these are true</Text>
      </Group>
      <Text size="xs" c="dimmed">
        {condition.mode === 'all' ? 'Every rule must hold (AND).' : 'At least one rule must hold (OR).'}
      </Text>
      {errors[path] && (
        <Text size="sm" c="red" role="alert">
          {errors[path]}
        </Text>
      )}
      {condition.rules.map((rule, index) => (
        <ConditionRuleRow
          key={rule.key}
          rule={rule}
          number={index + 1}
          path={`${rulesPath}[${index}]`}
          canRemove={condition.rules.length > 1}
          onChange={(next) => setRules(condition.rules.map((r) => (r.key === rule.key ? next : r)))}
          onRemove={() => setRules(condition.rules.filter((r) => r.key !== rule.key))}
        />
      ))}
      <Group>
        <Button
          variant="light"
          size="compact-sm"
          onClick={() => setRules([...condition.rules, newRule()])}
          disabled={condition.rules.length >= MAX_CONDITION_RULES}
        >
          Add rule
        </Button>
      </Group>
    </Stack>
  );
}
