import { useMemo } from 'react';
import { useActionTypes, useTriggerTypes } from '../../api/useTypeCatalogs';
import { LoadingState } from '../LoadingState';
import { QueryError } from '../QueryError';
import type { FlowDiagramProps } from './FlowDiagram';
import { LazyFlowDiagram } from './LazyFlowDiagram';

/** A flow diagram labelled from the trigger and action catalogs: loading, then the diagram, or the catalogs' error with a retry. */
export function CatalogFlowDiagram(props: Omit<FlowDiagramProps, 'labels'>) {
  const triggers = useTriggerTypes();
  const actions = useActionTypes();
  const labels = useMemo(
    () => ({ triggers: triggers.data ?? [], actions: actions.data ?? [] }),
    [triggers.data, actions.data],
  );
  if (triggers.data && actions.data) return <LazyFlowDiagram {...props} labels={labels} />;
  if (triggers.error || actions.error) {
    return (
      <QueryError
        title="Could not load the step types"
        error={triggers.error ?? actions.error}
        onRetry={() => void (triggers.error ? triggers : actions).refetch()}
      />
    );
  }
  return <LoadingState label="Loading flow diagram…" />;
}
