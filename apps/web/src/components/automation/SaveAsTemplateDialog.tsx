import { useState } from 'react';
import { Alert, Modal, NativeSelect, Text, Textarea, TextInput } from '@mantine/core';
import { MAX_WORKFLOW_DESCRIPTION_LENGTH, MAX_WORKFLOW_NAME_LENGTH } from '@automations/domain/constants';
import { describeError, validationErrorsOf } from '../../api/errors';
import type { Template, TemplateCategory } from '../../api/types';
import { useSaveAsTemplate } from '../../api/useWorkflowPortability';
import { DialogForm } from '../DialogForm';
import { TEMPLATE_CATEGORIES } from '../templates/templateCategories';

interface SaveAsTemplateDialogProps {
  workflow: { id: string; name: string; description: string | null };
  opened: boolean;
  onClose: () => void;
  onSaved: (template: Template) => void;
}

type Field = 'name' | 'category' | 'description';

/**
 * "Save as template": name, category and description of a template made from this automation
 * (POST /templates {fromWorkflowId}); the API turns the agency's own values into "to be filled in".
 */
export function SaveAsTemplateDialog({ workflow, opened, onClose, onSaved }: SaveAsTemplateDialogProps) {
  const [name, setName] = useState(workflow.name);
  const [category, setCategory] = useState<TemplateCategory | ''>('');
  const [description, setDescription] = useState(workflow.description ?? '');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const save = useSaveAsTemplate();

  const edited = (field: Field) => setErrors(({ [field]: _, ...rest }) => rest);

  const submit = () => {
    const problems: Partial<Record<Field, string>> = {};
    if (!name.trim()) problems.name = 'Give the template a name.';
    if (!category) problems.category = 'Choose the category it is listed under.';
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !category) return;
    save.mutate(
      { fromWorkflowId: workflow.id, name: name.trim(), category, description: description.trim() },
      {
        onSuccess: (template) => {
          onSaved(template);
          onClose();
        },
        onError: (error) => {
          const fields = validationErrorsOf(error);
          setErrors({ name: fields.name, category: fields.category, description: fields.description });
        },
      },
    );
  };

  const fieldErrors = Object.values(errors).some(Boolean);
  return (
    <Modal opened={opened} onClose={onClose} title="Save as template" centered>
      <DialogForm
        onSubmit={submit}
        onCancel={onClose}
        submitLabel="Save template"
        submitting={save.isPending}
        noValidate
      >
        <Text size="sm">
          A template is a copy of this automation in your agency’s library, for starting new automations from it. Values
          only your agency has (people, Slack channels, email addresses, client filters) are left “to be filled in” by
          whoever uses it.
        </Text>
        <TextInput
          label="Name"
          withAsterisk
          maxLength={MAX_WORKFLOW_NAME_LENGTH}
          value={name}
          error={errors.name}
          data-autofocus
          onChange={(event) => {
            setName(event.currentTarget.value);
            edited('name');
          }}
        />
        <NativeSelect
          label="Category"
          description="The shelf of the template library it is listed on."
          withAsterisk
          aria-required
          data={[{ value: '', label: 'Choose a category…' }, ...TEMPLATE_CATEGORIES]}
          value={category}
          error={errors.category}
          onChange={(event) => {
            setCategory(event.currentTarget.value as TemplateCategory | '');
            edited('category');
          }}
        />
        <Textarea
          label="Description"
          description="What it does and when to use it, for your colleagues."
          autosize
          minRows={2}
          maxRows={6}
          maxLength={MAX_WORKFLOW_DESCRIPTION_LENGTH}
          value={description}
          error={errors.description}
          onChange={(event) => {
            setDescription(event.currentTarget.value);
            edited('description');
          }}
        />
        {save.isError && !fieldErrors && (
          <Alert color="red" role="alert" p="xs" title="Not saved">
            {describeError(save.error)}
          </Alert>
        )}
      </DialogForm>
    </Modal>
  );
}
