import { useMemo, useState } from 'react';
import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api/errors';
import type { WorkflowDetail } from '../api/types';
import { useAgency } from '../api/useAgency';
import { useTemplate } from '../api/useTemplates';
import { useActionTypes, useTriggerTypes } from '../api/useTypeCatalogs';
import { useWorkflow } from '../api/useWorkflow';
import { usePermissions } from '../auth/usePermissions';
import { AutomationBuilder } from '../components/builder/AutomationBuilder';
import { emptyDraft } from '../components/builder/draft';
import { draftFromWorkflow } from '../components/builder/draftConversion';
import type { Catalogs } from '../components/builder/validateDraft';
import { LoadingState } from '../components/LoadingState';
import { QueryError } from '../components/QueryError';
import { initialPlaceholderValues } from '../components/templates/placeholderValues';
import { fillTemplateDraft, type TemplateToFill } from '../components/templates/templateFill';
import type { SavedFlash } from './savedFlash';

const FALLBACK_TIMEZONE = 'UTC';

/**
 * `/automations/new` and `/automations/:id/edit`: the same wizard, empty or filled from the saved definition;
 * `/automations/new?template=<id>` starts from a template, asking first for its values.
 */
export function AutomationBuilderPage() {
  const { id } = useParams();
  const [searchParams] = useSearchParams();
  const templateId = id ? undefined : (searchParams.get('template') ?? undefined);
  const navigate = useNavigate();
  const permissions = usePermissions();
  const triggers = useTriggerTypes();
  const actions = useActionTypes();
  const agency = useAgency();
  const workflow = useWorkflow(id);
  const template = useTemplate(templateId);
  const catalogs = useMemo<Catalogs | undefined>(
    () => (triggers.data && actions.data ? { triggers: triggers.data, actions: actions.data } : undefined),
    [triggers.data, actions.data],
  );

  const heading = id
    ? `Edit “${workflow.data?.name ?? '…'}”`
    : templateId
      ? `New automation from “${template.data?.name ?? '…'}”`
      : 'New automation';
  const back = (
    <Anchor component={Link} to="/" size="sm">
      ← Back to automations
    </Anchor>
  );

  let body;
  if (permissions.isPending) {
    body = <LoadingState label="Loading…" />;
  } else if (permissions.error) {
    body = (
      <QueryError title="Could not check what you may change" error={permissions.error} onRetry={permissions.retry} />
    );
  } else if (!permissions.canEdit) {
    body = (
      <Alert color="yellow" title="Read-only access">
        Your role can view automations but not create or change them. Ask an admin if you need to.
      </Alert>
    );
  } else if (workflow.error instanceof ApiError && workflow.error.status === 404) {
    body = (
      <Alert color="yellow" title="Automation not found">
        It does not exist or was deleted.
      </Alert>
    );
  } else if (template.error instanceof ApiError && template.error.status === 404) {
    body = (
      <Alert color="yellow" title="Template not found">
        It does not exist or was deleted.{' '}
        <Anchor component={Link} to="/templates">
          Browse the templates
        </Anchor>
      </Alert>
    );
  } else if (triggers.error || actions.error || workflow.error || template.error) {
    const failed = triggers.error ? triggers : actions.error ? actions : workflow.error ? workflow : template;
    body = <QueryError title="Could not load the builder" error={failed.error} onRetry={() => void failed.refetch()} />;
  } else if (!catalogs || (id && !workflow.data) || (templateId && !template.data) || agency.isPending) {
    body = <LoadingState label={id ? 'Loading automation…' : 'Loading builder…'} />;
  } else {
    const saved = (result: WorkflowDetail) => {
      const flash: SavedFlash = {
        name: result.name,
        isActive: result.isActive,
        created: !id,
        warnings: result.warnings,
      };
      navigate('/', { state: { saved: flash } });
    };
    body = (
      <BuilderLoaded
        key={id ?? (templateId ? `template-${templateId}` : 'new')}
        workflow={workflow.data}
        template={templateId ? template.data : undefined}
        catalogs={catalogs}
        defaultTimezone={agency.data?.timezone ?? FALLBACK_TIMEZONE}
        onSaved={saved}
        onCancel={() => navigate('/')}
      />
    );
  }

  return (
    <Stack gap="md">
      {back}
      <Title order={2} style={{ overflowWrap: 'anywhere' }}>
        {heading}
      </Title>
      {id && workflow.data && (
        <Text size="sm" c="dimmed">
          Version {workflow.data.version}. Saving creates version {workflow.data.version + 1}; runs already started keep
          the version they began with.
        </Text>
      )}
      {body}
    </Stack>
  );
}

interface BuilderLoadedProps {
  workflow: WorkflowDetail | undefined;
  template: TemplateToFill | undefined;
  catalogs: Catalogs;
  defaultTimezone: string;
  onSaved: (workflow: WorkflowDetail) => void;
  onCancel: () => void;
}

/** Takes the draft once, so refetches never overwrite what the user is editing. */
function BuilderLoaded({ workflow, template, ...props }: BuilderLoadedProps) {
  const [initialDraft] = useState(() => {
    if (workflow) return draftFromWorkflow(workflow);
    return template ? fillTemplateDraft(template, initialPlaceholderValues(template.placeholders)) : emptyDraft();
  });
  return (
    <AutomationBuilder
      initialDraft={initialDraft}
      workflow={workflow && { id: workflow.id, version: workflow.version }}
      template={template}
      {...props}
    />
  );
}
