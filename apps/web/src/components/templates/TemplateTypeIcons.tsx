import { Group, Tooltip } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { TypeIcon } from '../icons/typeIcons';

interface TemplateTypeIconsProps {
  triggerTypes: readonly string[];
  actionTypes: readonly string[];
  /** Type → the catalog's label ("Stage change", "Create a task"). */
  labelOf: (type: string) => string;
}

/** The trigger icons, an arrow, then the action icons; each names its type on hover and to screen readers. */
export function TemplateTypeIcons({ triggerTypes, actionTypes, labelOf }: TemplateTypeIconsProps) {
  const icon = (type: string, role: 'When' | 'Then') => {
    const label = `${role}: ${labelOf(type)}`;
    return (
      <Tooltip key={`${role}-${type}`} label={label} withArrow>
        <span role="img" aria-label={label} style={{ display: 'inline-flex' }}>
          <TypeIcon type={type} size={18} />
        </span>
      </Tooltip>
    );
  };
  return (
    <Group gap={6} wrap="wrap" c="dimmed">
      {triggerTypes.map((type) => icon(type, 'When'))}
      <IconArrowRight size={14} aria-hidden="true" />
      {actionTypes.map((type) => icon(type, 'Then'))}
    </Group>
  );
}
