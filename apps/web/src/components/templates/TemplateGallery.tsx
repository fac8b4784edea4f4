import { SimpleGrid, Stack, Title } from '@mantine/core';
import { TEMPLATE_CATEGORIES } from './templateCategories';
import { TemplateCard } from './TemplateCard';
import type { Template } from './templateModel';

interface TemplateGalleryProps {
  templates: readonly Template[];
  labelOf: (type: string) => string;
  canUse: boolean;
  /** Shelves under category headings (the whole library), or one grid (a single category). */
  grouped: boolean;
}

function TemplateGrid({ templates, labelOf, canUse }: Omit<TemplateGalleryProps, 'grouped'>) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
      {templates.map((template) => (
        <TemplateCard key={template.id} template={template} labelOf={labelOf} canUse={canUse} />
      ))}
    </SimpleGrid>
  );
}

/** Template cards, by category in gallery order (each shelf keeps the API's order: most used first). */
export function TemplateGallery({ templates, labelOf, canUse, grouped }: TemplateGalleryProps) {
  if (!grouped) return <TemplateGrid templates={templates} labelOf={labelOf} canUse={canUse} />;
  return (
    <Stack gap="xl">
      {TEMPLATE_CATEGORIES.map((category) => {
        const shelf = templates.filter((template) => template.category === category.value);
        if (shelf.length === 0) return null;
        const headingId = `templates-${category.value}`;
        return (
          <section key={category.value} aria-labelledby={headingId}>
            <Title order={3} size="h4" id={headingId} mb="sm">
              {category.label}
            </Title>
            <TemplateGrid templates={shelf} labelOf={labelOf} canUse={canUse} />
          </section>
        );
      })}
    </Stack>
  );
}
