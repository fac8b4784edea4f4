import type { ReactNode } from 'react';
import { Button, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { ConfirmDialog } from './ConfirmDialog';

interface ConfirmButtonProps extends ButtonProps {
  children: ReactNode;
  'aria-label'?: string;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  /** When false the action runs at once (e.g. removing something empty). */
  needsConfirmation?: boolean;
}

/** A button that asks first. */
export function ConfirmButton({
  title,
  message,
  confirmLabel,
  onConfirm,
  needsConfirmation = true,
  children,
  ...buttonProps
}: ConfirmButtonProps) {
  const [opened, dialog] = useDisclosure(false);
  return (
    <>
      <Button {...buttonProps} onClick={needsConfirmation ? dialog.open : onConfirm}>
        {children}
      </Button>
      <ConfirmDialog
        opened={opened}
        title={title}
        message={message}
        confirmLabel={confirmLabel}
        onCancel={dialog.close}
        onConfirm={() => {
          dialog.close();
          onConfirm();
        }}
      />
    </>
  );
}
