import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Select, Stack, Text } from '@mantine/core';
import { ApiError, describeError, validationErrorsOf } from '../../api/errors';
import type { WorkflowDefinition } from '../../api/types';
import { useClients } from '../../api/useClients';
import { useEndpointAvailability } from '../../api/useEndpointAvailability';
import { usePreviewWorkflow, type PreviewInput } from '../../api/usePreviewWorkflow';
import type { DraftTrigger } from './draft';
import { PreviewOutput } from './PreviewOutput';
import { sampleEventFor } from './sampleEvent';

const SAMPLE = '__sample__';
const SAMPLE_NAME = 'Sample Client';

interface TestRunnerProps {
  /** The definition as it stands in the wizard (saved or not). */
  definition: WorkflowDefinition;
  /** The wizard's triggers, to simulate the event that fires them. */
  triggers: DraftTrigger[];
  /** A 400 from the preview points at fields, like one from saving. */
  onValidationErrors: (errors: Record<string, string>) => void;
}

function isMissingEndpoint(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 405);
}

/** Runs the automation in preview mode (no side effects) for a client and shows each step's outcome. */
export function TestRunner({ definition, triggers, onValidationErrors }: TestRunnerProps) {
  const availability = useEndpointAvailability('/api/v1/workflows/test', 'post');
  const clients = useClients('', availability !== 'missing');
  const preview = usePreviewWorkflow();
  const [clientId, setClientId] = useState<string | null>(null);
  const [simulateEvent, setSimulateEvent] = useState(true);
  const event = sampleEventFor(triggers);
  // A made-up client that matches a stage trigger, so the preview shows the interesting path.
  const stageTrigger = triggers.find((trigger) => trigger.type === 'stage_change');
  const sampleClient = {
    name: SAMPLE_NAME,
    stage: typeof stageTrigger?.config.toStage === 'string' ? stageTrigger.config.toStage : 'onboarding',
    health: 'green' as const,
  };

  const options = [
    { value: SAMPLE, label: `${SAMPLE_NAME} (made up)` },
    ...(clients.data?.items ?? []).map((client) => ({
      value: client.id,
      label: `${client.name} (${client.stage}, ${client.health})`,
    })),
  ];
  const chosen = clientId ?? clients.data?.items[0]?.id ?? SAMPLE;
  // A documented endpoint answering 404 means the client is gone; an undocumented one is simply not there yet.
  const missing = availability === 'missing' || (availability !== 'available' && isMissingEndpoint(preview.error));

  const run = () => {
    const subject = chosen === SAMPLE ? { client: sampleClient } : { clientId: chosen };
    const input: PreviewInput = {
      definition,
      ...subject,
      ...(event && simulateEvent ? { event: { type: event.type, data: event.data } } : {}),
    };
    preview.mutate(input, {
      onError: (error) => {
        // The definition is checked as on save, with its paths under `definition.`.
        const errors = Object.fromEntries(
          Object.entries(validationErrorsOf(error)).map(([path, message]) => [
            path.replace(/^definition\.?/, ''),
            message,
          ]),
        );
        if (Object.keys(errors).length > 0) onValidationErrors(errors);
      },
    });
  };

  if (missing) {
    return (
      <Stack gap="sm">
        <Alert color="gray" variant="light" title="Preview not available yet">
          This server cannot preview automations yet. You can still save it paused and activate it later.
        </Alert>
      </Stack>
    );
  }

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        See what each step would do for a client, with the messages as they would be sent. Nothing is created or sent.
      </Text>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label="Test with client"
          searchable
          data={options}
          value={chosen}
          onChange={(value) => setClientId(value)}
          allowDeselect={false}
          style={{ flex: '1 1 240px' }}
          comboboxProps={{ withinPortal: true }}
        />
        <Button onClick={run} loading={preview.isPending} variant="light">
          Run preview
        </Button>
      </Group>
      {event && (
        <Checkbox
          label={`Simulate the trigger: ${event.label}`}
          description="Otherwise the preview checks whether the triggers’ conditions hold for the client right now."
          checked={simulateEvent}
          onChange={(e) => setSimulateEvent(e.currentTarget.checked)}
        />
      )}
      {preview.isError && (
        <Alert color="red" role="alert" title="The preview failed">
          {describeError(preview.error)}
        </Alert>
      )}
      {preview.data && !preview.isPending && <PreviewOutput result={preview.data} />}
    </Stack>
  );
}
