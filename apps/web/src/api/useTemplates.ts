import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';
import { queryKeys } from './queryKeys';
import type { PortableWorkflowDocument, TemplateCategory, TemplateListQuery } from './types';

export interface TemplateListParams {
  category: TemplateCategory | 'all';
  search: string;
  /** The dashboard asks for a few; the gallery for the whole library. */
  pageSize?: number;
}

/** The whole library fits one page (built-ins plus what an agency saved or imported). */
const GALLERY_PAGE_SIZE = 200;

export function toTemplateListQuery({
  category,
  search,
  pageSize = GALLERY_PAGE_SIZE,
}: TemplateListParams): TemplateListQuery {
  const query: TemplateListQuery = { page: 1, pageSize };
  const term = search.trim();
  if (term) query.search = term;
  if (category !== 'all') query.category = category;
  return query;
}

/** GET /templates: most used first, then the built-ins in gallery order, then the newest. */
export function useTemplates(params: TemplateListParams) {
  return useQuery({
    queryKey: [...queryKeys.templates, 'list', params],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/templates', { params: { query: toTemplateListQuery(params) }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useTemplate(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.template(id ?? ''),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/templates/{id}', { params: { path: { id: id! } }, signal })),
    enabled: id !== undefined,
  });
}

function useInvalidateTemplates() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.templates });
}

/** POST /templates/{id}/instantiate: a new automation from the template with these values (its usage count rises). */
export function useInstantiateTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; values: Record<string, unknown>; name?: string; activate: boolean }) =>
      unwrap(api.POST('/api/v1/templates/{id}/instantiate', { params: { path: { id } }, body })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.templates }),
        queryClient.invalidateQueries({ queryKey: queryKeys.workflows }),
      ]),
  });
}

export function useRenameTemplate() {
  const invalidate = useInvalidateTemplates();
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) =>
      unwrap(api.PATCH('/api/v1/templates/{id}', { params: { path: { id } }, body: { name } })),
    onSuccess: invalidate,
  });
}

export function useDeleteTemplate() {
  const invalidate = useInvalidateTemplates();
  return useMutation({
    mutationFn: ({ id }: { id: string }) => unwrap(api.DELETE('/api/v1/templates/{id}', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

/** How long a new share code works (the API's default, said in the share dialog). */
export const SHARE_CODE_DAYS = 30;

/** POST /templates/{id}/share: a new code (the previous one stops working); the code is only shown in this answer. */
export function useShareTemplate() {
  const invalidate = useInvalidateTemplates();
  return useMutation({
    mutationFn: ({ id }: { id: string }) =>
      unwrap(
        api.POST('/api/v1/templates/{id}/share', {
          params: { path: { id } },
          body: { expiresInDays: SHARE_CODE_DAYS },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useRevokeTemplateShare() {
  const invalidate = useInvalidateTemplates();
  return useMutation({
    mutationFn: ({ id }: { id: string }) =>
      unwrap(api.DELETE('/api/v1/templates/{id}/share', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

/** POST /templates/import with another agency's share code: a copy in this agency's library. */
export function useImportTemplate() {
  const invalidate = useInvalidateTemplates();
  return useMutation({
    mutationFn: ({ shareCode }: { shareCode: string }) =>
      unwrap(api.POST('/api/v1/templates/import', { body: { shareCode } })),
    onSuccess: invalidate,
  });
}

/** POST /workflows/import with an exported file: a new paused automation. */
export function useImportWorkflow() {
  const queryClient = useQueryClient();
  return useMutation({
    // The file was only read far enough to ask for its values: the API checks the document itself (400 at `document.…`).
    mutationFn: ({ document, values }: { document: Record<string, unknown>; values?: Record<string, unknown> }) =>
      unwrap(
        api.POST('/api/v1/workflows/import', {
          body: { document: document as unknown as PortableWorkflowDocument, ...(values ? { values } : {}) },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.workflows }),
  });
}
