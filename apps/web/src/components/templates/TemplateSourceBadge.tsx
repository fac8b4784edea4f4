import { Badge } from '@mantine/core';
import type { Template } from './templateModel';
import { sourceWords } from './templateWords';

const COLORS = { builtin: 'gray', agency: 'blue', shared: 'grape' } as const;

export function TemplateSourceBadge({ template }: { template: Pick<Template, 'source' | 'sharedFrom'> }) {
  return (
    <Badge variant="light" color={COLORS[template.source]} tt="none" style={{ maxWidth: '100%' }}>
      {sourceWords(template)}
    </Badge>
  );
}
