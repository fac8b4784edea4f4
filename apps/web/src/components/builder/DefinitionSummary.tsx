import { Badge, Group, List, Stack, Text } from '@mantine/core';
import { useBuilder } from './BuilderContext';
import { describeTriggers } from './describeTriggers';
import { conditionInWords, configHeadline } from '../../lib/automationWords';
import type { Draft, DraftCondition, DraftStep } from './draft';

function conditionText(condition: DraftCondition): string {
  return conditionInWords(condition.mode, condition.rules);
}

const headline = configHeadline;

function StepOutline({ steps }: { steps: DraftStep[] }) {
  const { catalogs, requiresApprovalForAll } = useBuilder();
  return (
    <List type="ordered" spacing={6} size="sm" withPadding>
      {steps.map((step) => (
        <List.Item key={step.key}>
          {step.kind === 'branch' ? (
            <Stack gap={4}>
              <Text size="sm">
                <Text span fw={700}>
                  IF
                </Text>{' '}
                {conditionText(step.condition)}
              </Text>
              <Text size="sm" fw={700} c="teal.7">
                THEN
              </Text>
              <StepOutline steps={step.then} />
              {step.else && step.else.length > 0 && (
                <>
                  <Text size="sm" fw={700} c="orange.7">
                    ELSE
                  </Text>
                  <StepOutline steps={step.else} />
                </>
              )}
            </Stack>
          ) : (
            <Group gap={6} wrap="wrap">
              <Text size="sm" fw={600}>
                {catalogs.actions.find((type) => type.type === step.type)?.label ?? step.type}
              </Text>
              {headline(step.config) && (
                <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {headline(step.config)}
                </Text>
              )}
              {Number(step.delayMinutes) > 0 && (
                <Badge variant="light" color="gray">
                  waits {String(step.delayMinutes)} min
                </Badge>
              )}
              {(requiresApprovalForAll || step.requiresApproval) && (
                <Badge variant="light" color="yellow">
                  needs approval
                </Badge>
              )}
              {step.continueOnFailure && (
                <Badge variant="light" color="gray">
                  continues on failure
                </Badge>
              )}
              {step.condition && (
                <Badge variant="light" color="grape">
                  only when {conditionText(step.condition)}
                </Badge>
              )}
            </Group>
          )}
        </List.Item>
      ))}
    </List>
  );
}

/** The whole automation in words, for the Review step. */
export function DefinitionSummary({ draft }: { draft: Draft }) {
  return (
    <Stack gap="xs">
      <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
        {draft.name || 'Untitled automation'}
      </Text>
      {draft.description && (
        <Text size="sm" c="dimmed">
          {draft.description}
        </Text>
      )}
      <Text size="sm">{describeTriggers(draft.triggers)}</Text>
      <Text size="sm" fw={600}>
        Then:
      </Text>
      <StepOutline steps={draft.steps} />
    </Stack>
  );
}
