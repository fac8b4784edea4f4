import { useState } from 'react';
import { Alert, Anchor, Button, Checkbox, Group, Loader, Modal, Paper, Stack, Text } from '@mantine/core';
import { describeError } from '../../api/errors';
import type { BulkRunFilter, BulkRunSkipReason, BulkRunsRequest, BulkRunsResult, RunSummary } from '../../api/types';
import { useBulkCancelRuns, useBulkRetryRuns } from '../../api/useBulkRunActions';
import type { RunSelection } from './RunTable';

/** Statuses a cancel applies to (the API skips the others). */
const CANCELLABLE: readonly RunSummary['status'][] = ['queued', 'waiting', 'awaiting_approval'];

const runsInWords = (count: number) => (count === 1 ? '1 run' : `${count.toLocaleString('en')} runs`);

/** Why a run was left alone, as "(it) is …" / "(they) are …". */
const SKIP_WORDS: Record<BulkRunSkipReason, { one: string; many: string }> = {
  not_failed: { one: 'is no longer failed', many: 'are no longer failed' },
  already_finished: { one: 'has already finished', many: 'have already finished' },
  running: { one: 'is running right now', many: 'are running right now' },
  purged: { one: 'is past the data retention period', many: 'are past the data retention period' },
  not_found: { one: 'no longer exists', many: 'no longer exist' },
};

/** "11 retried, 1 skipped: it is no longer failed" — the answer of a bulk action, in words. */
export function bulkResultInWords(result: BulkRunsResult, doneWord: string): string {
  const done = `${result.done.toLocaleString('en')} ${doneWord}`;
  const skipped = result.skipped.length;
  if (skipped === 0) return done;
  const counts = new Map<BulkRunSkipReason, number>();
  for (const item of result.skipped) counts.set(item.reason, (counts.get(item.reason) ?? 0) + 1);
  const words = (reason: BulkRunSkipReason, count: number) =>
    count === 1
      ? (SKIP_WORDS[reason]?.one ?? 'could not be changed')
      : (SKIP_WORDS[reason]?.many ?? 'could not be changed');
  const groups = [...counts.entries()];
  const why =
    groups.length === 1
      ? `${skipped === 1 ? 'it' : 'they'} ${words(groups[0][0], skipped)}`
      : groups.map(([reason, count]) => `${count.toLocaleString('en')} ${words(reason, count)}`).join(', ');
  return `${done}, ${skipped.toLocaleString('en')} skipped: ${why}`;
}

export interface RunSelectionState {
  /** Picked runs by id (kept across pages of the same filter). */
  picked: Map<string, RunSummary>;
  /** Every run matching the filter is selected (the request then names the filter, not ids). */
  byFilter: boolean;
  setPicked: (picked: Map<string, RunSummary>) => void;
  setByFilter: (on: boolean) => void;
  clear: () => void;
  /** For the table's row checkboxes. */
  table: RunSelection;
}

/** The run history's selection; it starts over whenever the filters change (`filterKey`). */
export function useRunSelection(filterKey: string): RunSelectionState {
  const [state, setState] = useState({ key: filterKey, picked: new Map<string, RunSummary>(), byFilter: false });
  const current =
    state.key === filterKey ? state : { key: filterKey, picked: new Map<string, RunSummary>(), byFilter: false };
  if (current !== state) setState(current);
  const setPicked = (picked: Map<string, RunSummary>) => setState({ ...current, picked, byFilter: false });
  return {
    picked: current.picked,
    byFilter: current.byFilter,
    setPicked,
    setByFilter: (byFilter) => setState({ ...current, byFilter }),
    clear: () => setState({ key: filterKey, picked: new Map(), byFilter: false }),
    table: {
      isSelected: (run) => current.byFilter || current.picked.has(run.id),
      onToggle: (run, on) => {
        // Unticking one run while "all matching" is on falls back to the runs of this page.
        const next = new Map(current.picked);
        if (on) next.set(run.id, run);
        else next.delete(run.id);
        setPicked(next);
      },
    },
  };
}

interface SelectPageProps {
  selection: RunSelectionState;
  runs: RunSummary[];
  total: number;
}

/** The header checkbox (this page's runs) with the run count, and the offer to select every run matching the filter. */
export function RunSelectPage({ selection, runs, total }: SelectPageProps) {
  const onPage = runs.filter((run) => selection.byFilter || selection.picked.has(run.id)).length;
  const allOnPage = runs.length > 0 && onPage === runs.length;
  const togglePage = (on: boolean) => {
    const next = new Map(selection.byFilter ? [] : selection.picked);
    for (const run of runs) {
      if (on) next.set(run.id, run);
      else next.delete(run.id);
    }
    selection.setPicked(next);
  };
  return (
    <Stack gap={4} mb="xs">
      <Group gap="xs" wrap="nowrap">
        <Checkbox
          aria-label="Select all runs on this page"
          checked={allOnPage}
          indeterminate={onPage > 0 && !allOnPage}
          onChange={(event) => togglePage(event.currentTarget.checked)}
        />
        <Text size="sm" c="dimmed">
          {runsInWords(total)}
        </Text>
      </Group>
      {allOnPage && total > runs.length && (
        <Text size="sm">
          {selection.byFilter ? (
            <>
              All {runsInWords(total)} matching this filter are selected.{' '}
              <Anchor component="button" type="button" size="sm" onClick={selection.clear}>
                Clear selection
              </Anchor>
            </>
          ) : (
            <>
              The {runsInWords(runs.length)} on this page are selected.{' '}
              <Anchor component="button" type="button" size="sm" onClick={() => selection.setByFilter(true)}>
                Select all {runsInWords(total)} matching this filter
              </Anchor>
            </>
          )}
        </Text>
      )}
    </Stack>
  );
}

type Action = 'retry' | 'cancel';

interface ActionBarProps {
  selection: RunSelectionState;
  /** How many runs match the filter (for a selection by filter). */
  total: number;
  /** The page's filters, as the bulk routes take them. */
  filter: BulkRunFilter;
  /** The result (or nothing when a new action starts), shown by the page. */
  onResult: (result: { color: string; text: string } | null) => void;
}

/**
 * "Retry selected" and "Cancel selected" (managers), in a bar that sticks to the bottom of the screen while runs
 * are selected; each asks for confirmation with the count, shows progress, then hands the result in words up.
 */
export function RunBulkActionBar({ selection, total, filter, onResult }: ActionBarProps) {
  const retry = useBulkRetryRuns();
  const cancel = useBulkCancelRuns();
  const [confirming, setConfirming] = useState<Action | null>(null);
  const picked = [...selection.picked.values()];
  const failedIds = picked.filter((run) => run.status === 'failed').map((run) => run.id);
  const cancellableIds = picked.filter((run) => CANCELLABLE.includes(run.status)).map((run) => run.id);
  const byFilter = selection.byFilter;
  const retryCount = byFilter ? (filter.status === 'failed' ? total : 0) : failedIds.length;
  const cancelCount = byFilter
    ? filter.status && CANCELLABLE.includes(filter.status)
      ? total
      : 0
    : cancellableIds.length;
  const selectedCount = byFilter ? total : picked.length;
  if (selectedCount === 0) return null;

  const mutation = confirming === 'cancel' ? cancel : retry;
  const count = confirming === 'cancel' ? cancelCount : retryCount;
  const run = () => {
    if (!confirming) return;
    const body: BulkRunsRequest = byFilter
      ? { filter }
      : { runIds: confirming === 'cancel' ? cancellableIds : failedIds };
    onResult(null);
    mutation.mutate(body, {
      onSuccess: (result) => {
        setConfirming(null);
        selection.clear();
        onResult({
          color: result.skipped.length ? 'orange' : 'green',
          text: bulkResultInWords(result, confirming === 'cancel' ? 'cancelled' : 'retried'),
        });
      },
    });
  };
  const close = () => {
    if (mutation.isPending) return;
    mutation.reset();
    setConfirming(null);
  };

  return (
    <>
      <Paper
        role="region"
        aria-label="Selected runs"
        withBorder
        shadow="sm"
        p="xs"
        mt="xs"
        style={{ position: 'sticky', bottom: 0, zIndex: 2 }}
      >
        <Group justify="space-between" gap="xs">
          <Text size="sm" fw={500}>
            {selectedCount.toLocaleString('en')} selected
          </Text>
          <Group gap="xs">
            <Button size="xs" variant="subtle" onClick={selection.clear}>
              Clear
            </Button>
            <Button
              size="xs"
              variant="light"
              color="red"
              disabled={retryCount === 0}
              onClick={() => setConfirming('retry')}
            >
              Retry selected
            </Button>
            <Button size="xs" variant="light" disabled={cancelCount === 0} onClick={() => setConfirming('cancel')}>
              Cancel selected
            </Button>
          </Group>
        </Group>
      </Paper>
      <Modal
        opened={confirming !== null}
        onClose={close}
        title={confirming === 'cancel' ? 'Cancel runs' : 'Retry runs'}
        closeOnClickOutside={!mutation.isPending}
        withCloseButton={!mutation.isPending}
      >
        {mutation.isPending ? (
          <Group gap="sm" role="status">
            <Loader size="sm" />
            <Text size="sm">
              {confirming === 'cancel' ? 'Cancelling' : 'Retrying'} {runsInWords(count)}…
            </Text>
          </Group>
        ) : (
          <Stack gap="md">
            <Text size="sm">
              {confirming === 'cancel'
                ? `Cancel ${runsInWords(count)}? They will not run.`
                : `Retry ${count === 1 ? '1 failed run' : `${count.toLocaleString('en')} failed runs`}?`}
            </Text>
            {confirming === 'retry' && (
              <Text size="xs" c="dimmed">
                Each one resumes from the step that failed; steps that already ran are not repeated.
              </Text>
            )}
            {mutation.isError && (
              <Alert
                color="red"
                role="alert"
                p="xs"
                title={confirming === 'cancel' ? 'Could not cancel the runs' : 'Could not retry the runs'}
              >
                {describeError(mutation.error)}
              </Alert>
            )}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={close}>
                Keep them
              </Button>
              <Button color={confirming === 'cancel' ? 'red' : undefined} onClick={run}>
                {confirming === 'cancel' ? `Cancel ${runsInWords(count)}` : `Retry ${runsInWords(count)}`}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
