import { Chip, Group } from '@mantine/core';
import { TEMPLATE_CATEGORIES } from './templateCategories';
import type { TemplateCategory } from './templateModel';

export type CategoryFilter = TemplateCategory | 'all';

interface TemplateCategoryFilterProps {
  value: CategoryFilter;
  onChange: (value: CategoryFilter) => void;
}

/** "All" and the six categories, one chosen at a time; wraps on a phone. */
export function TemplateCategoryFilter({ value, onChange }: TemplateCategoryFilterProps) {
  return (
    <Chip.Group multiple={false} value={value} onChange={(next) => onChange(next as CategoryFilter)}>
      <Group gap="xs" role="group" aria-label="Category">
        <Chip value="all" size="sm">
          All
        </Chip>
        {TEMPLATE_CATEGORIES.map((category) => (
          <Chip key={category.value} value={category.value} size="sm">
            {category.label}
          </Chip>
        ))}
      </Group>
    </Chip.Group>
  );
}
