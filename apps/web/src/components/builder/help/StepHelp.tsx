import { useId, useState, type ReactNode } from 'react';
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight, IconHelpCircle } from '@tabler/icons-react';

const STORAGE_KEY = 'automations.builderHelp';

function storedChoice(): boolean | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'open' ? true : stored === 'closed' ? false : null;
  } catch {
    return null;
  }
}

/**
 * Open on wide screens and closed on phones (where it would push the form below the fold) until the
 * user opens or closes one; that choice then holds for every step, on this device.
 */
function useHelpOpen(): [boolean, (open: boolean) => void] {
  const wide = useMediaQuery('(min-width: 48em)', false, { getInitialValueInEffect: false });
  const [choice, setChoice] = useState(storedChoice);
  const choose = (open: boolean) => {
    try {
      localStorage.setItem(STORAGE_KEY, open ? 'open' : 'closed');
    } catch {
      // Private mode: the choice holds for this page only.
    }
    setChoice(open);
  };
  return [choice ?? wide, choose];
}

interface StepHelpProps {
  /** The wizard step's name, for the panel's accessible name ("Help: Triggers"). */
  step: string;
  /** One sentence: what this step is, always visible. */
  summary: string;
  children: ReactNode;
}

/** A collapsible help panel at the top of a wizard step: what the step means, what to decide, examples. */
export function StepHelp({ step, summary, children }: StepHelpProps) {
  const [open, setOpen] = useHelpOpen();
  const bodyId = useId();
  return (
    <Paper
      component="aside"
      aria-label={`Help: ${step}`}
      withBorder
      radius="md"
      p="sm"
      bg="var(--mantine-color-indigo-light)"
    >
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Group gap="xs" align="flex-start" wrap="nowrap" miw={0}>
            <IconHelpCircle
              size={20}
              aria-hidden="true"
              style={{ flexShrink: 0, marginTop: 1 }}
              color="var(--mantine-color-indigo-6)"
            />
            <Text size="sm" fw={500}>
              {summary}
            </Text>
          </Group>
          <Button
            variant="subtle"
            size="compact-sm"
            color="indigo"
            style={{ flexShrink: 0 }}
            rightSection={
              open ? (
                <IconChevronDown size={14} aria-hidden="true" />
              ) : (
                <IconChevronRight size={14} aria-hidden="true" />
              )
            }
            aria-expanded={open}
            aria-controls={bodyId}
            onClick={() => setOpen(!open)}
          >
            {open ? 'Hide help' : 'Help'}
          </Button>
        </Group>
        {open && (
          <Stack gap="xs" id={bodyId} pl={{ base: 0, sm: 28 }}>
            {children}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** A titled part of a help panel ("What you decide here"). */
export function HelpSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={700}>
        {title}
      </Text>
      {children}
    </Stack>
  );
}
