import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import { describeError } from '../../api/errors';
import type { components } from '../../api/schema';
import { useActionTypes, useTriggerTypes } from '../../api/useTypeCatalogs';
import { useUsers } from '../../api/useUsers';
import { useRestoreWorkflowVersion, useWorkflowVersionDiff, useWorkflowVersions } from '../../api/useWorkflowVersions';
import { formatDateTime, formatRelativeTime } from '../../lib/format';
import { ConfirmDialog } from '../ConfirmDialog';
import { LoadingState } from '../LoadingState';
import { QueryError } from '../QueryError';
import { diffInWords } from './diffWords';

type WorkflowVersion = components['schemas']['WorkflowVersionDto'];
type ActorRef = components['schemas']['ActorRefDto'];

interface AutomationHistoryProps {
  workflowId: string;
  /** Whether the automation is on now: a restore keeps it as it is. */
  isActive: boolean;
  /** Managers and admins may restore. */
  canRestore: boolean;
}

/** Who saved a version in words: the person's name, "a team member" when unknown, "an API key", "the system". */
export function actorInWords(actor: ActorRef | null, names: Map<string, string>): string {
  if (!actor) return 'the system';
  if (actor.type === 'api_key') return 'an API key';
  return names.get(actor.id) ?? 'a team member';
}

/**
 * The automation's saved versions newest first (who, when), a comparison of any two in words, and, for managers
 * and admins, "Restore this version" on an older one.
 */
export function AutomationHistory({ workflowId, isActive, canRestore }: AutomationHistoryProps) {
  const versions = useWorkflowVersions(workflowId);
  const users = useUsers();
  const names = useMemo(
    () => new Map((users.data?.items ?? []).map((user) => [user.id, user.name] as const)),
    [users.data],
  );
  const [picked, setPicked] = useState<{ from: number | null; to: number | null }>({ from: null, to: null });
  const [restoring, setRestoring] = useState<WorkflowVersion | null>(null);
  const [restoredNotice, setRestoredNotice] = useState<string | null>(null);
  const restore = useRestoreWorkflowVersion(workflowId);

  const items = versions.data ?? [];
  const current = items[0]?.version ?? null;
  const from = picked.from ?? items[1]?.version ?? null;
  const to = picked.to ?? current;

  if (versions.error)
    return (
      <QueryError title="Could not load the history" error={versions.error} onRetry={() => void versions.refetch()} />
    );
  if (!versions.data) return <LoadingState label="Loading the history…" />;

  const options = items.map((item) => ({
    value: String(item.version),
    label: `Version ${item.version}${item.version === current ? ' (current)' : ''}`,
  }));
  const newVersion = (current ?? 0) + 1;

  const confirmRestore = () => {
    if (!restoring) return;
    const version = restoring.version;
    restore.mutate(
      { version, expectedVersion: current ?? undefined },
      {
        onSuccess: () => {
          setRestoring(null);
          setPicked({ from: null, to: null });
          setRestoredNotice(`Version ${version} is now the current version (saved as version ${newVersion}).`);
        },
      },
    );
  };

  return (
    <Stack gap="md">
      {restoredNotice && (
        <Alert
          color="green"
          title="Version restored"
          withCloseButton
          closeButtonLabel="Close the message"
          onClose={() => setRestoredNotice(null)}
        >
          {restoredNotice}
        </Alert>
      )}
      <Stack gap="xs" component="ul" aria-label="Versions" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((item) => (
          <Paper component="li" withBorder p="sm" key={item.version} aria-label={`Version ${item.version}`}>
            <Group justify="space-between" gap="sm">
              <Group gap="xs">
                <Text fw={600}>Version {item.version}</Text>
                {item.version === current && (
                  <Badge color="green" variant="light">
                    current
                  </Badge>
                )}
                <Text size="sm" c="dimmed">
                  saved by {actorInWords(item.createdBy, names)}{' '}
                  <Tooltip label={formatDateTime(item.createdAt)}>
                    <time dateTime={item.createdAt} title={formatDateTime(item.createdAt)}>
                      {formatRelativeTime(item.createdAt)}
                    </time>
                  </Tooltip>
                </Text>
              </Group>
              {canRestore && item.version !== current && (
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => {
                    restore.reset();
                    setRestoring(item);
                  }}
                  aria-label={`Restore version ${item.version}`}
                >
                  Restore this version
                </Button>
              )}
            </Group>
          </Paper>
        ))}
      </Stack>

      {items.length > 1 && (
        <Stack gap="xs">
          <Title order={4}>Compare versions</Title>
          <Group gap="sm" align="flex-end">
            <Select
              label="From"
              data={options}
              value={from === null ? null : String(from)}
              onChange={(value) => value && setPicked((state) => ({ ...state, from: Number(value) }))}
              allowDeselect={false}
              w={200}
            />
            <Select
              label="To"
              data={options}
              value={to === null ? null : String(to)}
              onChange={(value) => value && setPicked((state) => ({ ...state, to: Number(value) }))}
              allowDeselect={false}
              w={200}
            />
          </Group>
          {from !== null && to !== null && (
            <VersionDiff
              workflowId={workflowId}
              from={from}
              to={to}
              toDefinition={items.find((item) => item.version === to)?.definition}
            />
          )}
        </Stack>
      )}

      {restoring && (
        <ConfirmDialog
          opened
          danger={false}
          title={`Restore version ${restoring.version}?`}
          message={`Version ${restoring.version} becomes the current version as a new version ${newVersion}; the history is kept; it stays ${isActive ? 'on' : 'off'} as it is now.`}
          confirmLabel="Restore"
          loading={restore.isPending}
          error={restore.isError ? describeError(restore.error) : null}
          onConfirm={confirmRestore}
          onCancel={() => setRestoring(null)}
        />
      )}
    </Stack>
  );
}

function VersionDiff({
  workflowId,
  from,
  to,
  toDefinition,
}: {
  workflowId: string;
  from: number;
  to: number;
  toDefinition?: Record<string, unknown>;
}) {
  const diff = useWorkflowVersionDiff(workflowId, from, to);
  const triggerTypes = useTriggerTypes();
  const actionTypes = useActionTypes();
  if (from === to) return <Text c="dimmed">No differences</Text>;
  if (diff.error)
    return <QueryError title="Could not compare the versions" error={diff.error} onRetry={() => void diff.refetch()} />;
  if (!diff.data) return <LoadingState label="Comparing…" />;
  const sections = diffInWords(
    diff.data,
    { triggers: triggerTypes.data ?? [], actions: actionTypes.data ?? [] },
    toDefinition,
  );
  if (sections.length === 0) return <Text c="dimmed">No differences</Text>;
  return (
    <Stack gap="sm" aria-label={`Changes from version ${from} to version ${to}`} role="region">
      {sections.map((section) => (
        <Stack gap={4} key={section.title}>
          <Text fw={600}>{section.title}</Text>
          <Stack gap={2} component="ul" style={{ margin: 0, paddingLeft: 20 }}>
            {section.lines.map((line) => (
              <Text component="li" size="sm" key={line}>
                {line}
              </Text>
            ))}
          </Stack>
        </Stack>
      ))}
    </Stack>
  );
}
