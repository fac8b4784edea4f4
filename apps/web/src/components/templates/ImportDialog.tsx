import { useState } from 'react';
import { Alert, FileInput, Modal, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useNavigate } from 'react-router';
import { ApiError, describeError, validationErrorsOf } from '../../api/errors';
import { useImportTemplate, useImportWorkflow } from '../../api/useTemplates';
import { DialogForm } from '../DialogForm';
import { errorsUnder } from '../schema-form/jsonSchema';
import { PlaceholderForm } from './PlaceholderForm';
import {
  checkPlaceholderValues,
  initialPlaceholderValues,
  resolvedPlaceholderValues,
  type PlaceholderValues,
} from './placeholderValues';
import { readFileText, readPortableFile, type PortableFile } from './portableFile';

interface ImportDialogProps {
  opened: boolean;
  onClose: () => void;
}

/** Import (admins): another agency's share code → a template in the library; an exported file → a new paused automation. */
export function ImportDialog({ opened, onClose }: ImportDialogProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Import" size="lg">
      {opened && (
        <Tabs defaultValue="code">
          <Tabs.List>
            <Tabs.Tab value="code">Share code</Tabs.Tab>
            <Tabs.Tab value="file">File</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="code" pt="md">
            <ShareCodeImport onCancel={onClose} />
          </Tabs.Panel>
          <Tabs.Panel value="file" pt="md">
            <FileImport onCancel={onClose} />
          </Tabs.Panel>
        </Tabs>
      )}
    </Modal>
  );
}

function ShareCodeImport({ onCancel }: { onCancel: () => void }) {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const importTemplate = useImportTemplate();
  const navigate = useNavigate();

  const submit = () => {
    const shareCode = code.trim();
    if (!shareCode) {
      setProblem('Paste the share code you were given.');
      return;
    }
    importTemplate.mutate(
      { shareCode },
      {
        onSuccess: (template) =>
          navigate(`/templates/${encodeURIComponent(template.id)}`, { state: { imported: true } }),
        onError: (error) =>
          setProblem(
            error instanceof ApiError && (error.status === 404 || error.status === 400)
              ? 'This code does not work: it may be mistyped, expired or revoked. Ask the agency that shared it for a new one.'
              : describeError(error),
          ),
      },
    );
  };

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onCancel}
      submitLabel="Import template"
      submitting={importTemplate.isPending}
    >
      <Text size="sm">
        Another agency shared a template with you? Paste its code: a copy lands in your library, ready to use.
      </Text>
      <TextInput
        label="Share code"
        value={code}
        onChange={(event) => {
          setCode(event.currentTarget.value);
          setProblem(null);
        }}
        error={problem}
        autoComplete="off"
        data-autofocus
      />
    </DialogForm>
  );
}

function FileImport({ onCancel }: { onCancel: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [read, setRead] = useState<PortableFile | null>(null);
  const [values, setValues] = useState<PlaceholderValues>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const importWorkflow = useImportWorkflow();
  const navigate = useNavigate();

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setErrors({});
    importWorkflow.reset();
    if (!chosen) {
      setRead(null);
      return;
    }
    let result: PortableFile;
    try {
      result = readPortableFile(await readFileText(chosen));
    } catch {
      result = { ok: false, message: 'This file could not be read. Choose it again.' };
    }
    setRead(result);
    setValues(result.ok ? initialPlaceholderValues(result.placeholders) : {});
  };

  const submit = () => {
    if (!read?.ok) return;
    const problems = checkPlaceholderValues(read.placeholders, values);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const filled = resolvedPlaceholderValues(read.placeholders, values);
    importWorkflow.mutate(
      { document: read.document, ...(read.placeholders.length > 0 ? { values: filled } : {}) },
      {
        onSuccess: (workflow) => navigate(`/automations/${workflow.id}`),
        onError: (error) => setErrors(errorsUnder(validationErrorsOf(error), 'values')),
      },
    );
  };

  const serverProblem =
    importWorkflow.isError && Object.keys(errors).length === 0 ? describeError(importWorkflow.error) : null;
  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onCancel}
      submitLabel="Import automation"
      submitting={importWorkflow.isPending}
      submitDisabled={!read?.ok}
    >
      <Text size="sm">
        Choose an automation exported as a file (.json). It is created paused, so you can check it before switching it
        on.
      </Text>
      <FileInput
        label="Exported automation"
        placeholder="Choose a .json file"
        accept="application/json,.json"
        value={file}
        onChange={(chosen) => void choose(chosen)}
        error={read && !read.ok ? read.message : undefined}
        clearable
      />
      {read?.ok && read.placeholders.length > 0 && (
        <Stack gap="xs">
          <Text size="sm" fw={500}>
            “{read.name}” needs a few values from your agency:
          </Text>
          <PlaceholderForm placeholders={read.placeholders} values={values} onChange={setValues} errors={errors} />
        </Stack>
      )}
      {serverProblem && (
        <Alert color="red" role="alert" title="Not imported">
          {serverProblem}
        </Alert>
      )}
    </DialogForm>
  );
}
