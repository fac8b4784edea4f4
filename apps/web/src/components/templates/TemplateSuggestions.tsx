import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTemplates } from '../../api/useTemplates';
import { LoadingState } from '../LoadingState';
import { TemplateCard } from './TemplateCard';
import { useTypeLabels } from './typeLabels';

const SUGGESTED = 3;

/** The dashboard of an agency without automations: the most used templates to start from, the gallery, or a blank wizard. */
export function TemplateSuggestions({ canCreate }: { canCreate: boolean }) {
  const templates = useTemplates({ category: 'all', search: '', pageSize: SUGGESTED });
  const labelOf = useTypeLabels();
  const items = (templates.data?.items ?? []).slice(0, SUGGESTED);
  return (
    <Paper withBorder p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby="start-heading">
      <Stack gap="md">
        <Stack gap={4}>
          <Text fw={600} size="lg" id="start-heading">
            No automations yet — start from a template
          </Text>
          <Text size="sm" c="dimmed">
            Automations run actions for your clients when something happens — a stage change, a KPI dropping, a new
            message — or on a schedule. These ready-made ones are what agencies use most.
          </Text>
        </Stack>
        {templates.isPending ? (
          <LoadingState label="Loading templates…" />
        ) : (
          items.length > 0 && (
            <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
              {items.map((template) => (
                <TemplateCard key={template.id} template={template} labelOf={labelOf} canUse={canCreate} />
              ))}
            </SimpleGrid>
          )
        )}
        <Group gap="sm">
          <Button component={Link} to="/templates" variant={canCreate ? 'default' : 'filled'}>
            Browse all templates
          </Button>
          {canCreate && (
            <Button component={Link} to="/automations/new" variant="subtle">
              Start from scratch
            </Button>
          )}
        </Group>
        {!canCreate && <Text size="sm">Ask an admin or account manager to create one.</Text>}
        <Text size="xs" c="dimmed">
          Integrators can also create them via the API, see{' '}
          <Anchor href="/api/docs" target="_blank" rel="noreferrer">
            /api/docs
          </Anchor>
        </Text>
      </Stack>
    </Paper>
  );
}
