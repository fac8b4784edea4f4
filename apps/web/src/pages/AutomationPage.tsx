import { useMemo, useState } from 'react';
import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconTemplate } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { ApiError, describeError } from '../api/errors';
import type { Template } from '../api/types';
import { useWorkflow } from '../api/useWorkflow';
import { useExportWorkflow } from '../api/useWorkflowPortability';
import { usePermissions } from '../auth/usePermissions';
import { automationFileName, downloadJson } from '../components/automation/automationFile';
import { SavedTemplateNotice } from '../components/automation/SavedTemplateNotice';
import { SaveAsTemplateDialog } from '../components/automation/SaveAsTemplateDialog';
import { draftFromWorkflow } from '../components/builder/draftConversion';
import { AttentionBadge } from '../components/dashboard/AttentionBadge';
import { AutomationStat } from '../components/dashboard/AutomationStat';
import { AutomationStatusBadge } from '../components/dashboard/AutomationStatusBadge';
import { LastRunStat } from '../components/dashboard/LastRunStat';
import { CatalogFlowDiagram } from '../components/flow/CatalogFlowDiagram';
import { AutomationHistory } from '../components/history/AutomationHistory';
import { LoadingState } from '../components/LoadingState';
import { QueryError } from '../components/QueryError';
import { automationInOneLine } from '../lib/automationWords';
import { formatCount, formatPausedReason, formatRate } from '../lib/format';

/**
 * `/automations/:id`: what one automation does, read-only: in one line, its status and figures, and its flow diagram;
 * Export (every role) downloads it as a file, Save as template (managers and admins) adds it to the template library;
 * its History lists the saved versions, compares any two in words, and restores an older one (managers and admins).
 */
export function AutomationPage() {
  const { id } = useParams();
  const { canEdit } = usePermissions();
  const workflow = useWorkflow(id);
  const input = useMemo(() => (workflow.data ? draftFromWorkflow(workflow.data) : null), [workflow.data]);
  const exporter = useExportWorkflow();
  const [templateDialogOpened, setTemplateDialogOpened] = useState(false);
  const [savedTemplate, setSavedTemplate] = useState<Template | null>(null);

  const back = (
    <Anchor component={Link} to="/" size="sm">
      ← Back to automations
    </Anchor>
  );

  if (workflow.error instanceof ApiError && workflow.error.status === 404) {
    return (
      <Stack gap="md">
        {back}
        <Alert color="yellow" title="Automation not found">
          It does not exist or was deleted.
        </Alert>
      </Stack>
    );
  }
  if (workflow.error) {
    return (
      <Stack gap="md">
        {back}
        <QueryError
          title="Could not load the automation"
          error={workflow.error}
          onRetry={() => void workflow.refetch()}
        />
      </Stack>
    );
  }
  if (!workflow.data || !input) return <LoadingState label="Loading automation…" />;

  const { name, description, isActive, pausedReason, lastRunAt, successRate, runCount, failedRunsNeedingAttention } =
    workflow.data;
  const exportFile = () =>
    exporter.mutate(workflow.data.id, { onSuccess: (document) => downloadJson(automationFileName(name), document) });
  return (
    <Stack gap="md">
      {back}
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4} miw={0} style={{ flex: '1 1 320px' }}>
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            {name}
          </Title>
          <Text fw={500}>{automationInOneLine(workflow.data.triggers, workflow.data.steps)}</Text>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </Stack>
        <Group gap="xs">
          <Button component={Link} to={`/runs?workflowId=${id}`} variant="default">
            See its runs
          </Button>
          <Button
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden="true" />}
            loading={exporter.isPending}
            onClick={exportFile}
          >
            Export
          </Button>
          {canEdit && (
            <Button
              variant="default"
              leftSection={<IconTemplate size={16} aria-hidden="true" />}
              onClick={() => setTemplateDialogOpened(true)}
            >
              Save as template
            </Button>
          )}
          {canEdit && (
            <Button component={Link} to={`/automations/${id}/edit`}>
              Edit
            </Button>
          )}
        </Group>
      </Group>

      {exporter.isError && (
        <Alert
          color="red"
          role="alert"
          title="Not exported"
          withCloseButton
          closeButtonLabel="Close the message"
          onClose={() => exporter.reset()}
        >
          {describeError(exporter.error)}
        </Alert>
      )}
      {savedTemplate && <SavedTemplateNotice template={savedTemplate} onClose={() => setSavedTemplate(null)} />}
      {canEdit && templateDialogOpened && (
        <SaveAsTemplateDialog
          workflow={{ id: workflow.data.id, name, description }}
          opened
          onClose={() => setTemplateDialogOpened(false)}
          onSaved={setSavedTemplate}
        />
      )}

      <Paper withBorder p="sm">
        <Group gap="xl" align="flex-start">
          <AutomationStat label="Status">
            <Group gap="xs">
              <AutomationStatusBadge isActive={isActive} />
              {!isActive && pausedReason && <Text size="sm">{formatPausedReason(pausedReason)}</Text>}
              <AttentionBadge count={failedRunsNeedingAttention} />
            </Group>
          </AutomationStat>
          <LastRunStat lastRunAt={lastRunAt} />
          <AutomationStat label="Success rate">{formatRate(successRate)}</AutomationStat>
          <AutomationStat label="Runs">{formatCount(runCount)}</AutomationStat>
        </Group>
      </Paper>

      <Stack gap="xs" component="section" aria-labelledby="flow-heading">
        <Title order={3} id="flow-heading">
          How it runs
        </Title>
        <CatalogFlowDiagram input={input} label={`Flow diagram of ${name}`} />
      </Stack>

      <Stack gap="xs" component="section" aria-labelledby="history-heading">
        <Title order={3} id="history-heading">
          History
        </Title>
        <AutomationHistory workflowId={workflow.data.id} isActive={isActive} canRestore={canEdit} />
      </Stack>
    </Stack>
  );
}
