import type { TemplateEscape } from './template-escaping';
import { renderTemplate, type TemplateContext } from './template-renderer';

const context: TemplateContext = {
  client: {
    name: `O'Brien & "Sons" <b>`,
    stage: 'onboarding',
    health: 'red',
    assignee: { name: 'Ana', email: 'ana@agency.example' },
  },
  metrics: { roas: 1.5, spend: 0 },
  trigger: {
    date: new Date('2025-03-10T13:00:00.000Z'),
    body: 'Please {{agency.name}}',
    subject: 'Hi\r\nBcc: evil@example.com',
  },
  workflow: { name: 'Onboarding' },
  agency: { name: 'Agency & Co' },
};

describe('renderTemplate', () => {
  it.each<[string, string, TemplateEscape, string]>([
    ['substitutes variables', 'Hi {{client.name}}', 'none', `Hi O'Brien & "Sons" <b>`],
    ['allows spaces inside the braces', '{{ client.stage }}/{{client.health}}', 'none', 'onboarding/red'],
    ['escapes & < > for Slack', 'Hi {{client.name}}', 'slack', `Hi O'Brien &amp; "Sons" &lt;b&gt;`],
    ['escapes & < > " \' for HTML', 'Hi {{client.name}}', 'html', 'Hi O&#39;Brien &amp; &quot;Sons&quot; &lt;b&gt;'],
    ['strips CR/LF in headers', 'Re: {{trigger.subject}}', 'header', 'Re: HiBcc: evil@example.com'],
    [
      'escapes only substituted values, not the template text',
      '<@U0123> & {{agency.name}}',
      'slack',
      '<@U0123> & Agency &amp; Co',
    ],
    [
      'renders nested values',
      '{{client.assignee.name}} <{{client.assignee.email}}>',
      'none',
      'Ana <ana@agency.example>',
    ],
    ['renders numbers, including 0', 'ROAS {{metrics.roas}}, spend {{metrics.spend}}', 'none', 'ROAS 1.5, spend 0'],
    ['renders dates as ISO strings', '{{trigger.date}}', 'none', '2025-03-10T13:00:00.000Z'],
    ['renders a missing metric as empty', '[{{metrics.cpa}}]', 'none', '[]'],
    ['renders a missing trigger field as empty', '[{{trigger.nope}}]', 'none', '[]'],
    ['never re-scans a substituted value', '{{trigger.body}}', 'none', 'Please {{agency.name}}'],
    ['renders __proto__ as empty', '[{{__proto__}}][{{client.__proto__}}]', 'none', '[][]'],
    ['renders constructor as empty', '[{{client.constructor}}][{{trigger.constructor.name}}]', 'none', '[][]'],
    ['ignores inherited properties', '[{{trigger.toString}}][{{client.hasOwnProperty}}]', 'none', '[][]'],
    [
      'keeps a malformed expression as literal text, never evaluating it',
      "x{{constructor.constructor('return process')()}}y",
      'none',
      "x{{constructor.constructor('return process')()}}y",
    ],
    ['keeps an unclosed placeholder as text', 'Hi {{client.name', 'slack', 'Hi {{client.name'],
    [
      'renders several variables in one pass',
      '{{workflow.name}}:{{client.stage}}:{{client.health}}',
      'html',
      'Onboarding:onboarding:red',
    ],
  ])('%s', (_name, text, escape, expected) => {
    expect(renderTemplate(text, context, escape)).toBe(expected);
  });

  it('renders a client without assignee as empty', () => {
    const noAssignee: TemplateContext = { ...context, client: { name: 'Acme', stage: 'active', health: 'green' } };
    expect(renderTemplate('[{{client.assignee.name}}]', noAssignee, 'none')).toBe('[]');
  });

  it('does not read properties inherited through a prototype', () => {
    const trigger = Object.create({ secret: 'leak' }) as Record<string, unknown>;
    expect(renderTemplate('[{{trigger.secret}}]', { ...context, trigger }, 'none')).toBe('[]');
  });

  it('renders arrays and objects from trigger data readably', () => {
    const trigger = { tags: ['a', 'b'], data: { a: 1 } };
    expect(renderTemplate('{{trigger.tags}} {{trigger.data}}', { ...context, trigger }, 'none')).toBe('a, b {"a":1}');
  });
});
