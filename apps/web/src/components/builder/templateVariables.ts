import { CONDITION_FIELDS, TEMPLATE_VARIABLES } from '@automations/domain';
import type { DraftTrigger } from './draft';

export interface TemplateVariableGroup {
  group: string;
  variables: { path: string; label: string }[];
}

/** Fields of the event each trigger type fires on, usable as `{{trigger.<field>}}`. */
const TRIGGER_FIELDS: Record<string, { path: string; label: string }[]> = {
  stage_change: [
    { path: 'trigger.toStage', label: 'New stage' },
    { path: 'trigger.fromStage', label: 'Previous stage' },
  ],
  kpi_threshold: [
    { path: 'trigger.metric', label: 'Metric name' },
    { path: 'trigger.value', label: 'Metric value' },
  ],
  new_message: [
    { path: 'trigger.platform', label: 'Message platform' },
    { path: 'trigger.from', label: 'Message sender' },
    { path: 'trigger.subject', label: 'Message subject' },
    { path: 'trigger.body', label: 'Message text' },
  ],
  ticket_created: [
    { path: 'trigger.category', label: 'Ticket category' },
    { path: 'trigger.priority', label: 'Ticket priority' },
    { path: 'trigger.ticketId', label: 'Ticket id' },
  ],
};

const LABELS: Record<string, string> = {
  'client.name': 'Client name',
  'client.stage': 'Client stage',
  'client.health': 'Client health',
  'client.assignee.name': 'Assignee name',
  'client.assignee.email': 'Assignee email',
  'trigger.date': 'Date of the trigger',
  'workflow.name': 'Automation name',
  'agency.name': 'Agency name',
};

const COMMON_METRICS = ['roas', 'cpa', 'spend', 'ctr'];

/** The variables worth offering, given the triggers chosen so far (PRODUCT.md §2, Templates). */
export function templateVariableGroups(triggers: DraftTrigger[]): TemplateVariableGroup[] {
  const fixed = TEMPLATE_VARIABLES.filter((path) => !path.includes('<'));
  const metrics = new Set(COMMON_METRICS);
  for (const trigger of triggers) {
    if (trigger.type === 'kpi_threshold' && typeof trigger.config.metric === 'string' && trigger.config.metric)
      metrics.add(trigger.config.metric);
  }
  const triggerFields = [
    ...new Map(triggers.flatMap((trigger) => TRIGGER_FIELDS[trigger.type] ?? []).map((v) => [v.path, v])).values(),
  ];
  const groups: TemplateVariableGroup[] = [
    {
      group: 'Client',
      variables: fixed
        .filter((path) => path.startsWith('client.'))
        .map((path) => ({ path, label: LABELS[path] ?? path })),
    },
    {
      group: 'Metrics',
      variables: [...metrics].map((metric) => ({ path: `metrics.${metric}`, label: `Latest ${metric}` })),
    },
    {
      group: 'Trigger',
      variables: [
        ...triggerFields,
        ...fixed.filter((path) => path.startsWith('trigger.')).map((path) => ({ path, label: LABELS[path] ?? path })),
      ],
    },
    {
      group: 'Other',
      variables: fixed
        .filter((path) => path.startsWith('workflow.') || path.startsWith('agency.'))
        .map((path) => ({ path, label: LABELS[path] ?? path })),
    },
  ];
  return groups.filter((group) => group.variables.length > 0);
}

/** Suggestions for a condition's field: the fixed client/time fields, common metrics and the triggers' event fields. */
export function conditionFieldSuggestions(groups: TemplateVariableGroup[]): string[] {
  const fixed = CONDITION_FIELDS.filter((field) => !field.includes('<'));
  const fromGroups = groups
    .flatMap((group) => group.variables.map((variable) => variable.path))
    .filter((path) => path.startsWith('metrics.') || (path.startsWith('trigger.') && path !== 'trigger.date'));
  return [...new Set([...fixed, ...fromGroups])];
}
