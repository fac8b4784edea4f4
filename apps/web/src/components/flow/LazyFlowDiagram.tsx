import { lazy, Suspense } from 'react';
import { LoadingState } from '../LoadingState';
import type { FlowDiagramProps } from './FlowDiagram';

// React Flow is big: it loads with the first diagram, never with the entry chunk.
const FlowDiagram = lazy(() => import('./FlowDiagram'));

export function LazyFlowDiagram(props: FlowDiagramProps) {
  return (
    <Suspense fallback={<LoadingState label="Loading flow diagram…" />}>
      <FlowDiagram {...props} />
    </Suspense>
  );
}
