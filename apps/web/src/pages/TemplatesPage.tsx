import { useState } from 'react';
import { Button, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { useTemplates } from '../api/useTemplates';
import { usePermissions } from '../auth/usePermissions';
import { EmptyState } from '../components/EmptyState';
import { LoadingState } from '../components/LoadingState';
import { QueryError } from '../components/QueryError';
import { ImportDialog } from '../components/templates/ImportDialog';
import { isTemplateCategory } from '../components/templates/templateCategories';
import { TemplateCategoryFilter, type CategoryFilter } from '../components/templates/TemplateCategoryFilter';
import { TemplateGallery } from '../components/templates/TemplateGallery';
import { useTypeLabels } from '../components/templates/typeLabels';
import { withParams } from '../lib/searchParams';

const SEARCH_DEBOUNCE_MS = 300;

/**
 * `/templates`: the library by category, with a search box; category and search are kept in the URL
 * (?category=&q=). Admins import a template (share code) or an automation (file) from here.
 */
export function TemplatesPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const categoryParam = searchParams.get('category');
  const category: CategoryFilter = isTemplateCategory(categoryParam) ? categoryParam : 'all';
  const search = searchParams.get('q') ?? '';
  const [text, setText] = useState(search);
  const [importOpened, setImportOpened] = useState(false);
  const { canEdit, canAdminister } = usePermissions();
  const labelOf = useTypeLabels();
  const templates = useTemplates({ category, search });

  const updateParams = (changes: Record<string, string | null>, replace = false) =>
    setSearchParams((current) => withParams(current, changes), { replace });
  const commitSearch = useDebouncedCallback(
    (value: string) => updateParams({ q: value.trim() || null }, true),
    SEARCH_DEBOUNCE_MS,
  );

  const items = templates.data?.items ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Group gap="xs">
          <Title order={2}>Templates</Title>
          {templates.isFetching && !templates.isPending && <Loader size="xs" aria-label="Refreshing" />}
        </Group>
        {canAdminister && (
          <Button variant="default" onClick={() => setImportOpened(true)}>
            Import
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        Ready-made automations for the plays every agency runs. Pick one, fill in who should hear about it, and switch
        it on.
      </Text>

      <TextInput
        placeholder="Search templates"
        aria-label="Search templates"
        leftSection={<IconSearch size={16} aria-hidden="true" />}
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value);
          commitSearch(event.currentTarget.value);
        }}
        maw={480}
      />
      <TemplateCategoryFilter
        value={category}
        onChange={(value) => updateParams({ category: value === 'all' ? null : value })}
      />

      {templates.data ? (
        items.length === 0 ? (
          <EmptyState title="No templates match">
            <Button
              variant="light"
              size="compact-sm"
              onClick={() => {
                setText('');
                updateParams({ q: null, category: null });
              }}
            >
              Show all templates
            </Button>
          </EmptyState>
        ) : (
          <div style={{ opacity: templates.isPlaceholderData ? 0.6 : 1 }}>
            <TemplateGallery templates={items} labelOf={labelOf} canUse={canEdit} grouped={category === 'all'} />
          </div>
        )
      ) : templates.error ? (
        <QueryError title="Could not load templates" error={templates.error} onRetry={() => void templates.refetch()} />
      ) : (
        <LoadingState label="Loading templates…" />
      )}
      {canAdminister && <ImportDialog opened={importOpened} onClose={() => setImportOpened(false)} />}
    </Stack>
  );
}
