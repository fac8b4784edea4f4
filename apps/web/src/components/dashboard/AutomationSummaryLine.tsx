import { Fragment } from 'react';
import { Group, Skeleton, Text } from '@mantine/core';
import type { WorkflowListItem } from '../../api/types';
import { useWorkflowDefinition } from '../../api/useWorkflowDefinition';
import { actionPhrase, actionsOf, triggerOpening, triggersOf } from '../../lib/automationWords';
import { TypeIcon } from '../icons/typeIcons';

/**
 * "When a client moves into “onboarding” → create a task, send a Slack message": what an
 * automation does, one icon per trigger and action type. The list does not carry definitions,
 * so each line reads its automation's (cached per version).
 */
export function AutomationSummaryLine({
  workflow,
  lineClamp,
}: {
  workflow: Pick<WorkflowListItem, 'id' | 'version' | 'triggerTypes'>;
  lineClamp?: number;
}) {
  const definition = useWorkflowDefinition(workflow.id, workflow.version);
  if (!definition.data) {
    return definition.isPending ? <Skeleton height={14} width="70%" my={3} aria-label="Loading what it does" /> : null;
  }
  const triggers = triggersOf(definition.data.triggers);
  const actions: { type: string; phrase: string }[] = [];
  for (const action of actionsOf(definition.data.steps)) {
    const phrase = actionPhrase(action.type, action.config);
    if (!actions.some((known) => known.phrase === phrase)) actions.push({ type: action.type, phrase });
  }
  const sentence = `${triggerOpening(triggers)} → ${actions.map((action) => action.phrase).join(', ') || 'nothing yet'}`;
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" title={sentence}>
      <Group gap={2} wrap="nowrap" mt={2} c="blue.7">
        {triggers.map((trigger, index) => (
          <TypeIcon key={index} type={trigger.type} />
        ))}
      </Group>
      <Text size="sm" lineClamp={lineClamp} style={{ overflowWrap: 'anywhere' }}>
        {triggerOpening(triggers)} →{' '}
        {actions.length === 0
          ? 'nothing yet'
          : actions.map((action, index) => (
              <Fragment key={action.phrase}>
                {index > 0 && ', '}
                <Text span inherit style={{ whiteSpace: 'nowrap' }} c="indigo.8">
                  <TypeIcon type={action.type} size={14} />{' '}
                </Text>
                {action.phrase}
              </Fragment>
            ))}
      </Text>
    </Group>
  );
}
