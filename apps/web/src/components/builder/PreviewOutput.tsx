import { Alert, Badge, Blockquote, Group, Stack, Table, Text, Timeline } from '@mantine/core';
import type { StepPreview, WorkflowPreview } from '../../api/types';
import { humanize } from '../schema-form/jsonSchema';
import { useBuilder } from './BuilderContext';

const OUTCOMES: Record<string, { label: string; color: string }> = {
  execute: { label: 'would run', color: 'green' },
  wait: { label: 'would wait', color: 'blue' },
  await_approval: { label: 'would await approval', color: 'yellow' },
  skipped: { label: 'would be skipped', color: 'gray' },
  branch: { label: 'decides', color: 'grape' },
};
const NOT_STARTED = { label: 'would not run', color: 'gray' };

function outcomeOf(step: StepPreview, started: boolean) {
  if (!started) return NOT_STARTED;
  return OUTCOMES[step.outcome] ?? { label: step.outcome.replace(/_/g, ' '), color: 'gray' };
}

/** The engine prefixes a partner's reason with "partner <type>: "; the trigger's label says it better. */
function withoutEnginePrefix(reason: string): string {
  return reason.replace(/^partner [a-z_]+: /, '');
}

function triggerSummary({ client, trigger }: WorkflowPreview, triggerLabel: (type: string) => string): string {
  const who = `${client.name}${client.sample ? ' (sample)' : ''}`;
  if (trigger.fired === false)
    return `No run would start for ${who}${trigger.reason ? `: ${withoutEnginePrefix(trigger.reason)}` : '.'}`;
  const partner = trigger.partner
    ? ` The other trigger (“${triggerLabel(trigger.partner.type)}”) ${trigger.partner.holds ? 'is met' : 'is not met'}${trigger.partner.reason ? `: ${withoutEnginePrefix(trigger.partner.reason)}` : ''}.`
    : '';
  return `A run would start for ${who}.${partner}`;
}

/** "Create a task: Kickoff call with Acme" — the action and, when it has one, what it is about. */
function stepHeading(step: StepPreview, actionLabel: string): string {
  const config = step.renderedConfig ?? {};
  const about = [config.title, config.subject].find(
    (value): value is string => typeof value === 'string' && value.trim() !== '',
  );
  return about ? `${actionLabel}: ${about}` : actionLabel;
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

function StepDetails({ step }: { step: StepPreview }) {
  const entries = Object.entries(step.renderedConfig ?? {});
  return (
    <Stack gap={6}>
      {step.wouldDo && <Text size="sm">{step.wouldDo}</Text>}
      {step.waitMinutes !== undefined && step.waitMinutes > 0 && (
        <Text size="sm" c="dimmed">
          Waits {step.waitMinutes} minutes first{step.awaitsApproval ? ', then awaits approval' : ''}.
        </Text>
      )}
      {step.reason && (
        <Text size="sm" c="dimmed">
          {step.reason}
        </Text>
      )}
      {step.branch && !step.wouldDo && (
        <Text size="sm" c="dimmed">
          Takes the {step.branch.toUpperCase()} path.
        </Text>
      )}
      {entries.length > 0 && (
        <Table.ScrollContainer minWidth={0}>
          <Table withRowBorders={false} verticalSpacing={2} fz="sm" aria-label="Rendered settings">
            <Table.Tbody>
              {entries.map(([key, value]) => (
                <Table.Tr key={key}>
                  <Table.Th w={120} c="dimmed" fw={500}>
                    {humanize(key)}
                  </Table.Th>
                  <Table.Td style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{formatValue(value)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {step.draftPreview && (
        <Blockquote p="sm" color="indigo" cite={`Draft preview (${step.draftPreview.generator})`}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {step.draftPreview.content}
          </Text>
        </Blockquote>
      )}
    </Stack>
  );
}

/** Step-by-step output of a preview: what would happen, with the messages as they would be rendered. */
export function PreviewOutput({ result }: { result: WorkflowPreview }) {
  const { catalogs } = useBuilder();
  const label = (type: string) =>
    type === 'branch' ? 'IF / ELSE branch' : (catalogs.actions.find((t) => t.type === type)?.label ?? humanize(type));
  const triggerLabel = (type: string) => catalogs.triggers.find((t) => t.type === type)?.label ?? humanize(type);
  const started = result.trigger.fired !== false;
  return (
    <Stack gap="sm" aria-label="Preview output" role="region">
      <Alert color={result.trigger.fired === false ? 'yellow' : 'indigo'} variant="light" title="Trigger">
        {triggerSummary(result, triggerLabel)}
      </Alert>
      {result.warnings.map((warning) => (
        <Text key={warning.code + (warning.path ?? '') + warning.message} size="sm" c="yellow.8">
          {warning.message}
        </Text>
      ))}
      {result.steps.length === 0 ? (
        <Text size="sm" c="dimmed">
          No step would run.
        </Text>
      ) : (
        <Timeline bulletSize={18} lineWidth={2} active={result.steps.length}>
          {result.steps.map((step, index) => (
            <Timeline.Item
              key={`${step.stepId}-${index}`}
              title={
                <Group gap="xs" wrap="wrap">
                  <Text size="sm" fw={600}>
                    {index + 1}. {stepHeading(step, label(step.type))}
                  </Text>
                  <Badge size="sm" variant="light" color={outcomeOf(step, started).color}>
                    {outcomeOf(step, started).label}
                  </Badge>
                </Group>
              }
            >
              <StepDetails step={step} />
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Stack>
  );
}
