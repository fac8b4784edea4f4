import { useMemo, useState } from 'react';
import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, describeError } from '../api/errors';
import { useDeleteTemplate, useRevokeTemplateShare, useTemplate } from '../api/useTemplates';
import { usePermissions } from '../auth/usePermissions';
import { ConfirmButton } from '../components/ConfirmButton';
import { CatalogFlowDiagram } from '../components/flow/CatalogFlowDiagram';
import { LoadingState } from '../components/LoadingState';
import { QueryError } from '../components/QueryError';
import { PlaceholderList } from '../components/templates/PlaceholderList';
import { definitionForDisplay } from '../components/templates/placeholderValues';
import { RenameTemplateDialog } from '../components/templates/RenameTemplateDialog';
import { ShareTemplateDialog } from '../components/templates/ShareTemplateDialog';
import { useTemplatePath } from '../components/templates/TemplateCard';
import { categoryLabel } from '../components/templates/templateCategories';
import { draftFromDefinition } from '../components/templates/templateDraft';
import type { Template } from '../components/templates/templateModel';
import { TemplateSourceBadge } from '../components/templates/TemplateSourceBadge';
import { expiryInWords, usageWords } from '../components/templates/templateWords';
import { describeCron } from '../lib/cronDescription';
import { automationInOneLine } from '../lib/automationWords';

/** `/templates/:id`: what a template does (in words and drawn as in the builder), what it asks for, and what you can do with it. */
export function TemplateDetailPage() {
  const { id } = useParams();
  const query = useTemplate(id);
  const back = (
    <Anchor component={Link} to="/templates" size="sm">
      ← Back to templates
    </Anchor>
  );
  let body;
  if (query.error instanceof ApiError && query.error.status === 404) {
    body = (
      <Alert color="yellow" title="Template not found">
        It does not exist or was deleted.
      </Alert>
    );
  } else if (query.error) {
    body = <QueryError title="Could not load the template" error={query.error} onRetry={() => void query.refetch()} />;
  } else if (!query.data) {
    body = <LoadingState label="Loading template…" />;
  } else {
    body = <TemplateDetail template={query.data} />;
  }
  return (
    <Stack gap="md">
      {back}
      {body}
    </Stack>
  );
}

function TemplateDetail({ template }: { template: Template }) {
  const { canEdit, canAdminister } = usePermissions();
  const navigate = useNavigate();
  const shown = useMemo(() => definitionForDisplay(template.definition, template.placeholders), [template]);
  const flowInput = useMemo(() => draftFromDefinition(shown), [shown]);
  const [renaming, setRenaming] = useState(false);
  const [sharing, setSharing] = useState(false);
  const remove = useDeleteTemplate();
  const revoke = useRevokeTemplateShare();
  const own = template.source !== 'builtin';
  const location = useLocation();
  const imported = (location.state as { imported?: boolean } | null)?.imported === true;
  const oneLine = automationInOneLine(
    Array.isArray(shown.triggers) ? shown.triggers : [],
    Array.isArray(shown.steps) ? shown.steps : [],
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={6} miw={0} style={{ flex: '1 1 320px' }}>
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            {template.name}
          </Title>
          <Group gap="xs">
            <TemplateSourceBadge template={template} />
            <Text size="sm" c="dimmed">
              {categoryLabel(template.category)} · {usageWords(template.usageCount)}
            </Text>
          </Group>
          <Text>{template.description}</Text>
        </Stack>
        {canEdit && (
          <Group gap="xs">
            {own && (
              <>
                <Button variant="default" onClick={() => setRenaming(true)}>
                  Rename
                </Button>
                <ConfirmButton
                  variant="default"
                  color="red"
                  title="Delete this template?"
                  message="Automations already made from it keep working. Other agencies that imported it keep their copy."
                  confirmLabel="Delete template"
                  onConfirm={() => remove.mutate({ id: template.id }, { onSuccess: () => navigate('/templates') })}
                  loading={remove.isPending}
                >
                  Delete
                </ConfirmButton>
              </>
            )}
            {canAdminister && template.source === 'agency' && (
              <Button variant="default" onClick={() => setSharing(true)}>
                Share
              </Button>
            )}
            <Button component={Link} to={useTemplatePath(template.id)}>
              Use template
            </Button>
          </Group>
        )}
      </Group>

      {imported && (
        <Alert
          color="green"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => navigate(location, { replace: true, state: null })}
          title="Imported into your library"
        >
          It is yours now: use it, rename it or delete it. The agency that shared it cannot change your copy.
        </Alert>
      )}

      {remove.isError && (
        <Alert color="red" role="alert" title="Not deleted">
          {describeError(remove.error)}
        </Alert>
      )}

      {canAdminister && template.share && (
        <Paper withBorder p="sm">
          <Group justify="space-between" gap="sm">
            <Text size="sm">Shared — code expires {expiryInWords(template.share.expiresAt)}</Text>
            <ConfirmButton
              size="compact-sm"
              variant="light"
              color="red"
              title="Revoke the share code?"
              message="The code stops working at once. Agencies that already imported the template keep their copy."
              confirmLabel="Revoke"
              onConfirm={() => revoke.mutate({ id: template.id })}
              loading={revoke.isPending}
            >
              Revoke
            </ConfirmButton>
          </Group>
        </Paper>
      )}

      <Stack gap="xs" component="section" aria-labelledby="template-flow-heading">
        <Title order={3} id="template-flow-heading">
          What it does
        </Title>
        <Text fw={500}>{oneLine}</Text>
        <CatalogFlowDiagram input={flowInput} cronWords={describeCron} label={`Flow diagram of ${template.name}`} />
      </Stack>

      <Stack gap="xs" component="section" aria-labelledby="template-values-heading">
        <Title order={3} id="template-values-heading">
          What you will fill in
        </Title>
        <PlaceholderList placeholders={template.placeholders} />
      </Stack>

      {renaming && <RenameTemplateDialog template={template} opened onClose={() => setRenaming(false)} />}
      {canAdminister && template.source === 'agency' && (
        <ShareTemplateDialog template={template} opened={sharing} onClose={() => setSharing(false)} />
      )}
    </Stack>
  );
}
