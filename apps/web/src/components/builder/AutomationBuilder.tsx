import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Grid, Group, Paper, Stack, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { ApiError, describeError, validationErrorsOf } from '../../api/errors';
import type { WorkflowDetail } from '../../api/types';
import { useSaveWorkflow } from '../../api/useWorkflowMutations';
import { describeCron } from '../../lib/cronDescription';
import { ConfirmDialog } from '../ConfirmDialog';
import { LazyFlowDiagram } from '../flow/LazyFlowDiagram';
import { ActionChainEditor } from './ActionChainEditor';
import { BasicsStep } from './BasicsStep';
import { BuilderContext, type BuilderContextValue } from './BuilderContext';
import { DefinitionSummary } from './DefinitionSummary';
import { definitionFromDraft } from './draftConversion';
import type { Draft } from './draft';
import { conditionFieldSuggestions, templateVariableGroups } from './templateVariables';
import { TestRunner } from './TestRunner';
import { TriggerConfiguration } from './TriggerConfiguration';
import { validateWizardStep, type Catalogs } from './validateDraft';
import { firstStepWithErrors, WIZARD_STEPS, wizardStepOf, type WizardStepId } from './wizardSteps';
import { WizardProgress } from './WizardProgress';

interface AutomationBuilderProps {
  initialDraft: Draft;
  /** Set when editing a saved automation. */
  workflow?: { id: string; version: number };
  catalogs: Catalogs;
  defaultTimezone: string;
  onSaved: (workflow: WorkflowDetail) => void;
  onCancel: () => void;
}

const LAST = WIZARD_STEPS.length - 1;

function withoutPath(errors: Record<string, string>, path: string): Record<string, string> {
  const kept = Object.entries(errors).filter(([key]) => key !== path && !key.startsWith(`${path}.`) && !key.startsWith(`${path}[`));
  return kept.length === Object.keys(errors).length ? errors : Object.fromEntries(kept);
}

function saveErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 409) {
    return 'Someone else saved this automation after you opened it. Reload the page to edit the latest version (your changes here are not saved).';
  }
  if (error instanceof ApiError && error.status === 400) return `The server did not accept the automation: ${error.message}`;
  return describeError(error);
}

/**
 * The step-by-step builder, for new and saved automations alike: Basics → Triggers (a schedule is
 * one kind of trigger) → Actions → Review & test. Each step is checked before moving on; a 400 from the server lands
 * on the field its `details[].path` names, and the wizard opens the step that shows it.
 */
export function AutomationBuilder({ initialDraft, workflow, catalogs, defaultTimezone, onSaved, onCancel }: AutomationBuilderProps) {
  const [draft, setDraft] = useState(initialDraft);
  const [active, setActive] = useState(0);
  const [reached, setReached] = useState(workflow ? LAST : 0);
  const [checked, setChecked] = useState<ReadonlySet<WizardStepId>>(new Set());
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [discardOpened, discardDialog] = useDisclosure(false);
  const save = useSaveWorkflow();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const [focusRequest, setFocusRequest] = useState<{ target: 'heading' | 'invalid' } | null>(null);

  const stepId = WIZARD_STEPS[active].id;
  const clientErrors = useMemo(() => {
    const errors: Record<string, string> = {};
    for (const step of checked) Object.assign(errors, validateWizardStep(step, draft, catalogs));
    return errors;
  }, [checked, draft, catalogs]);
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
    const problems = validateWizardStep(stepId, draft, catalogs);
    setChecked((current) => new Set([...current, stepId]));
    if (Object.keys(problems).length > 0) {
      setFocusRequest({ target: 'invalid' });
      return;
    }
    goTo(active + 1);
  };

  const showErrorsAt = (step: WizardStepId | null) => {
    const index = WIZARD_STEPS.findIndex((candidate) => candidate.id === step);
    if (index >= 0 && index !== active) setActive(index);
    setFocusRequest({ target: 'invalid' });
  };

  const submit = (isActive: boolean) => {
    const all = Object.assign({}, ...WIZARD_STEPS.map((step) => validateWizardStep(step.id, draft, catalogs))) as Record<string, string>;
    setChecked(new Set(WIZARD_STEPS.map((step) => step.id)));
    if (Object.keys(all).length > 0) {
      showErrorsAt(firstStepWithErrors(all));
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
        if (Object.keys(fieldErrors).length > 0) showErrorsAt(firstStepWithErrors(fieldErrors));
      },
    });
  };

  const receivePreviewErrors = (fieldErrors: Record<string, string>) => {
    setServerErrors(fieldErrors);
    showErrorsAt(firstStepWithErrors(fieldErrors));
  };

  const dirty = draft !== initialDraft;
  const stepErrorCount = Object.keys(errors).filter((path) => wizardStepOf(path) === stepId).length;
  const showStepAlert = stepId !== 'review' && stepErrorCount > 0;
  // Beside the steps on wide screens, under them on phones; it follows every edit.
  const showFlow = stepId === 'actions' || stepId === 'review';

  const editor = (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="wizard-step-heading">
      <Stack gap="md" ref={contentRef}>
        <Title order={3} id="wizard-step-heading" ref={headingRef} tabIndex={-1} style={{ outline: 'none' }}>
          {WIZARD_STEPS[active].label}
        </Title>
        {showStepAlert && (
          <Alert color="red" variant="light" role="alert" p="xs">
            {stepErrorCount === 1 ? 'Fix the highlighted field to continue.' : `Fix the ${stepErrorCount} highlighted fields to continue.`}
          </Alert>
        )}
        {stepId === 'basics' && <BasicsStep draft={draft} onChange={update} />}
        {stepId === 'triggers' && <TriggerConfiguration triggers={draft.triggers} onChange={(triggers) => update({ triggers })} />}
        {stepId === 'actions' && <ActionChainEditor steps={draft.steps} onChange={(steps) => update({ steps })} path="steps" />}
        {stepId === 'review' && (
          <Stack gap="lg">
            <DefinitionSummary draft={draft} />
            <div>
              <Title order={4} mb="xs">
                Test run
              </Title>
              <TestRunner definition={definitionFromDraft(draft)} triggers={draft.triggers} onValidationErrors={receivePreviewErrors} />
            </div>
          </Stack>
        )}
      </Stack>
    </Paper>
  );

  return (
    <BuilderContext.Provider value={context}>
      <Stack gap="md">
        <WizardProgress active={active} reached={reached} onSelect={goTo} />

        {showFlow ? (
          <Grid gutter="md" align="flex-start">
            <Grid.Col span={{ base: 12, lg: 7 }}>{editor}</Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }} style={{ position: 'sticky', top: 72 }}>
              <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-label="Flow">
                <Title order={4} mb="xs">
                  Flow
                </Title>
                <LazyFlowDiagram input={draft} labels={catalogs} cronWords={describeCron} label="Flow diagram of this automation" />
              </Paper>
            </Grid.Col>
          </Grid>
        ) : (
          editor
        )}

        {save.isError && (
          <Alert color="red" role="alert" title="Not saved">
            {saveErrorMessage(save.error)}
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
          {active < LAST ? (
            <Button onClick={next}>Next</Button>
          ) : (
            <Group gap="sm">
              <Button
                variant="default"
                onClick={() => submit(false)}
                disabled={save.isPending && save.variables?.definition.isActive !== false}
                loading={save.isPending && save.variables?.definition.isActive === false}
              >
                Save paused
              </Button>
              <Button
                onClick={() => submit(true)}
                disabled={save.isPending && save.variables?.definition.isActive !== true}
                loading={save.isPending && save.variables?.definition.isActive === true}
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
