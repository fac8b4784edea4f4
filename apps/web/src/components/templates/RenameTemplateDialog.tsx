import { useState } from 'react';
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { describeError, validationErrorsOf } from '../../api/errors';
import { useRenameTemplate } from '../../api/useTemplates';

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
    rename.mutate({ id: template.id, name: trimmed }, { onSuccess: onClose, onError: (error) => setProblem(validationErrorsOf(error).name ?? describeError(error)) });
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Rename template">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
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
          <Group justify="flex-end" gap="sm">
            <Button variant="subtle" color="gray" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={rename.isPending}>
              Rename
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
