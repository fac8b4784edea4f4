import { validateWorkflowDefinition } from '../definition/workflow-definition.validator';
import { templatizeDefinition, type TemplatizeOptions } from './definition-templatizer';
import { placeholderRef } from './placeholder-refs';
import { checkTemplateDefinition } from './template-content.validator';
import { instantiateTemplate } from './template-instantiation';
import type { TemplateDefinition, TemplatePlaceholder } from './template.types';

type Json = Record<string, unknown>;

const ALICE_ID = '8f14e45f-ceea-467f-a8d5-6f0e5b2c1a90';
const BOB_ID = '0b7c1f52-3d4e-4a6b-9c8d-7e6f5a4b3c2d';
const ALICE_EMAIL = 'alice.moreau@northwind-agency.example';

const stageTrigger = { type: 'stage_change', config: { toStage: 'onboarding' } };
const definitionOf = (steps: unknown[], extra: Json = {}): TemplateDefinition => ({
  name: 'Kickoff',
  triggers: [stageTrigger],
  steps,
  ...extra,
});
const slackPing = (recipients: unknown, id = 'ping', message = '{{client.name}} starts onboarding'): Json => ({
  id,
  type: 'send_notification',
  config: { channel: 'slack', recipients, message },
});
const emailPing = (recipients: unknown): Json => ({
  id: 'mail',
  type: 'send_notification',
  config: { channel: 'email', recipients, subject: 'New client', message: '{{client.name}} starts onboarding' },
});
const task = (config: Json, id = 'task'): Json => ({
  id,
  type: 'create_task',
  config: { title: 'Kickoff call', priority: 'high', ...config },
});
const alert = { id: 'alert', type: 'add_alert', config: { title: 'New client', severity: 'info' } };
const branchOn = (condition: Json, then: unknown[]): Json => ({
  id: 'check',
  type: 'branch',
  condition: { all: [condition] },
  then,
});
const channelPlaceholder: TemplatePlaceholder = {
  key: 'slackRecipients',
  label: 'Team channel',
  description: '',
  schema: { type: 'array', 'x-picker': 'slack-recipient', items: { type: 'string', pattern: '^[CGDUW][A-Z0-9]{2,}$' } },
};

/** The placeholder at `path` of a result (e.g. `steps[0].config.recipients`), read plainly. */
function at(value: unknown, path: string): unknown {
  return path
    .split(/[.[\]]/)
    .filter((segment) => segment !== '')
    .reduce<unknown>((node, segment) => (node as Record<string, unknown>)[segment], value);
}

/** Only the product's words: enums, numbers, stages, metrics, fixed texts. */
const productWordsOnly = (): TemplateDefinition => ({
  name: 'Rescue',
  description: null,
  requiresApproval: true,
  triggers: [
    { type: 'kpi_threshold', config: { metric: 'roas', operator: 'below', value: 2 } },
    { type: 'stage_change', config: { fromStage: 'onboarding', toStage: 'active' } },
  ],
  steps: [
    {
      id: 'alert',
      type: 'add_alert',
      delayMinutes: 30,
      config: { title: 'ROAS {{metrics.roas}}', severity: 'critical' },
    },
    task({ priority: 'urgent', dueInDays: 1 }),
    { id: 'move', type: 'update_client', config: { stage: 'at_risk', health: 'red' } },
    { id: 'ticket', type: 'create_ticket', config: { title: 'Check tracking', priority: 'low', category: 'tracking' } },
    {
      id: 'draft',
      type: 'draft_communication',
      requiresApproval: true,
      config: { platform: 'email', tone: 'empathetic', template: 'Propose a review' },
    },
    branchOn({ field: 'metrics.cpa', operator: 'greater_than', value: 45.5 }, [{ ...alert, id: 'cpa_alert' }]),
  ],
});

interface Row {
  /** The workflow as the agency built it. */
  definition: TemplateDefinition;
  options?: TemplatizeOptions;
  /** Placeholders the definition already holds (declared on the template). */
  existing?: TemplatePlaceholder[];
  /** Keys of the placeholders created, in document order, with the picker of each (or 'text'). */
  created: [key: string, kind: string][];
  /** Where each created or kept placeholder now stands. */
  uses?: [path: string, key: string][];
  /** Values of the agency that must appear nowhere in the result (checked case-insensitively). */
  gone: string[];
  /** Further checks of the result. */
  check?: (definition: Json, placeholders: TemplatePlaceholder[]) => void;
}

const ROWS: [string, Row][] = [
  [
    'Slack channel and user ids in send_notification recipients (Slack)',
    {
      definition: definitionOf([slackPing(['C0123ABCD', 'U0456EFGH'])]),
      created: [['slackRecipients', 'slack-recipient']],
      uses: [['steps[0].config.recipients', 'slackRecipients']],
      gone: ['C0123ABCD', 'U0456EFGH'],
    },
  ],
  [
    'email addresses in email recipients',
    {
      definition: definitionOf([emailPing([ALICE_EMAIL, 'ops@northwind-agency.example'])]),
      created: [['emailRecipients', 'email-recipient']],
      uses: [['steps[0].config.recipients', 'emailRecipients']],
      gone: [ALICE_EMAIL, 'ops@northwind-agency.example', 'northwind'],
    },
  ],
  [
    'agency user uuids in email recipients',
    {
      definition: definitionOf([emailPing([ALICE_ID, BOB_ID])]),
      created: [['emailRecipients', 'email-recipient']],
      gone: [ALICE_ID, BOB_ID],
    },
  ],
  [
    'a create_task assignee uuid',
    {
      definition: definitionOf([task({ assignee: ALICE_ID })]),
      created: [['taskAssignee', 'user']],
      uses: [['steps[0].config.assignee', 'taskAssignee']],
      gone: [ALICE_ID],
    },
  ],
  [
    'a create_task assigned to the client’s assignee stays as it is',
    {
      definition: definitionOf([task({ assignee: 'client_assignee' })]),
      created: [],
      gone: [],
      check: (definition) => expect(at(definition, 'steps[0].config.assignee')).toBe('client_assignee'),
    },
  ],
  [
    'an update_client assigneeId',
    {
      definition: definitionOf([
        { id: 'owner', type: 'update_client', config: { assigneeId: BOB_ID, health: 'yellow' } },
      ]),
      created: [['clientAssignee', 'user']],
      uses: [['steps[0].config.assigneeId', 'clientAssignee']],
      gone: [BOB_ID],
      check: (definition) => expect(at(definition, 'steps[0].config.health')).toBe('yellow'),
    },
  ],
  [
    'a scheduled trigger’s clientFilter (the cron and time zone stay)',
    {
      definition: {
        name: 'Monday review',
        triggers: [
          {
            type: 'scheduled',
            config: {
              cron: '0 9 * * 1',
              timezone: 'Europe/Paris',
              clientFilter: { stages: ['northwind-vip'], health: ['red'] },
            },
          },
        ],
        steps: [alert],
      },
      created: [['clientFilter', 'object']],
      uses: [['triggers[0].config.clientFilter', 'clientFilter']],
      gone: ['northwind-vip'],
      check: (definition) =>
        expect(at(definition, 'triggers[0].config')).toMatchObject({ cron: '0 9 * * 1', timezone: 'Europe/Paris' }),
    },
  ],
  [
    'the same Slack channel in two steps becomes one placeholder',
    {
      definition: definitionOf([slackPing(['C0123ABCD'], 'first'), slackPing(['C0123ABCD'], 'second')]),
      created: [['slackRecipients', 'slack-recipient']],
      uses: [
        ['steps[0].config.recipients', 'slackRecipients'],
        ['steps[1].config.recipients', 'slackRecipients'],
      ],
      gone: ['C0123ABCD'],
    },
  ],
  [
    'two different Slack channels become two keys',
    {
      definition: definitionOf([slackPing(['C0123ABCD'], 'first'), slackPing(['C0999WXYZ'], 'second')]),
      created: [
        ['slackRecipients', 'slack-recipient'],
        ['slackRecipients2', 'slack-recipient'],
      ],
      uses: [
        ['steps[0].config.recipients', 'slackRecipients'],
        ['steps[1].config.recipients', 'slackRecipients2'],
      ],
      gone: ['C0123ABCD', 'C0999WXYZ'],
    },
  ],
  [
    'an email address inside a message text becomes a text placeholder whose default says [email address]',
    {
      definition: definitionOf([slackPing(['C0123ABCD'], 'ping', `New client: write to ${ALICE_EMAIL} for access.`)]),
      created: [
        ['slackRecipients', 'slack-recipient'],
        ['text', 'text'],
      ],
      uses: [['steps[0].config.message', 'text']],
      gone: [ALICE_EMAIL],
      check: (_definition, placeholders) =>
        expect(placeholders[1].default).toBe('New client: write to [email address] for access.'),
    },
  ],
  [
    'a user uuid in a condition value',
    {
      definition: definitionOf([
        branchOn({ field: 'client.assigneeId', operator: 'equals', value: ALICE_ID }, [alert]),
      ]),
      created: [['text', 'text']],
      uses: [['steps[0].condition.all[0].value', 'text']],
      gone: [ALICE_ID],
      check: (definition, placeholders) => {
        expect(at(definition, 'steps[0].condition.all[0]')).toMatchObject({
          field: 'client.assigneeId',
          operator: 'equals',
        });
        expect(placeholders[0].default).toBe('[id]');
      },
    },
  ],
  [
    'a Slack mention <@U0123ABCD> in a message text',
    {
      definition: definitionOf([task({ description: 'Ask <@U0123ABCD> for the ad account access.' })]),
      created: [['text', 'text']],
      uses: [['steps[0].config.description', 'text']],
      gone: ['U0123ABCD'],
      check: (_definition, placeholders) =>
        expect(placeholders[0].default).toBe('Ask [Slack mention] for the ad account access.'),
    },
  ],
  [
    'a bare Slack id in a draft’s instructions',
    {
      definition: definitionOf([
        {
          id: 'draft',
          type: 'draft_communication',
          config: { platform: 'slack', tone: 'friendly', template: 'Invite them to C0123ABCD' },
        },
      ]),
      created: [['text', 'text']],
      gone: ['C0123ABCD'],
    },
  ],
  [
    'a redact word (the client’s name) in a task title, whatever its case',
    {
      definition: definitionOf([task({ title: 'Renewal call with ACME corp' })]),
      options: { redact: ['Acme Corp'] },
      created: [['text', 'text']],
      uses: [['steps[0].config.title', 'text']],
      gone: ['Acme Corp'],
      check: (_definition, placeholders) => expect(placeholders[0].default).toBe('Renewal call with [name]'),
    },
  ],
  [
    'a person’s name in a trigger’s text (new_message contains)',
    {
      definition: {
        name: 'Replies',
        triggers: [{ type: 'new_message', config: { platform: 'any', contains: 'Alice Moreau' } }],
        steps: [alert],
      },
      options: { redact: ['Alice Moreau'] },
      created: [['text', 'text']],
      uses: [['triggers[0].config.contains', 'text']],
      gone: ['Alice Moreau'],
    },
  ],
  [
    'an email address in a task deep in a branch’s else',
    {
      definition: definitionOf([
        {
          id: 'check',
          type: 'branch',
          condition: { all: [{ field: 'client.health', operator: 'equals', value: 'red' }] },
          then: [alert],
          else: [task({ description: `cc ${ALICE_EMAIL}` }, 'nested')],
        },
      ]),
      created: [['text', 'text']],
      uses: [['steps[0].else[0].config.description', 'text']],
      gone: [ALICE_EMAIL],
      check: (definition) => expect(at(definition, 'steps[0].condition.all[0].value')).toBe('red'),
    },
  ],
  [
    'the product’s template variables stay whole when a redact word is inside one',
    {
      definition: definitionOf([task({ title: 'Call Acme about {{client.name}} with {{client.assignee.email}}' })]),
      options: { redact: ['Acme', 'Ema', 'client'] },
      created: [['text', 'text']],
      gone: ['Acme'],
      check: (_definition, placeholders) =>
        expect(placeholders[0].default).toBe('Call [name] about {{client.name}} with {{client.assignee.email}}'),
    },
  ],
  [
    'client_assignee stays even when a redact word is inside it',
    {
      definition: definitionOf([task({ assignee: 'client_assignee' })]),
      options: { redact: ['Sign'] },
      created: [],
      gone: [],
      check: (definition) => expect(at(definition, 'steps[0].config.assignee')).toBe('client_assignee'),
    },
  ],
  [
    'a step id naming the client is dropped (validation gives a fresh one), and no label names it',
    {
      definition: definitionOf([
        task({ title: 'Kickoff with Acme' }, 'acme_kickoff'),
        task({ assignee: ALICE_ID }, 'kickoff-U0123ABCD'),
      ]),
      options: { redact: ['Acme'] },
      created: [
        ['text', 'text'],
        ['taskAssignee', 'user'],
      ],
      gone: ['Acme', 'U0123ABCD'],
      check: (definition, placeholders) => {
        expect(definition.steps).toEqual([
          expect.not.objectContaining({ id: expect.anything() }),
          expect.not.objectContaining({ id: expect.anything() }),
        ]);
        expect(placeholders.map((placeholder) => placeholder.label)).toEqual([
          'Text of step "steps[0]"',
          'Who the task is assigned to',
        ]);
      },
    },
  ],
  [
    'the workflow’s own name and description are redacted in place',
    {
      definition: definitionOf([alert], {
        name: 'Acme Corp kickoff',
        description: `Ping ${ALICE_EMAIL} when <@U0123ABCD> is out`,
      }),
      options: { redact: ['acme corp'] },
      created: [],
      gone: ['Acme Corp', ALICE_EMAIL, 'U0123ABCD'],
      check: (definition) =>
        expect(definition).toMatchObject({
          name: '[name] kickoff',
          description: 'Ping [email address] when [Slack mention] is out',
        }),
    },
  ],
  [
    'enum, number, stage and metric values are left untouched (they are the product’s words)',
    {
      definition: productWordsOnly(),
      created: [],
      gone: [],
      check: (definition) => expect(definition).toEqual(productWordsOnly()),
    },
  ],
  [
    'existing placeholders are kept and their keys not reused (takenKeys)',
    {
      definition: definitionOf([
        slackPing(placeholderRef('slackRecipients'), 'first'),
        slackPing(['C0123ABCD'], 'second'),
      ]),
      options: { takenKeys: ['slackRecipients'] },
      existing: [channelPlaceholder],
      created: [['slackRecipients2', 'slack-recipient']],
      uses: [
        ['steps[0].config.recipients', 'slackRecipients'],
        ['steps[1].config.recipients', 'slackRecipients2'],
      ],
      gone: ['C0123ABCD'],
    },
  ],
  [
    'every kind at once in one workflow',
    {
      definition: definitionOf(
        [
          slackPing(['C0123ABCD'], 'ping', 'Hi <@U0456EFGH>, Acme Corp signed!'),
          emailPing([ALICE_EMAIL, BOB_ID]),
          task({ assignee: ALICE_ID, title: 'Call Acme Corp' }),
          branchOn({ field: 'client.assignee.email', operator: 'equals', value: ALICE_EMAIL }, [
            { id: 'owner', type: 'update_client', config: { assigneeId: BOB_ID } },
          ]),
        ],
        { name: 'Acme Corp flow' },
      ),
      options: { redact: ['Acme Corp', 'Alice Moreau'] },
      created: [
        ['slackRecipients', 'slack-recipient'],
        ['text', 'text'],
        ['emailRecipients', 'email-recipient'],
        ['text2', 'text'],
        ['taskAssignee', 'user'],
        ['text3', 'text'],
        ['clientAssignee', 'user'],
      ],
      gone: ['C0123ABCD', 'U0456EFGH', 'Acme Corp', ALICE_EMAIL, ALICE_ID, BOB_ID],
    },
  ],
];

function kindOf(placeholder: TemplatePlaceholder): string {
  const schema = placeholder.schema;
  if (typeof schema['x-picker'] === 'string') return schema['x-picker'];
  if (schema.type === 'string' && placeholder.key.startsWith('text')) return 'text';
  return String(schema.type);
}

describe('templatizeDefinition — one row per kind of agency-specific value', () => {
  it.each(ROWS)('%s', (_case, row) => {
    const source = JSON.stringify(row.definition);
    const result = templatizeDefinition(row.definition, row.options);

    // the placeholders created, and where they stand
    expect(result.placeholders.map((placeholder) => [placeholder.key, kindOf(placeholder)])).toEqual(row.created);
    for (const [path, key] of row.uses ?? []) expect(at(result.definition, path)).toEqual(placeholderRef(key));

    // nothing of the agency's values remains anywhere
    const everything = JSON.stringify(result).toLowerCase();
    for (const secret of row.gone) expect(everything).not.toContain(secret.toLowerCase());

    // a structured value's placeholder has no default (it would carry the value along)
    for (const placeholder of result.placeholders.filter((candidate) => !candidate.key.startsWith('text')))
      expect(placeholder).not.toHaveProperty('default');

    // a valid template with its placeholders, and the source left as it was
    expect(checkTemplateDefinition(result.definition, [...(row.existing ?? []), ...result.placeholders])).toEqual([]);
    expect(JSON.stringify(row.definition)).toBe(source);
    row.check?.(result.definition, result.placeholders);
  });
});

describe('templatizeDefinition — the template is usable by another agency', () => {
  it('instantiates with the other agency’s values into a valid workflow where the text defaults are used as written', () => {
    const source = definitionOf([
      slackPing(['C0123ABCD'], 'ping', `Tell ${ALICE_EMAIL}`),
      emailPing([ALICE_EMAIL]),
      task({ assignee: ALICE_ID }),
      { id: 'owner', type: 'update_client', config: { assigneeId: BOB_ID } },
    ]);
    const { definition, placeholders } = templatizeDefinition(source);
    const otherAgency = {
      slackRecipients: ['C0777OTHER'],
      emailRecipients: ['team@other-agency.example'],
      taskAssignee: '11111111-2222-4333-8444-555555555555',
      clientAssignee: '11111111-2222-4333-8444-555555555555',
    };

    const result = instantiateTemplate({ definition, placeholders }, { values: otherAgency });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));

    expect(validateWorkflowDefinition(result.definition).ok).toBe(true);
    expect(result.definition.steps.map((step) => (step as unknown as { config: Json }).config)).toEqual([
      { channel: 'slack', recipients: ['C0777OTHER'], message: 'Tell [email address]' },
      {
        channel: 'email',
        recipients: ['team@other-agency.example'],
        subject: 'New client',
        message: '{{client.name}} starts onboarding',
      },
      { title: 'Kickoff call', priority: 'high', assignee: otherAgency.taskAssignee },
      { assigneeId: otherAgency.clientAssignee },
    ]);
  });

  it('refuses the other agency’s use until it gives a value for each structured placeholder', () => {
    const { definition, placeholders } = templatizeDefinition(definitionOf([slackPing(['C0123ABCD'])]));
    expect(instantiateTemplate({ definition, placeholders }, { values: {} })).toEqual({
      ok: false,
      errors: [{ path: 'values.slackRecipients', message: 'is required: Slack channels or people to notify' }],
    });
  });

  it('ignores redact words shorter than three letters, so everyday text is not shredded', () => {
    const result = templatizeDefinition(definitionOf([task({ title: 'Call to review the plan' })]), {
      redact: ['to', ' ', 'Al'],
    });
    expect(result.placeholders).toEqual([]);
    expect(at(result.definition, 'steps[0].config.title')).toBe('Call to review the plan');
  });

  it('treats redact words as plain text, not as regular expressions', () => {
    const result = templatizeDefinition(definitionOf([task({ title: 'Call A+B (Media) today' })]), {
      redact: ['A+B (Media)', '.*'],
    });
    expect(result.placeholders.map((placeholder) => placeholder.default)).toEqual(['Call [name] today']);
  });
});
