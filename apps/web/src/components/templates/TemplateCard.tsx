import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Template } from './templateModel';
import { TemplateSourceBadge } from './TemplateSourceBadge';
import { TemplateTypeIcons } from './TemplateTypeIcons';
import { usageWords } from './templateWords';

interface TemplateCardProps {
  template: Template;
  labelOf: (type: string) => string;
  /** Managers and admins get "Use template" on the card. */
  canUse: boolean;
}

export const useTemplatePath = (id: string) => `/automations/new?template=${encodeURIComponent(id)}`;

/** One template in the gallery: its name, what it does in words, its trigger and action icons, how often it was used and where it comes from. */
export function TemplateCard({ template, labelOf, canUse }: TemplateCardProps) {
  const { id, name, description, usageCount } = template;
  return (
    <Paper component="article" withBorder p="md" aria-label={name} h="100%">
      <Stack gap="xs" h="100%" justify="space-between">
        <Stack gap={6}>
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <Anchor
              component={Link}
              to={`/templates/${encodeURIComponent(id)}`}
              fw={600}
              c="inherit"
              style={{ overflowWrap: 'anywhere' }}
            >
              {name}
            </Anchor>
            <div style={{ flexShrink: 1, minWidth: 0 }}>
              <TemplateSourceBadge template={template} />
            </div>
          </Group>
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        </Stack>
        <Stack gap={8}>
          <TemplateTypeIcons
            triggerTypes={template.triggerTypes}
            actionTypes={template.actionTypes}
            labelOf={labelOf}
          />
          <Group justify="space-between" align="center" gap="xs">
            <Text size="xs" c="dimmed">
              {usageWords(usageCount)}
            </Text>
            {canUse && (
              <Button
                component={Link}
                to={useTemplatePath(id)}
                size="compact-sm"
                variant="light"
                aria-label={`Use template ${name}`}
              >
                Use template
              </Button>
            )}
          </Group>
        </Stack>
      </Stack>
    </Paper>
  );
}
