import { useState } from 'react';
import { Modal, TextInput } from '@mantine/core';
import { describeError, validationErrorsOf } from '../../api/errors';
import { useRenameTemplate } from '../../api/useTemplates';
import { DialogForm } from '../DialogForm';

interface RenameTemplateDialogProps {
  template: { id: string; name: string };
  opened: boolean;
  onClose: () => void;
}

export function RenameTemplateDialog({ template, opened, onClose }: RenameTemplateDialogProps) {
  const [name, setName] = useState(template.name);
  const [problem, setProblem] = useState<string | null>(null);
  const rename = useRenameTemplate();

  const submit = () => {
    const trimmed = name.trim();
    if (!trimmed) {
      setProblem('Give the template a name.');
      return;
    }
    rename.mutate(
      { id: template.id, name: trimmed },
      { onSuccess: onClose, onError: (error) => setProblem(validationErrorsOf(error).name ?? describeError(error)) },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Rename template">
      <DialogForm onSubmit={submit} onCancel={onClose} submitLabel="Rename" submitting={rename.isPending}>
        <TextInput
          label="Name"
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            setProblem(null);
          }}
          error={problem}
          data-autofocus
        />
      </DialogForm>
    </Modal>
  );
}
