import { useId, useState } from 'react';
import { Badge, Button, Checkbox, Group, NativeSelect, Stack, Switch, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import type { ActionType } from '../../api/types';
import { SchemaForm } from '../schema-form/SchemaForm';
import { SchemaField } from '../schema-form/SchemaField';
import { defaultsOf, errorsUnder } from '../schema-form/jsonSchema';
import { useBuilder } from './BuilderContext';
import { ConditionRulesEditor } from './ConditionRulesEditor';
import { newCondition, type DraftAction } from './draft';
import { TypeExamples } from './help/TypeExamples';
import { TemplateVariablePicker } from './TemplateVariablePicker';
import { DELAY_SCHEMA } from './validateDraft';

interface ActionConfigurationProps {
  step: DraftAction;
  onChange: (step: DraftAction) => void;
  /** API path of the step (`steps[0]`, `steps[1].then[0]`). */
  path: string;
  /** For accessible names: "step 2". */
  name: string;
}

const ADVANCED_FIELDS = ['delayMinutes', 'requiresApproval', 'continueOnFailure', 'condition'] as const;

/** Whether any of the advanced options of a step is set (then they are shown without asking). */
function advancedSet(step: DraftAction): boolean {
  const delay = step.delayMinutes;
  return (
    (delay !== undefined && delay !== '' && Number(delay) !== 0) ||
    step.requiresApproval ||
    step.continueOnFailure ||
    step.condition !== null
  );
}

/** What the hidden options say, next to a closed "More options". */
function collapsedMarks(step: DraftAction, requiresApprovalForAll: boolean): string[] {
  const delay = Number(step.delayMinutes);
  return [
    Number.isFinite(delay) && delay > 0 ? `waits ${delay} min` : null,
    requiresApprovalForAll || step.requiresApproval ? 'needs approval' : null,
    step.continueOnFailure ? 'continues on failure' : null,
    step.condition ? 'only runs when…' : null,
  ].filter((mark): mark is string => mark !== null);
}

/**
 * One action: its type, its config form (from the type's JSON Schema) and, behind "More options"
 * (open when one of them is set or has an error), wait, approval, continue on failure and
 * "only run when…".
 */
export function ActionConfiguration({ step, onChange, path, name }: ActionConfigurationProps) {
  const { catalogs, errors, clearError, variableGroups, requiresApprovalForAll } = useBuilder();
  const descriptor = catalogs.actions.find((candidate) => candidate.type === step.type);
  const [moreOpened, setMoreOpened] = useState(() => advancedSet(step));
  const advancedId = useId();
  const advancedError = Object.keys(errors).some((key) =>
    ADVANCED_FIELDS.some(
      (field) =>
        key === `${path}.${field}` || key.startsWith(`${path}.${field}.`) || key.startsWith(`${path}.${field}[`),
    ),
  );
  const showMore = moreOpened || advancedError;

  const change = (changes: Partial<DraftAction>, errorPath: string) => {
    clearError(errorPath);
    onChange({ ...step, ...changes });
  };
  const chooseType = (type: string) => {
    const schema = catalogs.actions.find((candidate) => candidate.type === type)?.configSchema;
    change({ type: type as ActionType | '', config: schema ? defaultsOf(schema) : {} }, path);
  };

  return (
    <Stack gap="sm">
      <NativeSelect
        label="Action"
        aria-label={`Action of ${name}`}
        withAsterisk
        data={[
          { value: '', label: 'Choose an action…' },
          ...catalogs.actions.map((type) => ({ value: type.type, label: type.label })),
        ]}
        value={step.type}
        error={errors[`${path}.type`]}
        description={descriptor?.description}
        onChange={(event) => chooseType(event.currentTarget.value)}
      />
      {descriptor && (
        <TypeExamples
          key={descriptor.type}
          descriptor={descriptor}
          kind="action"
          onUse={(config) => change({ config }, `${path}.config`)}
        />
      )}
      {descriptor && (
        <SchemaForm
          schema={descriptor.configSchema}
          value={step.config}
          errors={errorsUnder(errors, `${path}.config`)}
          onChange={(config) => {
            clearError(`${path}.config`);
            onChange({ ...step, config });
          }}
          textAddon={(insert, fieldLabel) => (
            <TemplateVariablePicker groups={variableGroups} fieldLabel={fieldLabel} onPick={insert} />
          )}
        />
      )}
      {descriptor && (
        <Stack gap="xs" pt="xs" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
          <Group gap="xs">
            <Button
              variant="subtle"
              size="compact-sm"
              color="gray"
              leftSection={
                showMore ? (
                  <IconChevronDown size={14} aria-hidden="true" />
                ) : (
                  <IconChevronRight size={14} aria-hidden="true" />
                )
              }
              aria-expanded={showMore}
              aria-controls={advancedId}
              aria-label={`More options of ${name}`}
              onClick={() => setMoreOpened(!showMore)}
            >
              More options
            </Button>
            {!showMore &&
              collapsedMarks(step, requiresApprovalForAll).map((mark) => (
                <Badge key={mark} variant="light" color="gray" tt="none">
                  {mark}
                </Badge>
              ))}
          </Group>
          {showMore && (
            <Stack gap="xs" id={advancedId}>
              <Group align="flex-start" gap="lg" wrap="wrap">
                <div style={{ flex: '0 1 240px' }}>
                  <SchemaField
                    name="delayMinutes"
                    schema={DELAY_SCHEMA}
                    required={false}
                    value={step.delayMinutes}
                    onChange={(value) =>
                      change({ delayMinutes: value as number | string | undefined }, `${path}.delayMinutes`)
                    }
                    errors={errorsUnder(errors, `${path}.delayMinutes`)}
                    options={{}}
                  />
                </div>
                <Stack gap="xs" style={{ flex: '1 1 240px' }}>
                  <Switch
                    label="Requires approval"
                    description={
                      requiresApprovalForAll
                        ? 'Every action of this automation needs approval (see Basics).'
                        : 'An admin approves before this step runs.'
                    }
                    checked={requiresApprovalForAll || step.requiresApproval}
                    disabled={requiresApprovalForAll}
                    onChange={(event) =>
                      change({ requiresApproval: event.currentTarget.checked }, `${path}.requiresApproval`)
                    }
                  />
                  <Switch
                    label="Continue on failure"
                    description="If this step fails, go on with the next one instead of stopping the run."
                    checked={step.continueOnFailure}
                    onChange={(event) =>
                      change({ continueOnFailure: event.currentTarget.checked }, `${path}.continueOnFailure`)
                    }
                  />
                </Stack>
              </Group>
              <Checkbox
                label="Only run this step when…"
                checked={step.condition !== null}
                onChange={(event) =>
                  change({ condition: event.currentTarget.checked ? newCondition() : null }, `${path}.condition`)
                }
              />
              {step.condition && (
                <ConditionRulesEditor
                  condition={step.condition}
                  onChange={(condition) => onChange({ ...step, condition })}
                  path={`${path}.condition`}
                  lead="Run only when"
                />
              )}
              {!step.condition && errors[`${path}.condition`] && (
                <Text size="sm" c="red">
                  {errors[`${path}.condition`]}
                </Text>
              )}
            </Stack>
          )}
        </Stack>
      )}
    </Stack>
  );
}
