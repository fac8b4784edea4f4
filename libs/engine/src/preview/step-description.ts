import { renderTemplate, type ActionStep, type TemplateContext } from '@automations/domain';
import type { ClientSnapshot } from '../context/client-snapshot';

const MAX_QUOTED = 120;

/** Rendered without channel escaping, on one line and shortened: for a sentence people read. */
function plain(text: unknown, context: TemplateContext): string {
  const rendered = renderTemplate(String(text ?? ''), context, 'none')
    .replace(/\s+/g, ' ')
    .trim();
  return rendered.length > MAX_QUOTED ? `${rendered.slice(0, MAX_QUOTED - 1)}…` : rendered;
}

const quote = (text: string) => `“${text}”`;
/** `a high-priority`, `an urgent-priority`, `an info`. */
const a = (word: string) => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;

function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function dueIn(days: number | undefined): string {
  if (days === undefined) return '';
  if (days === 0) return ' due today';
  return ` due in ${days} day${days === 1 ? '' : 's'}`;
}

function assigneeOf(assignee: string | undefined, snapshot: ClientSnapshot): string {
  if (assignee === undefined) return '';
  if (assignee === 'client_assignee')
    return snapshot.client.assignee
      ? ` assigned to ${snapshot.client.assignee.name}`
      : ' for the client’s assignee (the client has none: unassigned)';
  return ` assigned to user ${assignee}`;
}

/** One sentence saying what the action would do, e.g. `Create a high-priority task “Kickoff call with Acme” due in 2 days`. */
export function describeAction(
  step: ActionStep,
  context: TemplateContext,
  snapshot: ClientSnapshot,
  workflowName: string,
): string {
  switch (step.type) {
    case 'create_task': {
      const config = step.config;
      return `Create ${a(config.priority)}-priority task ${quote(plain(config.title, context))}${dueIn(config.dueInDays)}${assigneeOf(config.assignee, snapshot)}`;
    }
    case 'send_notification': {
      const config = step.config;
      if (config.channel === 'slack')
        return `Send a Slack message to ${listOf(config.recipients)}: ${quote(plain(config.message, context))}`;
      const subject = config.subject !== undefined ? plain(config.subject, context) : `Automation: ${workflowName}`;
      return `Send an email ${quote(subject)} to ${listOf(config.recipients)}`;
    }
    case 'draft_communication': {
      const config = step.config;
      return `Draft ${a(config.tone)} ${config.platform === 'slack' ? 'Slack message' : 'email'} to ${snapshot.client.name} for human review (drafts are never sent automatically)`;
    }
    case 'create_ticket': {
      const config = step.config;
      return `Open ${a(config.priority)}-priority ${quote(plain(config.category, context))} ticket ${quote(plain(config.title, context))} (emits ticket.created)`;
    }
    case 'update_client': {
      // Compared as the action compares them: rendered, unescaped.
      const [stage, health, assigneeId] = (['stage', 'health', 'assigneeId'] as const).map((key) => {
        const value = step.config[key];
        return value === undefined ? undefined : renderTemplate(value, context, 'none');
      });
      const changes: string[] = [];
      const stageChanges = stage !== undefined && stage !== snapshot.client.stage;
      if (stageChanges) changes.push(`stage ${quote(snapshot.client.stage)} → ${quote(stage)}`);
      if (health !== undefined && health !== snapshot.client.health)
        changes.push(`health ${snapshot.client.health} → ${health}`);
      if (assigneeId !== undefined && assigneeId !== snapshot.client.assigneeId)
        changes.push(`assignee → user ${assigneeId}`);
      if (changes.length === 0) return 'Leave the client unchanged (it already has these values; no event is emitted)';
      const emits = stageChanges ? ' (emits client.stage_changed)' : '';
      return `Update the client: ${listOf(changes)}${emits}`;
    }
    case 'add_alert': {
      const config = step.config;
      return `Raise ${a(config.severity)} alert ${quote(plain(config.title, context))}`;
    }
  }
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** The action's sentence preceded by what comes first: a delay and/or an approval. */
export function describeStep(action: string, waitMinutes: number, awaitsApproval: boolean): string {
  const before: string[] = [];
  if (waitMinutes > 0) before.push(`Wait ${waitMinutes} minute${waitMinutes === 1 ? '' : 's'}`);
  if (awaitsApproval) before.push(before.length ? 'await an admin’s approval' : 'Await an admin’s approval');
  return before.length ? `${before.join(', ')}, then ${lowerFirst(action)}` : action;
}
