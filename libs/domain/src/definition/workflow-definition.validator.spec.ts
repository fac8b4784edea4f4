import { actionCatalog } from '../actions/action-catalog';
import { triggerCatalog } from '../triggers/trigger-catalog';
import type { Step, WorkflowDefinition } from '../types/workflow-definition.types';
import { workflowDefinitionExample } from './workflow-definition.example';
import { validateWorkflowDefinition } from './workflow-definition.validator';

type Json = Record<string, unknown>;

const USER_ID = '8f14e45f-ceea-467f-a8d5-6f0e5b2c1a90';
const alertStep = (extra: Json = {}): Json => ({
  type: 'add_alert',
  config: { title: 'Alert', severity: 'info' },
  ...extra,
});
const minimal = (overrides: Json = {}): Json => ({
  name: 'Test workflow',
  triggers: [{ type: 'stage_change', config: { toStage: 'onboarding' } }],
  steps: [alertStep({ id: 'a1' })],
  ...overrides,
});
const withTrigger = (type: string, config: unknown): Json => minimal({ triggers: [{ type, config }] });
/** A stage_change trigger plus the trigger under test, so the error is at `triggers[1]`. */
const withSecondTrigger = (type: string, config: unknown): Json =>
  minimal({
    triggers: [
      { type: 'stage_change', config: { toStage: 'onboarding' } },
      { type, config },
    ],
  });
const withStep = (step: unknown): Json => minimal({ steps: [step] });
const withAction = (type: string, config: unknown, extra: Json = {}): Json => withStep({ type, config, ...extra });
const rule = (field: string, operator: string, value?: unknown): Json =>
  value === undefined ? { field, operator } : { field, operator, value };
const branch = (condition: unknown, then: unknown[], extra: Json = {}): Json => ({
  type: 'branch',
  condition,
  then,
  ...extra,
});
const redHealth = { all: [rule('client.health', 'equals', 'red')] };
/** A branch nested `depth` deep (the outermost is depth 1) around one action. */
const nestedBranches = (depth: number): Json =>
  depth === 0 ? alertStep() : branch(redHealth, [nestedBranches(depth - 1)]);
const manyAlerts = (count: number): Json[] => Array.from({ length: count }, () => alertStep());
const long = (length: number): string => 'x'.repeat(length);

function expectOk(input: unknown): { value: WorkflowDefinition; warnings: { code: string }[] } {
  const result = validateWorkflowDefinition(input);
  if (!result.ok) throw new Error(`expected a valid definition, got ${JSON.stringify(result.errors, null, 2)}`);
  return result;
}

describe('validateWorkflowDefinition — rejected definitions', () => {
  it.each<[string, unknown, string, string]>([
    // body and top-level fields
    ['body is an array', [], '', 'must be a JSON object'],
    ['body is null', null, '', 'must be a JSON object'],
    ['unknown top-level key', minimal({ owner: 'me' }), 'owner', "unknown property 'owner'"],
    [
      'own __proto__ key at the top',
      JSON.parse('{"name":"x","__proto__":{"isAdmin":true}}'),
      '__proto__',
      'unknown property',
    ],
    ['name missing', minimal({ name: undefined }), 'name', 'is required'],
    ['name blank', minimal({ name: '   ' }), 'name', 'must not be empty'],
    ['name too long', minimal({ name: long(201) }), 'name', 'at most 200'],
    ['name not a string', minimal({ name: 42 }), 'name', 'must be a string'],
    ['description too long', minimal({ description: long(2001) }), 'description', 'at most 2000'],
    ['description not a string', minimal({ description: 5 }), 'description', 'must be a string or null'],
    ['isActive not a boolean', minimal({ isActive: 'yes' }), 'isActive', 'must be a boolean'],
    ['requiresApproval not a boolean', minimal({ requiresApproval: 1 }), 'requiresApproval', 'must be a boolean'],

    // triggers
    ['triggers missing', minimal({ triggers: undefined }), 'triggers', 'is required'],
    ['triggers not an array', minimal({ triggers: { type: 'inactivity' } }), 'triggers', 'must be an array'],
    ['no trigger', minimal({ triggers: [] }), 'triggers', 'must contain 1 or 2 triggers'],
    [
      'three triggers',
      minimal({ triggers: [1, 2, 3].map((days) => ({ type: 'inactivity', config: { days } })) }),
      'triggers',
      'must contain 1 or 2 triggers, got 3',
    ],
    ['trigger not an object', minimal({ triggers: ['inactivity'] }), 'triggers[0]', 'must be a trigger object'],
    [
      'unknown key on a trigger',
      minimal({ triggers: [{ type: 'inactivity', config: { days: 3 }, when: 'now' }] }),
      'triggers[0].when',
      "unknown property 'when'",
    ],
    [
      'unknown trigger type',
      withTrigger('email_opened', {}),
      'triggers[0].type',
      'unknown trigger type "email_opened"',
    ],
    ['trigger type missing', minimal({ triggers: [{ config: {} }] }), 'triggers[0].type', 'is required'],
    ['trigger config missing', minimal({ triggers: [{ type: 'inactivity' }] }), 'triggers[0].config', 'is required'],
    ['trigger config not an object', withTrigger('inactivity', 'days=3'), 'triggers[0].config', 'must be an object'],
    [
      'two scheduled triggers',
      minimal({
        triggers: [
          { type: 'scheduled', config: { cron: '0 9 * * 1', timezone: 'UTC' } },
          { type: 'scheduled', config: { cron: '0 10 * * 1', timezone: 'UTC' } },
        ],
      }),
      'triggers[1].type',
      "at most one 'scheduled'",
    ],
    [
      'stage_change without toStage',
      withTrigger('stage_change', { fromStage: 'lead' }),
      'triggers[0].config.toStage',
      'is required',
    ],
    [
      'stage_change toStage too long',
      withTrigger('stage_change', { toStage: long(65) }),
      'triggers[0].config.toStage',
      'at most 64',
    ],
    [
      'stage_change toStage empty',
      withTrigger('stage_change', { toStage: '' }),
      'triggers[0].config.toStage',
      'must not be empty',
    ],
    [
      'stage_change fromStage equals toStage',
      withTrigger('stage_change', { fromStage: 'active', toStage: 'active' }),
      'triggers[0].config.fromStage',
      'must differ from toStage',
    ],
    ['inactivity days 0', withTrigger('inactivity', { days: 0 }), 'triggers[0].config.days', 'at least 1'],
    ['inactivity days 366', withTrigger('inactivity', { days: 366 }), 'triggers[0].config.days', 'at most 365'],
    [
      'inactivity days not an integer',
      withTrigger('inactivity', { days: 1.5 }),
      'triggers[0].config.days',
      'must be an integer',
    ],
    [
      'kpi metric with capitals',
      withSecondTrigger('kpi_threshold', { metric: 'ROAS', operator: 'below', value: 2 }),
      'triggers[1].config.metric',
      'must be a metric name',
    ],
    [
      'kpi unknown operator',
      withSecondTrigger('kpi_threshold', { metric: 'roas', operator: 'gte', value: 2 }),
      'triggers[1].config.operator',
      'must be one of: "above", "below", "equals"',
    ],
    [
      'kpi value as a string',
      withSecondTrigger('kpi_threshold', { metric: 'roas', operator: 'below', value: '2' }),
      'triggers[1].config.value',
      'must be a finite number',
    ],
    [
      'kpi value infinite',
      withSecondTrigger('kpi_threshold', { metric: 'roas', operator: 'below', value: Infinity }),
      'triggers[1].config.value',
      'must be a finite number',
    ],
    [
      'kpi value missing',
      withSecondTrigger('kpi_threshold', { metric: 'roas', operator: 'below' }),
      'triggers[1].config.value',
      'is required',
    ],
    [
      'new_message unknown platform',
      withTrigger('new_message', { platform: 'teams' }),
      'triggers[0].config.platform',
      'must be one of',
    ],
    [
      'new_message empty contains',
      withTrigger('new_message', { platform: 'any', contains: '' }),
      'triggers[0].config.contains',
      'must not be empty',
    ],
    [
      'new_message contains too long',
      withTrigger('new_message', { platform: 'any', contains: long(201) }),
      'triggers[0].config.contains',
      'at most 200',
    ],
    [
      'ticket_created unknown priority',
      withTrigger('ticket_created', { priority: 'p1' }),
      'triggers[0].config.priority',
      'must be one of',
    ],
    [
      'ticket_created unknown key',
      withTrigger('ticket_created', { assignee: 'x' }),
      'triggers[0].config.assignee',
      "unknown property 'assignee'",
    ],
    [
      'scheduled cron with seconds',
      withTrigger('scheduled', { cron: '0 0 9 * * 1', timezone: 'UTC' }),
      'triggers[0].config.cron',
      'exactly 5 fields',
    ],
    [
      'scheduled cron macro',
      withTrigger('scheduled', { cron: '@daily', timezone: 'UTC' }),
      'triggers[0].config.cron',
      'exactly 5 fields',
    ],
    [
      'scheduled cron out of range',
      withTrigger('scheduled', { cron: '61 * * * *', timezone: 'UTC' }),
      'triggers[0].config.cron',
      'invalid cron expression',
    ],
    [
      'scheduled timezone missing',
      withTrigger('scheduled', { cron: '0 9 * * 1' }),
      'triggers[0].config.timezone',
      'is required',
    ],
    [
      'scheduled unknown timezone',
      withTrigger('scheduled', { cron: '0 9 * * 1', timezone: 'Mars/Olympus' }),
      'triggers[0].config.timezone',
      "unknown time zone 'Mars/Olympus'",
    ],
    [
      'scheduled filter with an unknown health',
      withTrigger('scheduled', { cron: '0 9 * * 1', timezone: 'UTC', clientFilter: { health: ['red', 'blue'] } }),
      'triggers[0].config.clientFilter.health[1]',
      'must be one of: "green", "yellow", "red"',
    ],
    [
      'scheduled filter with an unknown key',
      withTrigger('scheduled', { cron: '0 9 * * 1', timezone: 'UTC', clientFilter: { owner: 'me' } }),
      'triggers[0].config.clientFilter.owner',
      "unknown property 'owner'",
    ],

    // step list and step shape
    ['steps missing', minimal({ steps: undefined }), 'steps', 'is required'],
    ['steps empty', minimal({ steps: [] }), 'steps', 'must contain at least 1 step'],
    ['steps not an array', minimal({ steps: {} }), 'steps', 'must be an array of steps'],
    ['step not an object', minimal({ steps: ['add_alert'] }), 'steps[0]', 'must be a step object'],
    ['step type missing', withStep({ config: {} }), 'steps[0].type', 'is required'],
    ['unknown step type', withStep({ type: 'loop', config: {} }), 'steps[0].type', 'unknown step type "loop"'],
    [
      'action step with a branch key',
      withStep(alertStep({ then: [] })),
      'steps[0].then',
      "unknown property 'then' on an action step",
    ],
    ['action config missing', withStep({ type: 'add_alert' }), 'steps[0].config', 'is required'],
    [
      'delayMinutes above 1440',
      withStep(alertStep({ delayMinutes: 1441 })),
      'steps[0].delayMinutes',
      'integer from 0 to 1440',
    ],
    [
      'delayMinutes negative',
      withStep(alertStep({ delayMinutes: -5 })),
      'steps[0].delayMinutes',
      'integer from 0 to 1440',
    ],
    [
      'delayMinutes fractional',
      withStep(alertStep({ delayMinutes: 1.5 })),
      'steps[0].delayMinutes',
      'integer from 0 to 1440',
    ],
    [
      'step requiresApproval not a boolean',
      withStep(alertStep({ requiresApproval: 'yes' })),
      'steps[0].requiresApproval',
      'must be a boolean',
    ],
    [
      'step continueOnFailure not a boolean',
      withStep(alertStep({ continueOnFailure: 0 })),
      'steps[0].continueOnFailure',
      'must be a boolean',
    ],
    ['step id with a space', withStep(alertStep({ id: 'my step' })), 'steps[0].id', 'step id must be 1 to 64 letters'],
    ['step id too long', withStep(alertStep({ id: long(65) })), 'steps[0].id', 'step id must be 1 to 64'],
    ['step id not a string', withStep(alertStep({ id: 7 })), 'steps[0].id', 'step id must be'],
    [
      'duplicate step id',
      minimal({ steps: [alertStep({ id: 'x' }), alertStep({ id: 'y' }), alertStep({ id: 'x' })] }),
      'steps[2].id',
      "duplicate step id 'x' (already used at steps[0].id)",
    ],
    [
      'duplicate step id inside a branch',
      minimal({ steps: [alertStep({ id: 'x' }), branch(redHealth, [alertStep({ id: 'x' })], { id: 'b' })] }),
      'steps[1].then[0].id',
      "duplicate step id 'x'",
    ],

    // branches
    [
      'branch without condition',
      withStep({ type: 'branch', then: [alertStep()] }),
      'steps[0].condition',
      'is required',
    ],
    ['branch without then', withStep({ type: 'branch', condition: redHealth }), 'steps[0].then', 'is required'],
    ['branch with empty then', withStep(branch(redHealth, [])), 'steps[0].then', 'must contain at least 1 step'],
    [
      'branch else not an array',
      withStep(branch(redHealth, [alertStep()], { else: alertStep() })),
      'steps[0].else',
      'must be an array of steps',
    ],
    [
      'branch with a config',
      withStep(branch(redHealth, [alertStep()], { config: {} })),
      'steps[0].config',
      "unknown property 'config' on a branch",
    ],
    [
      'branch with a delay',
      withStep(branch(redHealth, [alertStep()], { delayMinutes: 5 })),
      'steps[0].delayMinutes',
      'unknown property',
    ],
    ['branches nested 4 deep', withStep(nestedBranches(4)), 'steps[0].then[0].then[0].then[0]', 'at most 3 deep'],
    [
      'invalid step inside else',
      withStep(
        branch(redHealth, [alertStep()], { else: [{ type: 'add_alert', config: { title: 'x', severity: 'high' } }] }),
      ),
      'steps[0].else[0].config.severity',
      'must be one of',
    ],

    // conditions
    [
      'condition not an object',
      withStep(branch('client.health == red', [alertStep()])),
      'steps[0].condition',
      "must be an object with 'all' or 'any'",
    ],
    [
      'condition with all and any',
      withStep(branch({ all: [rule('client.stage', 'exists')], any: [rule('client.stage', 'exists')] }, [alertStep()])),
      'steps[0].condition',
      "exactly one of 'all' or 'any'",
    ],
    [
      'condition with neither',
      withStep(branch({}, [alertStep()])),
      'steps[0].condition',
      "exactly one of 'all' or 'any'",
    ],
    [
      'condition with an unknown key',
      withStep(branch({ all: [rule('client.stage', 'exists')], not: [] }, [alertStep()])),
      'steps[0].condition.not',
      "unknown property 'not'",
    ],
    [
      'condition with no rules',
      withStep(branch({ any: [] }, [alertStep()])),
      'steps[0].condition.any',
      'array of 1 to 20 rules',
    ],
    [
      'condition with 21 rules',
      withStep(branch({ all: Array.from({ length: 21 }, () => rule('client.stage', 'exists')) }, [alertStep()])),
      'steps[0].condition.all',
      'array of 1 to 20 rules',
    ],
    [
      'rule not an object',
      withStep(branch({ all: ['client.stage'] }, [alertStep()])),
      'steps[0].condition.all[0]',
      'must be an object {field, operator, value?}',
    ],
    [
      'rule with an unknown key',
      withStep(branch({ all: [{ ...rule('client.stage', 'exists'), negate: true }] }, [alertStep()])),
      'steps[0].condition.all[0].negate',
      "unknown property 'negate'",
    ],
    [
      'rule on an unknown client field',
      withStep(branch({ all: [rule('client.password', 'exists')] }, [alertStep()])),
      'steps[0].condition.all[0].field',
      "unknown field 'client.password'",
    ],
    [
      'rule on an unknown root',
      withStep(branch({ all: [rule('env.SECRET', 'exists')] }, [alertStep()])),
      'steps[0].condition.all[0].field',
      "unknown field 'env.SECRET'",
    ],
    [
      'rule on an upper-case metric',
      withStep(branch({ all: [rule('metrics.ROAS', 'less_than', 2)] }, [alertStep()])),
      'steps[0].condition.all[0].field',
      'unknown field',
    ],
    [
      'rule on a __proto__ field',
      withStep(branch({ all: [rule('trigger.__proto__', 'exists')] }, [alertStep()])),
      'steps[0].condition.all[0].field',
      "'__proto__' is not allowed",
    ],
    [
      'rule field missing',
      withStep(branch({ all: [{ operator: 'exists' }] }, [alertStep()])),
      'steps[0].condition.all[0].field',
      'is required',
    ],
    [
      'rule with an unknown operator',
      withStep(branch({ all: [rule('client.name', 'matches', 'A.*')] }, [alertStep()])),
      'steps[0].condition.all[0].operator',
      'must be one of: equals',
    ],
    [
      'equals without value',
      withStep(branch({ all: [rule('client.stage', 'equals')] }, [alertStep()])),
      'steps[0].condition.all[0].value',
      "is required for operator 'equals'",
    ],
    [
      'exists with a value',
      withStep(branch({ all: [rule('client.stage', 'exists', 'x')] }, [alertStep()])),
      'steps[0].condition.all[0].value',
      "must not be set for operator 'exists'",
    ],
    [
      'not_exists with a value',
      withStep(branch({ all: [rule('client.stage', 'not_exists', null)] }, [alertStep()])),
      'steps[0].condition.all[0].value',
      "must not be set for operator 'not_exists'",
    ],
    [
      'in with an empty array',
      withStep(branch({ all: [rule('client.stage', 'in', [])] }, [alertStep()])),
      'steps[0].condition.all[0].value',
      "non-empty array of at most 100 values for operator 'in'",
    ],
    [
      'in with a scalar',
      withStep(branch({ all: [rule('client.stage', 'in', 'active')] }, [alertStep()])),
      'steps[0].condition.all[0].value',
      'non-empty array',
    ],
    [
      'in with an object item',
      withStep(branch({ all: [rule('client.stage', 'in', ['a', { b: 1 }])] }, [alertStep()])),
      'steps[0].condition.all[0].value[1]',
      'must be a string, a finite number or a boolean',
    ],
    [
      'greater_than with a numeric string',
      withStep(branch({ all: [rule('metrics.roas', 'greater_than', '2')] }, [alertStep()])),
      'steps[0].condition.all[0].value',
      "must be a finite number for operator 'greater_than'",
    ],
    [
      'equals with an object',
      withStep(branch({ all: [rule('client.stage', 'equals', { a: 1 })] }, [alertStep()])),
      'steps[0].condition.all[0].value',
      'must be a string, a finite number or a boolean',
    ],
    [
      'starts_with with a number',
      withStep(branch({ all: [rule('client.name', 'starts_with', 1)] }, [alertStep()])),
      'steps[0].condition.all[0].value',
      'non-empty string',
    ],
    [
      'time.hour out of range',
      withStep(branch({ all: [rule('time.hour', 'equals', 24)] }, [alertStep()])),
      'steps[0].condition.all[0].value',
      'integer from 0 to 23',
    ],
    [
      'time.weekday with contains',
      withStep(branch({ any: [rule('time.weekday', 'contains', 1)] }, [alertStep()])),
      'steps[0].condition.any[0].operator',
      "operator 'contains' cannot be used with time.weekday",
    ],
    [
      'client.health with an unknown value',
      withStep(branch({ all: [rule('client.health', 'in', ['red', 'blue'])] }, [alertStep()])),
      'steps[0].condition.all[0].value',
      'must be one of: green, yellow, red',
    ],
    [
      'invalid condition on an action step',
      withStep(alertStep({ condition: { any: [rule('client.stage', 'like', 'x')] } })),
      'steps[0].condition.any[0].operator',
      'must be one of',
    ],

    // action configs
    [
      'unknown key in an action config',
      withAction('add_alert', { title: 'x', severity: 'info', color: 'red' }),
      'steps[0].config.color',
      "unknown property 'color'",
    ],
    [
      'own __proto__ key in a config',
      withStep(JSON.parse('{"type":"add_alert","config":{"title":"x","severity":"info","__proto__":{"p":1}}}')),
      'steps[0].config.__proto__',
      "unknown property '__proto__'",
    ],
    ['action config not an object', withAction('add_alert', ['title']), 'steps[0].config', 'must be an object'],
    [
      'create_task without title',
      withAction('create_task', { priority: 'low' }),
      'steps[0].config.title',
      'is required',
    ],
    [
      'create_task without priority',
      withAction('create_task', { title: 'Call' }),
      'steps[0].config.priority',
      'is required',
    ],
    [
      'create_task blank title',
      withAction('create_task', { title: '   ', priority: 'low' }),
      'steps[0].config.title',
      'must not be blank',
    ],
    [
      'create_task title too long',
      withAction('create_task', { title: long(201), priority: 'low' }),
      'steps[0].config.title',
      'at most 200',
    ],
    [
      'create_task description too long',
      withAction('create_task', { title: 'Call', priority: 'low', description: long(5001) }),
      'steps[0].config.description',
      'at most 5000',
    ],
    [
      'create_task dueInDays 366',
      withAction('create_task', { title: 'Call', priority: 'low', dueInDays: 366 }),
      'steps[0].config.dueInDays',
      'at most 365',
    ],
    [
      'create_task dueInDays negative',
      withAction('create_task', { title: 'Call', priority: 'low', dueInDays: -1 }),
      'steps[0].config.dueInDays',
      'at least 0',
    ],
    [
      'create_task unknown priority',
      withAction('create_task', { title: 'Call', priority: 'asap' }),
      'steps[0].config.priority',
      'must be one of: "low", "medium", "high", "urgent"',
    ],
    [
      'create_task assignee by name',
      withAction('create_task', { title: 'Call', priority: 'low', assignee: 'bob' }),
      'steps[0].config.assignee',
      'must be "client_assignee" or a user id (uuid)',
    ],
    [
      'create_task assignee urn uuid',
      withAction('create_task', { title: 'Call', priority: 'low', assignee: `urn:uuid:${USER_ID}` }),
      'steps[0].config.assignee',
      'a user id (uuid)',
    ],
    [
      'send_notification unknown channel',
      withAction('send_notification', { channel: 'sms', recipients: ['x'], message: 'm' }),
      'steps[0].config.channel',
      'must be one of: "slack", "email"',
    ],
    [
      'send_notification no recipients',
      withAction('send_notification', { channel: 'slack', recipients: [], message: 'm' }),
      'steps[0].config.recipients',
      'at least 1 item',
    ],
    [
      'send_notification 51 recipients',
      withAction('send_notification', {
        channel: 'slack',
        recipients: Array.from({ length: 51 }, (_, i) => `C${1000 + i}`),
        message: 'm',
      }),
      'steps[0].config.recipients',
      'at most 50 items',
    ],
    [
      'send_notification duplicate recipients',
      withAction('send_notification', { channel: 'slack', recipients: ['C0123', 'C0123'], message: 'm' }),
      'steps[0].config.recipients',
      'must not contain duplicates',
    ],
    [
      'slack recipient is not a Slack id',
      withAction('send_notification', { channel: 'slack', recipients: ['C0123', '#general'], message: 'm' }),
      'steps[0].config.recipients[1]',
      'Slack channel or user id',
    ],
    [
      'slack recipient is an email',
      withAction('send_notification', { channel: 'slack', recipients: ['ops@agency.example'], message: 'm' }),
      'steps[0].config.recipients[0]',
      'Slack channel or user id',
    ],
    [
      'email recipient is a Slack id',
      withAction('send_notification', { channel: 'email', recipients: ['ops@agency.example', 'C0123'], message: 'm' }),
      'steps[0].config.recipients[1]',
      'must be an email address or a user id (uuid)',
    ],
    [
      'send_notification message missing',
      withAction('send_notification', { channel: 'slack', recipients: ['C0123'] }),
      'steps[0].config.message',
      'is required',
    ],
    [
      'send_notification message too long',
      withAction('send_notification', { channel: 'slack', recipients: ['C0123'], message: long(4001) }),
      'steps[0].config.message',
      'at most 4000',
    ],
    [
      'send_notification subject too long',
      withAction('send_notification', { channel: 'email', recipients: [USER_ID], subject: long(201), message: 'm' }),
      'steps[0].config.subject',
      'at most 200',
    ],
    [
      'draft_communication unknown platform',
      withAction('draft_communication', { platform: 'sms', tone: 'formal', template: 't' }),
      'steps[0].config.platform',
      'must be one of',
    ],
    [
      'draft_communication unknown tone',
      withAction('draft_communication', { platform: 'email', tone: 'angry', template: 't' }),
      'steps[0].config.tone',
      'must be one of: "friendly", "professional", "formal", "casual", "empathetic"',
    ],
    [
      'draft_communication empty template',
      withAction('draft_communication', { platform: 'email', tone: 'formal', template: '' }),
      'steps[0].config.template',
      'must not be empty',
    ],
    [
      'draft_communication template too long',
      withAction('draft_communication', { platform: 'email', tone: 'formal', template: long(4001) }),
      'steps[0].config.template',
      'at most 4000',
    ],
    [
      'create_ticket without category',
      withAction('create_ticket', { title: 'Broken', priority: 'high' }),
      'steps[0].config.category',
      'is required',
    ],
    [
      'create_ticket category too long',
      withAction('create_ticket', { title: 'Broken', priority: 'high', category: long(65) }),
      'steps[0].config.category',
      'at most 64',
    ],
    [
      'create_ticket without priority',
      withAction('create_ticket', { title: 'Broken', category: 'tracking' }),
      'steps[0].config.priority',
      'is required',
    ],
    [
      'update_client with nothing to update',
      withAction('update_client', {}),
      'steps[0].config',
      'must set at least one of: stage, health, assigneeId',
    ],
    [
      'update_client assigneeId not a uuid',
      withAction('update_client', { assigneeId: 'bob' }),
      'steps[0].config.assigneeId',
      'must be a uuid',
    ],
    [
      'update_client unknown health',
      withAction('update_client', { health: 'blue' }),
      'steps[0].config.health',
      'must be one of: "green", "yellow", "red"',
    ],
    [
      'add_alert unknown severity',
      withAction('add_alert', { title: 'x', severity: 'high' }),
      'steps[0].config.severity',
      'must be one of: "info", "warning", "critical"',
    ],
    [
      'add_alert message too long',
      withAction('add_alert', { title: 'x', severity: 'info', message: long(2001) }),
      'steps[0].config.message',
      'at most 2000',
    ],
    ['add_alert without severity', withAction('add_alert', { title: 'x' }), 'steps[0].config.severity', 'is required'],

    // templates in action configs
    [
      'unknown template variable',
      withAction('add_alert', { title: 'Hi {{client.email}}', severity: 'info' }),
      'steps[0].config.title',
      "unknown template variable '{{client.email}}'",
    ],
    [
      'unknown template root',
      withAction('create_task', { title: 'x', description: 'Env: {{process.env}}', priority: 'low' }),
      'steps[0].config.description',
      "unknown template variable '{{process.env}}'",
    ],
    [
      'template with __proto__',
      withAction('add_alert', { title: '{{trigger.__proto__}}', severity: 'info' }),
      'steps[0].config.title',
      "'__proto__' is not allowed",
    ],
    [
      'template with constructor',
      withAction('add_alert', { title: '{{client.constructor}}', severity: 'info' }),
      'steps[0].config.title',
      "'constructor' is not allowed",
    ],
    [
      'template injection payload',
      withAction('send_notification', {
        channel: 'slack',
        recipients: ['C0123'],
        message: "{{constructor.constructor('return process')()}}",
      }),
      'steps[0].config.message',
      'malformed template expression',
    ],
    [
      'unclosed template',
      withAction('draft_communication', { platform: 'email', tone: 'formal', template: 'Hi {{client.name' }),
      'steps[0].config.template',
      "'{{' is never closed",
    ],
    [
      'unknown variable deep in a branch',
      withStep(
        branch(redHealth, [branch(redHealth, [alertStep({ config: { title: '{{client.ssn}}', severity: 'info' } })])]),
      ),
      'steps[0].then[0].then[0].config.title',
      "unknown template variable '{{client.ssn}}'",
    ],
  ])('%s', (_name, input, path, fragment) => {
    const result = validateWorkflowDefinition(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const atPath = result.errors.filter((error) => error.path === path);
    expect(atPath).not.toHaveLength(0);
    expect(atPath.map((error) => error.message).join('\n')).toContain(fragment);
  });

  it('collects every error instead of stopping at the first', () => {
    const result = validateWorkflowDefinition({
      name: '',
      color: 'blue',
      triggers: [{ type: 'inactivity', config: { days: 0 } }],
      steps: [
        { id: 'bad id', type: 'create_task', config: { title: '{{client.nope}}', priority: 'asap' } },
        { type: 'branch', condition: { all: [] }, then: [] },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => error.path)).toEqual(
      expect.arrayContaining([
        'color',
        'name',
        'triggers[0].config.days',
        'steps[0].id',
        'steps[0].config.priority',
        'steps[0].config.title',
        'steps[1].condition.all',
        'steps[1].then',
      ]),
    );
  });
});

describe('validateWorkflowDefinition — accepted definitions', () => {
  it('accepts the PRODUCT.md example unchanged', () => {
    const input = JSON.parse(JSON.stringify(workflowDefinitionExample));
    const { value, warnings } = expectOk(input);
    expect(value).toEqual(workflowDefinitionExample);
    expect(warnings).toEqual([]);
  });

  it.each(
    triggerCatalog.flatMap((descriptor) => descriptor.examples.map((config) => [descriptor.type, config] as const)),
  )('accepts the %s trigger example %j', (type, config) => {
    expectOk(withTrigger(type, config));
  });

  it.each(
    actionCatalog.flatMap((descriptor) => descriptor.examples.map((config) => [descriptor.type, config] as const)),
  )('accepts the %s action example %j', (type, config) => {
    expectOk(withAction(type, config));
  });

  it('accepts a scheduled trigger with an AND partner', () => {
    expectOk(
      minimal({
        triggers: [
          { type: 'scheduled', config: { cron: '*/15 8-18 * * 1-5', timezone: 'Europe/Paris' } },
          { type: 'inactivity', config: { days: 7 } },
        ],
      }),
    );
  });

  it('accepts every kind of condition rule', () => {
    const condition = {
      all: [
        rule('client.name', 'starts_with', 'Acme'),
        rule('client.stage', 'in', ['onboarding', 'active']),
        rule('client.health', 'not_equals', 'green'),
        rule('client.assigneeId', 'exists'),
        rule('client.lastActivityAt', 'exists'),
        rule('client.assignee.email', 'contains', '@agency.example'),
        rule('client.assignee.name', 'not_exists'),
        rule('trigger.body', 'contains', 'cancel'),
        rule('metrics.roas', 'less_than', 2),
        rule('metrics.cost_per_lead', 'greater_than', 40.5),
        rule('time.hour', 'greater_than', 8),
        rule('time.weekday', 'in', [1, 2, 3, 4, 5]),
        rule('trigger.priority', 'equals', true),
      ],
    };
    expectOk(withStep(branch(condition, [alertStep()])));
    expectOk(withStep(alertStep({ condition: { any: [rule('client.stage', 'equals', 'active')] } })));
  });

  it('keeps isActive absent, defaults requiresApproval to false, trims the name and keeps a null description', () => {
    const { value } = expectOk(minimal({ name: '  Kickoff  ', description: null }));
    expect(value).not.toHaveProperty('isActive');
    expect(value.requiresApproval).toBe(false);
    expect(value.name).toBe('Kickoff');
    expect(value.description).toBeNull();
    expect(expectOk(minimal({ isActive: false, requiresApproval: true })).value).toMatchObject({
      isActive: false,
      requiresApproval: true,
    });
  });

  it('applies config defaults to a copy, leaving the input untouched', () => {
    const input = minimal({
      triggers: [{ type: 'new_message', config: {} }],
      steps: [
        { id: 'd', type: 'draft_communication', config: { platform: 'email', template: 'Hello {{client.name}}' } },
      ],
    });
    const snapshot = JSON.parse(JSON.stringify(input));
    const { value } = expectOk(input);
    expect(value.triggers[0].config).toEqual({ platform: 'any' });
    expect(value.steps[0]).toMatchObject({ config: { tone: 'professional' } });
    expect(input).toEqual(snapshot);
  });

  it('fills missing step ids with readable, unique, stable ids that never collide with given ones', () => {
    const input = minimal({
      steps: [
        { type: 'create_task', config: { title: 'a', priority: 'low' } },
        branch(redHealth, [{ type: 'create_task', config: { title: 'b', priority: 'low' } }, alertStep()], {
          else: [alertStep({ id: 'add_alert-1' })],
        }),
        { id: 'create_task-2', type: 'create_task', config: { title: 'c', priority: 'low' } },
        { type: 'create_task', config: { title: 'd', priority: 'low' } },
      ],
    });
    const { value } = expectOk(input);
    const ids: string[] = [];
    const collect = (steps: Step[]): void =>
      steps.forEach((step) => {
        ids.push(step.id);
        if (step.type === 'branch') {
          collect(step.then);
          collect(step.else ?? []);
        }
      });
    collect(value.steps);
    expect(ids).toEqual([
      'create_task-1',
      'branch-1',
      'create_task-3',
      'add_alert-2',
      'add_alert-1',
      'create_task-2',
      'create_task-4',
    ]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(expectOk(input).value).toEqual(value);
  });

  it.each([
    [50, []],
    [51, ['too_many_actions']],
  ])('with %i action steps warns %j', (count, codes) => {
    const { warnings } = expectOk(minimal({ steps: manyAlerts(count) }));
    expect(warnings.map((warning) => warning.code)).toEqual(codes);
  });

  it('counts actions inside branches for the too_many_actions warning', () => {
    const { warnings } = expectOk(
      minimal({ steps: [...manyAlerts(49), branch(redHealth, manyAlerts(1), { else: manyAlerts(1) })] }),
    );
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'too_many_actions', message: expect.stringContaining('51 action steps') }),
    ]);
  });

  it('accepts branches nested 3 deep and rejects 4', () => {
    expectOk(withStep(nestedBranches(3)));
    expect(validateWorkflowDefinition(withStep(nestedBranches(4))).ok).toBe(false);
  });
});
