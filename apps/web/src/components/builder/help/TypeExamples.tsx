import { useId, useState } from 'react';
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import type { TypeDescriptor } from '../../../api/types';
import { useAgency } from '../../../api/useAgency';
import type { JsonSchema } from '../../schema-form/jsonSchema';
import { fillFromExample, type FieldToChoose } from './exampleFill';
import { actionExampleInWords, triggerExampleInWords, type ExampleInWords } from './exampleWords';

type Config = Record<string, unknown>;

interface TypeExamplesProps {
  /** The chosen trigger or action type, with the examples the types endpoint gives it. */
  descriptor: TypeDescriptor;
  kind: 'trigger' | 'action';
  /** Receives the example's config, as this agency can use it; the caller keeps the rest (key, id, options). */
  onUse: (config: Config) => void;
}

function inWords(kind: TypeExamplesProps['kind'], descriptor: TypeDescriptor, example: Config): ExampleInWords {
  return kind === 'trigger'
    ? triggerExampleInWords(descriptor.type, example)
    : actionExampleInWords(descriptor.type, descriptor.configSchema as JsonSchema, example);
}

interface ExampleListProps {
  descriptor: TypeDescriptor;
  kind: TypeExamplesProps['kind'];
  id: string;
  onUse: (example: Config, stages: readonly string[] | null) => void;
}

function ExampleList({ descriptor, kind, onUse, id }: ExampleListProps) {
  // Stages are the agency's own: an example's stage the pipeline does not have is left to pick.
  const agency = useAgency();
  const stages = agency.data?.pipelineStages ?? null;
  const examples = descriptor.examples as Config[];
  return (
    <Stack
      gap="xs"
      component="ul"
      id={id}
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      aria-label={`Examples: ${descriptor.label}`}
    >
      {examples.map((example, index) => {
        const words = inWords(kind, descriptor, example);
        return (
          <Paper key={index} component="li" withBorder radius="sm" p="xs" aria-label={`Example ${index + 1}`}>
            <Group justify="space-between" align="flex-start" gap="xs">
              <Stack gap={2} miw={0} style={{ flex: '1 1 220px' }}>
                <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {words.summary}
                </Text>
                {words.details.map((detail) => (
                  <Text key={detail.label} size="xs" style={{ overflowWrap: 'anywhere' }}>
                    <Text span size="xs" c="dimmed">
                      {detail.label}:
                    </Text>{' '}
                    {detail.value}
                  </Text>
                ))}
              </Stack>
              <Button variant="light" size="compact-sm" onClick={() => onUse(example, stages)}>
                Use this example
              </Button>
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}

function filledNotice(toChoose: FieldToChoose[]): string {
  if (toChoose.length === 0) return 'Filled in from the example. Adjust it to your needs.';
  const fields = toChoose.map((field) => `${field.label} (${field.reason})`).join('; ');
  return `Filled in from the example. Still to choose: ${fields}.`;
}

/**
 * "Show examples" under a trigger or action: the type's examples in words, each with "Use this example",
 * which fills the form (agency-specific values left to pick, see `fillFromExample`) and says what is
 * still to choose. Key it by the type, so a new type starts closed and without the notice.
 */
export function TypeExamples({ descriptor, kind, onUse }: TypeExamplesProps) {
  const [opened, setOpened] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const listId = useId();
  const count = descriptor.examples.length;
  if (count === 0) return null;

  const use = (example: Config, stages: readonly string[] | null) => {
    const fill = fillFromExample(descriptor.configSchema as JsonSchema, example, stages);
    onUse(fill.config);
    setNotice(filledNotice(fill.toChoose));
    setOpened(false);
  };

  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Button
          variant="subtle"
          size="compact-sm"
          color="indigo"
          leftSection={<IconBulb size={14} aria-hidden="true" />}
          aria-expanded={opened}
          aria-controls={opened ? listId : undefined}
          onClick={() => setOpened(!opened)}
        >
          {opened ? 'Hide examples' : count === 1 ? 'Show an example' : `Show ${count} examples`}
        </Button>
      </Group>
      {opened && <ExampleList descriptor={descriptor} kind={kind} id={listId} onUse={use} />}
      {notice && (
        <Text size="sm" role="status" c="indigo.8">
          {notice}
        </Text>
      )}
    </Stack>
  );
}
