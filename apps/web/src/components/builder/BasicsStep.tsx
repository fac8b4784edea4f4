import { Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { MAX_WORKFLOW_DESCRIPTION_LENGTH, MAX_WORKFLOW_NAME_LENGTH } from '@automations/domain/constants';
import { useBuilder } from './BuilderContext';
import type { Draft } from './draft';
import { BasicsHelp } from './help/BasicsHelp';

interface BasicsStepProps {
  draft: Draft;
  onChange: (changes: Partial<Draft>) => void;
}

export function BasicsStep({ draft, onChange }: BasicsStepProps) {
  const { errors, clearError } = useBuilder();
  return (
    <Stack gap="md">
      <BasicsHelp />
      <TextInput
        label="Name"
        description="Shown on the dashboard, in run history and in notifications."
        placeholder="Onboarding kickoff"
        withAsterisk
        aria-required
        maxLength={MAX_WORKFLOW_NAME_LENGTH}
        value={draft.name}
        error={errors.name}
        onChange={(event) => {
          clearError('name');
          onChange({ name: event.currentTarget.value });
        }}
      />
      <Textarea
        label="Description"
        description="What it is for, for your colleagues."
        autosize
        minRows={2}
        maxRows={6}
        maxLength={MAX_WORKFLOW_DESCRIPTION_LENGTH}
        value={draft.description}
        error={errors.description}
        onChange={(event) => {
          clearError('description');
          onChange({ description: event.currentTarget.value });
        }}
      />
      <Switch
        label="Every action needs approval"
        description="An admin approves each action before it runs. You can also ask for approval on single steps."
        checked={draft.requiresApproval}
        onChange={(event) => onChange({ requiresApproval: event.currentTarget.checked })}
      />
    </Stack>
  );
}
