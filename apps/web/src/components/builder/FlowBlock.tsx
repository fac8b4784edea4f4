import type { ReactNode } from 'react';
import { Box, Text } from '@mantine/core';

interface FlowBlockProps {
  /** "THEN", "ELSE". */
  keyword: string;
  hint: string;
  /** Nesting level of the steps inside (1 = directly under a top-level branch). */
  depth: number;
  color: string;
  children: ReactNode;
}

/** An indented lane of the IF/THEN/ELSE flow, with a coloured rule down its left side. */
export function FlowBlock({ keyword, hint, depth, color, children }: FlowBlockProps) {
  return (
    <Box
      role="group"
      aria-label={`${keyword}: ${hint}`}
      data-depth={depth}
      pl="sm"
      ml={{ base: 4, sm: 'xs' }}
      style={{ borderLeft: `3px solid var(--mantine-color-${color}-5)` }}
    >
      <Text fw={700} size="sm" c={`${color}.7`} mb={4}>
        {keyword}{' '}
        <Text span size="xs" c="dimmed" fw={400}>
          {hint}
        </Text>
      </Text>
      {children}
    </Box>
  );
}
