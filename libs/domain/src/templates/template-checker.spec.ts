import { checkTemplate, extractTemplateVariables } from './template-checker';

describe('checkTemplate', () => {
  it.each([
    'Hello {{client.name}}',
    'Hello {{ client.name }} and {{\tclient.stage\t}}',
    '{{client.health}} {{client.assignee.name}} <{{client.assignee.email}}>',
    'ROAS {{metrics.roas}}, CPL {{metrics.cost_per_lead}}',
    'On {{trigger.date}}: {{trigger.body}} ({{trigger.ticketId}})',
    '{{workflow.name}} for {{agency.name}}',
    'No placeholders at all, not even } or { or }}',
    '',
  ])('accepts %j', (text) => {
    expect(checkTemplate(text)).toEqual([]);
  });

  it.each([
    ['{{client.email}}', "unknown template variable '{{client.email}}'"],
    ['{{client}}', "unknown template variable '{{client}}'"],
    ['{{client.assignee}}', "unknown template variable '{{client.assignee}}'"],
    ['{{client.assignee.phone}}', "unknown template variable '{{client.assignee.phone}}'"],
    ['{{metrics.ROAS}}', "unknown template variable '{{metrics.ROAS}}'"],
    ['{{metrics}}', "unknown template variable '{{metrics}}'"],
    ['{{trigger.data.body}}', "unknown template variable '{{trigger.data.body}}'"],
    ['{{workflow.id}}', "unknown template variable '{{workflow.id}}'"],
    ['{{process.env.SECRET}}', "unknown template variable '{{process.env.SECRET}}'"],
    ['{{__proto__}}', "'__proto__' is not allowed"],
    ['{{client.__proto__.polluted}}', "'__proto__' is not allowed"],
    ['{{client.constructor}}', "'constructor' is not allowed"],
    ['{{trigger.prototype}}', "'prototype' is not allowed"],
    ["{{constructor.constructor('return process')()}}", 'malformed template expression'],
    ["{{constructor.constructor('x')()}}", 'malformed template expression'],
    ['{{ client.name | upper }}', 'malformed template expression'],
    ['{{client..name}}', 'malformed template expression'],
    ['{{client.name.}}', 'malformed template expression'],
    ['{{1abc}}', 'malformed template expression'],
    ['{{}}', 'malformed template expression'],
    ['{{#if client.name}}x{{/if}}', 'malformed template expression'],
    ['{{{client.name}}}', 'malformed template expression'],
    ['Hi {{client.name', "'{{' is never closed"],
  ])('rejects %j', (text, fragment) => {
    const problems = checkTemplate(text);
    expect(problems).not.toHaveLength(0);
    expect(problems.join('\n')).toContain(fragment);
  });

  it('reports every problem of a template once', () => {
    expect(checkTemplate('{{client.x}} {{client.x}} {{bad expr}}')).toHaveLength(2);
  });

  it('shortens a very long malformed expression in the message', () => {
    const [problem] = checkTemplate(`{{${'x '.repeat(500)}}}`);
    expect(problem.length).toBeLessThan(200);
  });
});

describe('extractTemplateVariables', () => {
  it.each([
    ['Hi {{client.name}} and {{ client.name }}, ROAS {{metrics.roas}}', ['client.name', 'metrics.roas']],
    ['{{unknown.thing}} {{bad expr}} {{trigger.date}}', ['unknown.thing', 'trigger.date']],
    ['plain text', []],
    ['{{client.name', []],
  ])('%j → %j', (text, expected) => {
    expect(extractTemplateVariables(text)).toEqual(expected);
  });
});
