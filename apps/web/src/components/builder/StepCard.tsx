import { useEffect, useRef, type ReactNode } from 'react';
import { ActionIcon, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { IconGripVertical } from '@tabler/icons-react';
import { ConfirmButton } from '../ConfirmButton';
import { useBuilder } from './BuilderContext';
import type { DraftStep } from './draft';

export type MoveDirection = 'up' | 'down';

interface StepCardProps {
  step: DraftStep;
  /** "step 2", "step 2 › THEN 1": for headings and accessible names. */
  name: string;
  path: string;
  isFirst: boolean;
  isLast: boolean;
  onMove: (direction: MoveDirection) => void;
  onRemove: () => void;
  /** After a move, the card takes the focus back to the button that moved it. */
  focusMove: MoveDirection | null;
  onFocusMoveDone: () => void;
  children: ReactNode;
}

function hasContent(step: DraftStep): boolean {
  return step.kind === 'branch'
    ? step.then.length > 0 || (step.else?.length ?? 0) > 0
    : Object.keys(step.config).length > 0;
}

/**
 * A step of the chain with its header: a drag handle (pointer or keyboard: Space, arrows, Space),
 * number, kind, move up/down and remove.
 */
export function StepCard({
  step,
  name,
  path,
  isFirst,
  isLast,
  onMove,
  onRemove,
  focusMove,
  onFocusMoveDone,
  children,
}: StepCardProps) {
  const { catalogs, errors } = useBuilder();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: step.key,
  });
  const upRef = useRef<HTMLButtonElement>(null);
  const downRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!focusMove) return;
    // If the step reached the end it moved to, its other button is the one still usable.
    const target = focusMove === 'up' ? (isFirst ? downRef : upRef) : isLast ? upRef : downRef;
    target.current?.focus();
    onFocusMoveDone();
  }, [focusMove, isFirst, isLast, onFocusMoveDone]);

  const title =
    step.kind === 'branch'
      ? 'IF / ELSE branch'
      : (catalogs.actions.find((type) => type.type === step.type)?.label ?? 'New action');
  const label = name.charAt(0).toUpperCase() + name.slice(1);

  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p={{ base: 'xs', sm: 'sm' }}
      component="li"
      aria-label={`${label}: ${title}`}
      shadow={isDragging ? 'md' : undefined}
      style={{
        listStyle: 'none',
        transform: CSS.Translate.toString(transform),
        transition,
        position: 'relative',
        zIndex: isDragging ? 2 : undefined,
      }}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" miw={0} wrap="nowrap">
            <ActionIcon
              ref={setActivatorNodeRef}
              variant="subtle"
              color="gray"
              {...attributes}
              {...listeners}
              aria-label={`Drag ${name} to reorder`}
              style={{ cursor: isDragging ? 'grabbing' : 'grab', touchAction: 'none', flexShrink: 0 }}
            >
              <IconGripVertical size={18} aria-hidden="true" />
            </ActionIcon>
            <Badge variant="light" color={step.kind === 'branch' ? 'grape' : 'indigo'} style={{ flexShrink: 0 }}>
              {label}
            </Badge>
            <Text fw={600} size="sm" truncate="end">
              {title}
            </Text>
          </Group>
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              ref={upRef}
              variant="default"
              aria-label={`Move ${name} up`}
              disabled={isFirst}
              onClick={() => onMove('up')}
            >
              ↑
            </ActionIcon>
            <ActionIcon
              ref={downRef}
              variant="default"
              aria-label={`Move ${name} down`}
              disabled={isLast}
              onClick={() => onMove('down')}
            >
              ↓
            </ActionIcon>
            <ConfirmButton
              variant="subtle"
              color="red"
              size="compact-sm"
              aria-label={`Remove ${name}`}
              title={`Remove ${name}?`}
              message={
                step.kind === 'branch'
                  ? 'The branch and every step inside it are removed.'
                  : 'Its settings are removed.'
              }
              confirmLabel="Remove"
              needsConfirmation={hasContent(step)}
              onConfirm={onRemove}
            >
              Remove
            </ConfirmButton>
          </Group>
        </Group>
        {errors[path] && (
          <Text size="sm" c="red" role="alert">
            {errors[path]}
          </Text>
        )}
        {children}
      </Stack>
    </Paper>
  );
}
