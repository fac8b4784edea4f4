import { useMutation } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';
import type { PreviewRequest } from './types';

/** What the builder sends; `useAi` defaults to false (template drafts, nothing leaves the server). */
export type PreviewInput = Omit<PreviewRequest, 'useAi'> & { useAi?: boolean };

/** POST /workflows/test: what the (unsaved) definition would do, without side effects. */
export function usePreviewWorkflow() {
  return useMutation({
    mutationFn: ({ useAi = false, ...input }: PreviewInput) =>
      unwrap(api.POST('/api/v1/workflows/test', { body: { ...input, useAi } })),
  });
}
