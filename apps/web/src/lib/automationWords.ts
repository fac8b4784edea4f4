import type { ConditionOperator } from '../api/types';
import { conditionFieldLabel } from '../components/builder/conditionFieldTypes';

/**
 * Automations in words, for people who never see a definition: what starts them, what each
 * action does, when a step only runs. Light on purpose (no JSON Schema or cron library), so lists
 * in the entry chunk can use it; the builder adds the schedule in words (`describeTriggers`).
 */

type Config = Record<string, unknown>;

export interface TriggerLike {
  type: string;
  config: Config;
}

export interface RuleLike {
  field: string;
  operator: ConditionOperator;
  /** As typed (the builder's draft) or as stored (a definition). */
  value?: unknown;
}

const OPERATOR_LABELS: Record<ConditionOperator, string> = {
  equals: 'equals',
  not_equals: 'does not equal',
  greater_than: 'is greater than',
  less_than: 'is less than',
  contains: 'contains',
  starts_with: 'starts with',
  in: 'is one of',
  exists: 'is set',
  not_exists: 'is not set',
};

export function operatorLabel(operator: ConditionOperator): string {
  return OPERATOR_LABELS[operator] ?? operator;
}

const NO_VALUE: ReadonlySet<ConditionOperator> = new Set(['exists', 'not_exists']);

const q = (value: unknown) => `“${Array.isArray(value) ? value.join(', ') : String(value)}”`;
/** "a ticket", "an urgent priority ticket". */
const withArticle = (phrase: string) => `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;

function text(config: Config, key: string): string | undefined {
  const value = config[key];
  return value === undefined || value === null || value === '' ? undefined : String(value);
}

/** "Client health equals “red” and Latest roas is less than “2”" — fields by their labels, not their paths. */
export function conditionInWords(mode: 'all' | 'any', rules: RuleLike[]): string {
  const words = rules.map((rule) =>
    [
      rule.field ? conditionFieldLabel(rule.field) : '…',
      operatorLabel(rule.operator),
      NO_VALUE.has(rule.operator) ? '' : q(rule.value ?? ''),
    ]
      .filter(Boolean)
      .join(' '),
  );
  return words.join(mode === 'all' ? ' and ' : ' or ');
}

function ticketFilter(config: Config): string {
  const parts = [
    text(config, 'priority') && `${text(config, 'priority')} priority`,
    text(config, 'category') && `in ${q(config.category)}`,
  ];
  return parts.filter(Boolean).join(' ');
}

export function messageFilter(config: Config): string {
  const platform = text(config, 'platform');
  const on = platform && platform !== 'any' ? ` on ${platform === 'gmail' ? 'Gmail' : 'Slack'}` : '';
  const contains = text(config, 'contains') ? ` containing ${q(config.contains)}` : '';
  return `${on}${contains}`;
}

/**
 * "a client moves into “onboarding”": the event that fires the automation. `cronWords` puts a
 * schedule in words where the cron library is at hand.
 */
export function triggerEventWords({ type, config }: TriggerLike, cronWords?: (cron: string) => string | null): string {
  switch (type) {
    case 'stage_change':
      return `a client moves into ${q(config.toStage ?? '…')}${text(config, 'fromStage') ? ` from ${q(config.fromStage)}` : ''}`;
    case 'inactivity':
      return `a client has had no activity for ${text(config, 'days') ?? '…'} days`;
    case 'kpi_threshold':
      return `a client’s ${text(config, 'metric') ?? 'metric'} crosses ${text(config, 'operator') ?? '…'} ${text(config, 'value') ?? '…'}`;
    case 'new_message':
      return `a message arrives from a client${messageFilter(config)}`;
    case 'ticket_created': {
      const filter = ticketFilter(config);
      return `${withArticle(`${filter ? `${filter} ` : ''}ticket`)} is created for a client`;
    }
    case 'scheduled': {
      const cron = text(config, 'cron');
      const words = cron && cronWords ? cronWords(cron) : null;
      return words
        ? `the schedule ticks (${words.charAt(0).toLowerCase()}${words.slice(1)}${text(config, 'timezone') ? `, ${config.timezone}` : ''})`
        : 'the schedule ticks';
    }
    default:
      return 'the trigger fires';
  }
}

/** "the client is in “onboarding”": the state the AND partner must be in. */
export function triggerStateWords({ type, config }: TriggerLike): string {
  switch (type) {
    case 'stage_change':
      return `the client is in ${q(config.toStage ?? '…')}`;
    case 'inactivity':
      return `the client has had no activity for at least ${text(config, 'days') ?? '…'} days`;
    case 'kpi_threshold':
      return `the client’s latest ${text(config, 'metric') ?? 'metric'} is ${text(config, 'operator') ?? '…'} ${text(config, 'value') ?? '…'}`;
    case 'new_message':
      return `a message${messageFilter(config)} arrived from the client in the last 24 hours`;
    case 'ticket_created': {
      const filter = ticketFilter(config);
      return `${withArticle(`${filter ? `${filter} ` : ''}ticket`)} was created for the client in the last 24 hours`;
    }
    default:
      return 'the condition holds';
  }
}

/** "When a client moves into “onboarding”", "Every schedule tick": the opening of a one-line summary. */
export function triggerOpening(triggers: TriggerLike[]): string {
  const chosen = triggers.filter((trigger) => trigger.type !== '');
  if (chosen.length === 0) return 'No trigger yet';
  const schedule = chosen.find((trigger) => trigger.type === 'scheduled');
  if (schedule) {
    const partner = chosen.find((trigger) => trigger !== schedule);
    return partner ? `On a schedule, for clients where ${triggerStateWords(partner)}` : 'On a schedule';
  }
  const [first, second] = chosen;
  const opening = `When ${triggerEventWords(first)}`;
  return second ? `${opening} and ${triggerStateWords(second)}` : opening;
}

/** "create a task", "send a Slack message", "draft an email": what one action does, lower case. */
export function actionPhrase(type: string, config: Config = {}): string {
  switch (type) {
    case 'create_task':
      return 'create a task';
    case 'send_notification':
      return config.channel === 'email'
        ? 'send an email'
        : config.channel === 'slack'
          ? 'send a Slack message'
          : 'send a notification';
    case 'draft_communication':
      return config.platform === 'slack' ? 'draft a Slack message' : 'draft an email';
    case 'create_ticket':
      return 'open a ticket';
    case 'update_client':
      return 'update the client';
    case 'add_alert':
      return 'add an alert';
    case '':
      return 'an action to choose';
    default:
      return type.replace(/_/g, ' ');
  }
}

/** A config's most telling value (its title, message or instructions). */
export function configHeadline(config: Config): string | undefined {
  for (const key of ['title', 'message', 'template', 'subject', 'stage', 'health']) {
    if (typeof config[key] === 'string' && config[key]) return String(config[key]);
  }
  return undefined;
}

const isConfig = (value: unknown): value is Config =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every action of a stored definition's steps, in order, branch paths included (THEN before ELSE). */
export function actionsOf(steps: unknown[]): TriggerLike[] {
  return steps.filter(isConfig).flatMap((step): TriggerLike[] => {
    if (step.type === 'branch') {
      return [
        ...actionsOf(Array.isArray(step.then) ? step.then : []),
        ...actionsOf(Array.isArray(step.else) ? step.else : []),
      ];
    }
    return typeof step.type === 'string' ? [{ type: step.type, config: isConfig(step.config) ? step.config : {} }] : [];
  });
}

/** Triggers of a stored definition (anything not shaped like one is left out). */
export function triggersOf(triggers: unknown[]): TriggerLike[] {
  return triggers
    .filter(isConfig)
    .flatMap((trigger) =>
      typeof trigger.type === 'string'
        ? [{ type: trigger.type, config: isConfig(trigger.config) ? trigger.config : {} }]
        : [],
    );
}

/**
 * What an automation does in one line: "When a client moves into “onboarding” → create a task,
 * send a Slack message, draft an email". Each kind of action is named once, in order of first use.
 */
export function automationInOneLine(triggers: unknown[], steps: unknown[]): string {
  const phrases = [...new Set(actionsOf(steps).map((step) => actionPhrase(step.type, step.config)))];
  return `${triggerOpening(triggersOf(triggers))} → ${phrases.length > 0 ? phrases.join(', ') : 'nothing yet'}`;
}
