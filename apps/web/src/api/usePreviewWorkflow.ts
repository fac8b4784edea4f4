import { useMutation } from '@tanstack/react-query';
import { readPreviewResult } from '../lib/previewResult';
import { unwrap } from './errors';
import { pendingApi } from './pendingApi';
import type { WorkflowDefinition } from './types';

export interface PreviewInput {
  definition: WorkflowDefinition;
  clientId?: string;
  /** A made-up client when the agency has none to test with. */
  client?: { name: string; stage: string; health: string };
  /** The event to evaluate the triggers on; without it their state forms are checked. */
  event?: { type: string; data: Record<string, unknown> };
}

/** POST /workflows/test: what the (unsaved) definition would do, without side effects. */
export function usePreviewWorkflow() {
  return useMutation({
    mutationFn: async (input: PreviewInput) =>
      readPreviewResult(await unwrap(pendingApi.POST('/api/v1/workflows/test', { body: input }))),
  });
}
