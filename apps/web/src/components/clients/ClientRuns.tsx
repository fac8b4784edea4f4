import { useState } from 'react';
import { Anchor, Stack } from '@mantine/core';
import { Link } from 'react-router';
import { useRuns } from '../../api/useRuns';
import { EmptyState } from '../EmptyState';
import { LoadingState } from '../LoadingState';
import { QueryError } from '../QueryError';
import { RunDetailsModal } from '../runs/RunDetailsModal';
import { pageCountOf } from '../../lib/searchParams';
import { RunTable } from '../runs/RunTable';

const PAGE_SIZE = 20;

/** A client's runs, newest first; a row opens its details here. */
export function ClientRuns({ clientId }: { clientId: string }) {
  const [page, setPage] = useState(1);
  const [openRunId, setOpenRunId] = useState<string | null>(null);
  const runs = useRuns({ clientId, page, pageSize: PAGE_SIZE });
  const { data, error } = runs;
  const pageCount = pageCountOf(data);
  return (
    <Stack gap="sm">
      {data ? (
        data.items.length === 0 ? (
          <EmptyState title="No runs for this client yet" />
        ) : (
          <RunTable
            runs={data.items}
            hideClient
            linkTo={(run) => `/runs/${run.id}`}
            onOpen={(run) => setOpenRunId(run.id)}
            pages={{ page, pageCount, onChange: setPage }}
          />
        )
      ) : error ? (
        <QueryError title="Could not load runs" error={error} onRetry={() => void runs.refetch()} />
      ) : (
        <LoadingState label="Loading runs…" />
      )}
      <Anchor component={Link} to={`/runs?clientId=${clientId}`} size="sm">
        Filter in run history
      </Anchor>
      <RunDetailsModal runId={openRunId} onClose={() => setOpenRunId(null)} />
    </Stack>
  );
}
