import type { ReactNode } from 'react';
import { Button, Group, Stack } from '@mantine/core';

interface DialogFormProps {
  onSubmit: () => void;
  onCancel: () => void;
  submitLabel: string;
  submitting: boolean;
  submitDisabled?: boolean;
  /** Skip the browser's own checks (the dialog shows its own messages). */
  noValidate?: boolean;
  children: ReactNode;
}

/** The form of a dialog: its fields, then Cancel and the submit button at the bottom right; Enter submits. */
export function DialogForm({
  onSubmit,
  onCancel,
  submitLabel,
  submitting,
  submitDisabled,
  noValidate,
  children,
}: DialogFormProps) {
  return (
    <form
      noValidate={noValidate}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <Stack gap="sm">
        {children}
        <Group justify="flex-end" gap="sm">
          <Button variant="subtle" color="gray" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" disabled={submitDisabled} loading={submitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
