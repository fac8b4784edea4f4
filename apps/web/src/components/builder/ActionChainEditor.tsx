import { useCallback, useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { MAX_BRANCH_DEPTH } from '@automations/domain/constants';
import { ActionConfiguration } from './ActionConfiguration';
import { useBuilder } from './BuilderContext';
import { ConditionalLogicEditor } from './ConditionalLogicEditor';
import { newAction, newBranch, type DraftStep } from './draft';
import { ActionsHelp } from './help/ActionsHelp';
import { StepCard, type MoveDirection } from './StepCard';

interface ActionChainEditorProps {
  steps: DraftStep[];
  onChange: (steps: DraftStep[]) => void;
  /** API path of the list (`steps`, `steps[1].then`). */
  path: string;
  /** How deep in branches this list is (0 = top level). */
  depth?: number;
  /** Prefix of step names: '' at the top ("step 2"), "step 2 › THEN " inside a branch. */
  namePrefix?: string;
}

const SCREEN_READER_INSTRUCTIONS =
  'To move a step, press Space or Enter on its drag handle, move it with the arrow keys, and press Space or Enter again to drop it, or Escape to cancel. The Move up and Move down buttons do the same one place at a time.';

/**
 * The ordered steps of an automation (or of a branch path): each an action or an IF/ELSE
 * branch whose paths are chains of their own. Steps are reordered by dragging their handle
 * (with a pointer, or with the keyboard) within this list, or with the Move up/down buttons;
 * the focus follows a step moved by a button. Each list has its own drag context, so a step
 * never lands in another branch path by accident.
 */
export function ActionChainEditor({ steps, onChange, path, depth = 0, namePrefix = '' }: ActionChainEditorProps) {
  const { errors, clearError } = useBuilder();
  const [moved, setMoved] = useState<{ key: string; direction: MoveDirection } | null>(null);
  const clearMoved = useCallback(() => setMoved(null), []);

  const replace = (index: number, step: DraftStep) =>
    onChange(steps.map((current, i) => (i === index ? step : current)));
  const add = (step: DraftStep) => {
    clearError(path);
    onChange([...steps, step]);
  };
  const stepName = (index: number) => (namePrefix ? `${namePrefix}${index + 1}` : `step ${index + 1}`);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const indexOf = (id: UniqueIdentifier) => steps.findIndex((step) => step.key === id);
  const nameOf = (id: UniqueIdentifier) => stepName(indexOf(id));
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${nameOf(active.id)}.`,
    onDragOver: ({ active, over }) =>
      over
        ? `${nameOf(active.id)} is over position ${indexOf(over.id) + 1} of ${steps.length}.`
        : `${nameOf(active.id)} is no longer over a position.`,
    onDragEnd: ({ active, over }) =>
      over
        ? `${nameOf(active.id)} dropped at position ${indexOf(over.id) + 1} of ${steps.length}.`
        : `${nameOf(active.id)} dropped.`,
    onDragCancel: ({ active }) => `Moving ${nameOf(active.id)} was cancelled.`,
  };
  const dropped = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = indexOf(active.id);
    const to = indexOf(over.id);
    if (from < 0 || to < 0) return;
    // Errors are keyed by position, so they would point at the wrong step after a move.
    clearError(path);
    onChange(arrayMove(steps, from, to));
  };

  return (
    <Stack gap="sm">
      {depth === 0 && <ActionsHelp />}
      {errors[path] && (
        <Text size="sm" c="red" role="alert">
          {errors[path]}
        </Text>
      )}
      {steps.length > 0 && (
        <DndContext
          sensors={sensors}
          collisionDetection={closestCenter}
          onDragEnd={dropped}
          accessibility={{ announcements, screenReaderInstructions: { draggable: SCREEN_READER_INSTRUCTIONS } }}
        >
          <SortableContext items={steps.map((step) => step.key)} strategy={verticalListSortingStrategy}>
            <Stack component="ol" gap="sm" p={0} m={0}>
              {steps.map((step, index) => {
                const stepPath = `${path}[${index}]`;
                const name = stepName(index);
                return (
                  <StepCard
                    key={step.key}
                    step={step}
                    name={name}
                    path={stepPath}
                    isFirst={index === 0}
                    isLast={index === steps.length - 1}
                    onMove={(direction) => {
                      // Errors are keyed by position, so they would point at the wrong step after a move.
                      clearError(path);
                      setMoved({ key: step.key, direction });
                      onChange(arrayMove(steps, index, direction === 'up' ? index - 1 : index + 1));
                    }}
                    onRemove={() => {
                      clearError(path);
                      onChange(steps.filter((_, i) => i !== index));
                    }}
                    focusMove={moved?.key === step.key ? moved.direction : null}
                    onFocusMoveDone={clearMoved}
                  >
                    {step.kind === 'action' ? (
                      <ActionConfiguration
                        step={step}
                        onChange={(next) => replace(index, next)}
                        path={stepPath}
                        name={name}
                      />
                    ) : (
                      <ConditionalLogicEditor
                        condition={step.condition}
                        onConditionChange={(condition) => replace(index, { ...step, condition })}
                        path={stepPath}
                        depth={depth + 1}
                        thenSteps={
                          <ActionChainEditor
                            steps={step.then}
                            onChange={(then) => replace(index, { ...step, then })}
                            path={`${stepPath}.then`}
                            depth={depth + 1}
                            namePrefix={`${name} › THEN `}
                          />
                        }
                        elseSteps={
                          step.else && (
                            <ActionChainEditor
                              steps={step.else}
                              onChange={(otherwise) => replace(index, { ...step, else: otherwise })}
                              path={`${stepPath}.else`}
                              depth={depth + 1}
                              namePrefix={`${name} › ELSE `}
                            />
                          )
                        }
                        elseHasSteps={(step.else?.length ?? 0) > 0}
                        onAddElse={() => replace(index, { ...step, else: [newAction()] })}
                        onRemoveElse={() => replace(index, { ...step, else: null })}
                      />
                    )}
                  </StepCard>
                );
              })}
            </Stack>
          </SortableContext>
        </DndContext>
      )}
      <Group gap="xs">
        <Button variant="light" size="compact-sm" onClick={() => add(newAction())}>
          Add action
        </Button>
        <Button
          variant="light"
          color="grape"
          size="compact-sm"
          onClick={() => add(newBranch())}
          disabled={depth >= MAX_BRANCH_DEPTH}
          title={depth >= MAX_BRANCH_DEPTH ? `Branches can be nested at most ${MAX_BRANCH_DEPTH} deep` : undefined}
        >
          Add IF/ELSE branch
        </Button>
      </Group>
    </Stack>
  );
}
