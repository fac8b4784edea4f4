import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { ApiError, describeError, validationErrorsOf } from '../../api/errors';
import type { WorkflowDetail } from '../../api/types';
import { useInstantiateTemplate } from '../../api/useTemplates';
import { useSaveWorkflow } from '../../api/useWorkflowMutations';
import { describeCron } from '../../lib/cronDescription';
import { ConfirmDialog } from '../ConfirmDialog';
import { LazyFlowDiagram } from '../flow/LazyFlowDiagram';
import { errorsUnder } from '../schema-form/jsonSchema';
import { PlaceholderForm } from '../templates/PlaceholderForm';
import {
  checkPlaceholderValues,
  initialPlaceholderValues,
  resolvedPlaceholderValues,
  type PlaceholderValues,
} from '../templates/placeholderValues';
import {
  fillTemplateDraft,
  instantiationErrorsOnDraft,
  isUnchangedTemplate,
  type TemplateToFill,
} from '../templates/templateFill';
import { ActionChainEditor } from './ActionChainEditor';
import { BasicsStep } from './BasicsStep';
import { BuilderContext, type BuilderContextValue } from './BuilderContext';
import { DefinitionSummary } from './DefinitionSummary';
import { definitionFromDraft } from './draftConversion';
import type { Draft } from './draft';
import { conditionFieldSuggestions, templateVariableGroups } from './templateVariables';
import { TestRunner } from './TestRunner';
import { FillInHelp } from './help/FillInHelp';
import { ReviewHelp } from './help/ReviewHelp';
import { TriggerConfiguration } from './TriggerConfiguration';
import { validateWizardStep, type Catalogs } from './validateDraft';
import { builderStepOf, builderStepsFor, firstBuilderStepWithErrors, type BuilderStepId } from './wizardSteps';
import { WizardProgress } from './WizardProgress';

interface AutomationBuilderProps {
  initialDraft: Draft;
  /** Set when editing a saved automation. */
  workflow?: { id: string; version: number };
  catalogs: Catalogs;
  defaultTimezone: string;
  onSaved: (workflow: WorkflowDetail) => void;
  onCancel: () => void;
  /** Set when starting from a template: a first step asks for its values, which then fill the draft. */
  template?: TemplateToFill;
}

function withoutPath(errors: Record<string, string>, path: string): Record<string, string> {
  const kept = Object.entries(errors).filter(
    ([key]) => key !== path && !key.startsWith(`${path}.`) && !key.startsWith(`${path}[`),
  );
  return kept.length === Object.keys(errors).length ? errors : Object.fromEntries(kept);
}

function saveErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 409) {
    return 'Someone else saved this automation after you opened it. Reload the page to edit the latest version (your changes here are not saved).';
  }
  if (error instanceof ApiError && error.status === 400)
    return `The server did not accept the automation: ${error.message}`;
  return describeError(error);
}

/** A template's values, checked as the API names them (`values.<key>`). */
function placeholderErrors(template: TemplateToFill | undefined, values: PlaceholderValues): Record<string, string> {
  if (!template) return {};
  return Object.fromEntries(
    Object.entries(checkPlaceholderValues(template.placeholders, values)).map(([key, message]) => [
      key ? `values.${key}` : 'values',
      message,
    ]),
  );
}

/**
 * The step-by-step builder, for new and saved automations alike: Basics → Triggers (a schedule is
 * one kind of trigger) → Actions → Review & test. Each step is checked before moving on; a 400 from the server lands
 * on the field its `details[].path` names, and the wizard opens the step that shows it.
 */
export function AutomationBuilder({
  initialDraft,
  workflow,
  catalogs,
  defaultTimezone,
  onSaved,
  onCancel,
  template,
}: AutomationBuilderProps) {
  const steps = builderStepsFor(template !== undefined);
  const last = steps.length - 1;
  const [draft, setDraft] = useState(initialDraft);
  const [active, setActive] = useState(0);
  const [reached, setReached] = useState(workflow ? last : 0);
  const [checked, setChecked] = useState<ReadonlySet<BuilderStepId>>(new Set());
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [discardOpened, discardDialog] = useDisclosure(false);
  const [values, setValues] = useState<PlaceholderValues>(() =>
    template ? initialPlaceholderValues(template.placeholders) : {},
  );
  // The draft as the values last filled it in: saving it unchanged instantiates the template.
  const [filled, setFilled] = useState<{ draft: Draft; values: PlaceholderValues } | null>(null);
  const save = useSaveWorkflow();
  const instantiate = useInstantiateTemplate();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const [focusRequest, setFocusRequest] = useState<{ target: 'heading' | 'invalid' } | null>(null);

  const stepId = steps[active].id;
  const validateStep = useCallback(
    (step: BuilderStepId) =>
      step === 'fill' ? placeholderErrors(template, values) : validateWizardStep(step, draft, catalogs),
    [template, values, draft, catalogs],
  );
  const clientErrors = useMemo(() => {
    const errors: Record<string, string> = {};
    for (const step of checked) Object.assign(errors, validateStep(step));
    return errors;
  }, [checked, validateStep]);
  const errors = useMemo(() => ({ ...serverErrors, ...clientErrors }), [serverErrors, clientErrors]);

  const clearError = useCallback((path: string) => setServerErrors((current) => withoutPath(current, path)), []);
  const variableGroups = useMemo(() => templateVariableGroups(draft.triggers), [draft.triggers]);
  const context = useMemo<BuilderContextValue>(
    () => ({
      catalogs,
      errors,
      clearError,
      variableGroups,
      conditionFields: conditionFieldSuggestions(variableGroups),
      requiresApprovalForAll: draft.requiresApproval,
      defaultTimezone,
    }),
    [catalogs, errors, clearError, variableGroups, draft.requiresApproval, defaultTimezone],
  );

  useEffect(() => {
    if (!focusRequest) return;
    if (focusRequest.target === 'heading') headingRef.current?.focus();
    else contentRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    setFocusRequest(null);
  }, [focusRequest]);

  const update = (changes: Partial<Draft>) => setDraft((current) => ({ ...current, ...changes }));
  const goTo = (index: number) => {
    setActive(index);
    setReached((current) => Math.max(current, index));
    setFocusRequest({ target: 'heading' });
  };

  const next = () => {
    const problems = validateStep(stepId);
    setChecked((current) => new Set([...current, stepId]));
    if (Object.keys(problems).length > 0) {
      setFocusRequest({ target: 'invalid' });
      return;
    }
    if (stepId === 'fill' && template) fillIn(template);
    goTo(active + 1);
  };

  /** Fills the values into the template's draft; unchanged values keep what was edited since. */
  const fillIn = (source: TemplateToFill) => {
    const resolved = resolvedPlaceholderValues(source.placeholders, values);
    if (filled && JSON.stringify(filled.values) === JSON.stringify(resolved)) return;
    const next = fillTemplateDraft(source, values);
    setDraft(next);
    setFilled({ draft: next, values: resolved });
  };

  const showErrorsAt = (step: BuilderStepId | null) => {
    const index = steps.findIndex((candidate) => candidate.id === step);
    if (index >= 0 && index !== active) setActive(index);
    setFocusRequest({ target: 'invalid' });
  };

  const submit = (isActive: boolean) => {
    const all = Object.assign({}, ...steps.map((step) => validateStep(step.id))) as Record<string, string>;
    setChecked(new Set(steps.map((step) => step.id)));
    if (Object.keys(all).length > 0) {
      showErrorsAt(firstBuilderStepWithErrors(all, steps));
      return;
    }
    if (template && filled && isUnchangedTemplate(draft, filled.draft)) {
      instantiate.mutate(
        { id: template.id, values: filled.values, name: draft.name.trim(), activate: isActive },
        {
          onSuccess: onSaved,
          onError: (error) => {
            const fieldErrors = instantiationErrorsOnDraft(validationErrorsOf(error));
            setServerErrors(fieldErrors);
            if (Object.keys(fieldErrors).length > 0) showErrorsAt(firstBuilderStepWithErrors(fieldErrors, steps));
          },
        },
      );
      return;
    }
    const definition = definitionFromDraft({ ...draft, isActive });
    const input = workflow
      ? { mode: 'update' as const, id: workflow.id, expectedVersion: workflow.version, definition }
      : { mode: 'create' as const, definition };
    save.mutate(input, {
      onSuccess: onSaved,
      onError: (error) => {
        const fieldErrors = validationErrorsOf(error);
        setServerErrors(fieldErrors);
        if (Object.keys(fieldErrors).length > 0) showErrorsAt(firstBuilderStepWithErrors(fieldErrors, steps));
      },
    });
  };

  const receivePreviewErrors = (fieldErrors: Record<string, string>) => {
    setServerErrors(fieldErrors);
    showErrorsAt(firstBuilderStepWithErrors(fieldErrors, steps));
  };

  const dirty = draft !== initialDraft;
  const stepErrorCount = Object.keys(errors).filter((path) => builderStepOf(path) === stepId).length;
  const saveError = save.error ?? instantiate.error;
  // Which of the two save buttons is busy (a template saved as is goes through instantiate).
  const savingActive = save.isPending
    ? save.variables?.definition.isActive
    : instantiate.isPending
      ? instantiate.variables?.activate
      : undefined;
  const saving = save.isPending || instantiate.isPending;
  const showStepAlert = stepId !== 'review' && stepErrorCount > 0;
  // Beside the steps on wide screens, under them on phones; it follows every edit.
  const showFlow = stepId === 'actions' || stepId === 'review';

  const editor = (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="wizard-step-heading">
      <Stack gap="md" ref={contentRef}>
        <Title order={3} id="wizard-step-heading" ref={headingRef} tabIndex={-1} style={{ outline: 'none' }}>
          {steps[active].label}
        </Title>
        {showStepAlert && (
          <Alert color="red" variant="light" role="alert" p="xs">
            {stepErrorCount === 1
              ? 'Fix the highlighted field to continue.'
              : `Fix the ${stepErrorCount} highlighted fields to continue.`}
          </Alert>
        )}
        {stepId === 'fill' && template && (
          <Stack gap="sm">
            <FillInHelp />
            <Text size="sm">
              “{template.name}” needs {template.placeholders.length === 1 ? 'one thing' : 'a few things'} from your
              agency. Everything else is ready; you can check or change it in the next steps.
            </Text>
            {filled && draft !== filled.draft && (
              <Alert color="yellow" variant="light" p="xs">
                You changed the later steps. Changing these values starts them again from the template.
              </Alert>
            )}
            <PlaceholderForm
              placeholders={template.placeholders}
              values={values}
              onChange={(next) => {
                clearError('values');
                setValues(next);
              }}
              errors={errorsUnder(errors, 'values')}
            />
          </Stack>
        )}
        {stepId === 'basics' && <BasicsStep draft={draft} onChange={update} />}
        {stepId === 'triggers' && (
          <TriggerConfiguration triggers={draft.triggers} onChange={(triggers) => update({ triggers })} />
        )}
        {stepId === 'actions' && (
          <ActionChainEditor steps={draft.steps} onChange={(steps) => update({ steps })} path="steps" />
        )}
        {stepId === 'review' && (
          <Stack gap="lg">
            <ReviewHelp />
            <DefinitionSummary draft={draft} />
            <div>
              <Title order={4} mb="xs">
                Test run
              </Title>
              <TestRunner
                definition={definitionFromDraft(draft)}
                triggers={draft.triggers}
                onValidationErrors={receivePreviewErrors}
              />
            </div>
          </Stack>
        )}
      </Stack>
    </Paper>
  );

  return (
    <BuilderContext.Provider value={context}>
      <Stack gap="md">
        <WizardProgress active={active} reached={reached} onSelect={goTo} steps={steps} />

        {showFlow ? (
          <Grid gutter="md" align="flex-start">
            <Grid.Col span={{ base: 12, lg: 7 }}>{editor}</Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }} style={{ position: 'sticky', top: 72 }}>
              <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-label="Flow">
                <Title order={4} mb="xs">
                  Flow
                </Title>
                <LazyFlowDiagram
                  input={draft}
                  labels={catalogs}
                  cronWords={describeCron}
                  label="Flow diagram of this automation"
                />
              </Paper>
            </Grid.Col>
          </Grid>
        ) : (
          editor
        )}

        {saveError && (
          <Alert color="red" role="alert" title="Not saved">
            {saveErrorMessage(saveError)}
          </Alert>
        )}

        <Group justify="space-between" gap="sm">
          <Group gap="sm">
            <Button variant="subtle" color="gray" onClick={dirty ? discardDialog.open : onCancel}>
              Cancel
            </Button>
            {active > 0 && (
              <Button variant="default" onClick={() => goTo(active - 1)}>
                Back
              </Button>
            )}
          </Group>
          {active < last ? (
            <Button onClick={next}>Next</Button>
          ) : (
            <Group gap="sm">
              <Button
                variant="default"
                onClick={() => submit(false)}
                disabled={saving && savingActive !== false}
                loading={saving && savingActive === false}
              >
                Save paused
              </Button>
              <Button
                onClick={() => submit(true)}
                disabled={saving && savingActive !== true}
                loading={saving && savingActive === true}
              >
                Save and activate
              </Button>
            </Group>
          )}
        </Group>
      </Stack>
      <ConfirmDialog
        opened={discardOpened}
        title="Discard your changes?"
        message="What you changed in this automation is not saved."
        confirmLabel="Discard"
        onCancel={discardDialog.close}
        onConfirm={() => {
          discardDialog.close();
          onCancel();
        }}
      />
    </BuilderContext.Provider>
  );
}
