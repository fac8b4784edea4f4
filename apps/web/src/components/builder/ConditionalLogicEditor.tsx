import type { ReactNode } from 'react';
import { Button, Group, Stack } from '@mantine/core';
import { ConfirmButton } from '../ConfirmButton';
import { ConditionRulesEditor } from './ConditionRulesEditor';
import type { DraftCondition } from './draft';
import { FlowBlock } from './FlowBlock';

interface ConditionalLogicEditorProps {
  condition: DraftCondition;
  onConditionChange: (condition: DraftCondition) => void;
  /** API path of the branch step (`steps[1]`). */
  path: string;
  /** Nesting level of the branch's own steps. */
  depth: number;
  /** The THEN steps (an ActionChainEditor). */
  thenSteps: ReactNode;
  /** The ELSE steps, or null when the branch has no ELSE path. */
  elseSteps: ReactNode | null;
  onAddElse: () => void;
  onRemoveElse: () => void;
  /** Whether the ELSE path has steps worth a confirmation before removing it. */
  elseHasSteps: boolean;
}

/** IF (rules) → THEN (steps) → ELSE (steps), drawn as an indented flow. */
export function ConditionalLogicEditor({
  condition,
  onConditionChange,
  path,
  depth,
  thenSteps,
  elseSteps,
  onAddElse,
  onRemoveElse,
  elseHasSteps,
}: ConditionalLogicEditorProps) {
  return (
    <Stack gap="sm">
      <ConditionRulesEditor condition={condition} onChange={onConditionChange} path={`${path}.condition`} lead="IF" />
      <FlowBlock keyword="THEN" hint="when the rules hold" depth={depth} color="teal">
        {thenSteps}
      </FlowBlock>
      {elseSteps === null ? (
        <Group>
          <Button variant="subtle" size="compact-sm" onClick={onAddElse}>
            Add ELSE path
          </Button>
        </Group>
      ) : (
        <FlowBlock keyword="ELSE" hint="otherwise" depth={depth} color="orange">
          {elseSteps}
          <ConfirmButton
            variant="subtle"
            color="red"
            size="compact-sm"
            mt="xs"
            title="Remove the ELSE path?"
            message="Its steps are removed too."
            confirmLabel="Remove"
            needsConfirmation={elseHasSteps}
            onConfirm={onRemoveElse}
          >
            Remove ELSE path
          </ConfirmButton>
        </FlowBlock>
      )}
    </Stack>
  );
}
