import type { DraftInput } from './communication-drafter';
import { TemplateDrafter } from './template-drafter';

function input(overrides: Partial<DraftInput> = {}): DraftInput {
  return {
    platform: 'email',
    tone: 'professional',
    template: 'Thank you for choosing us.\nLet us schedule a kickoff call next week.',
    client: { name: 'Acme Corp', stage: 'onboarding', health: 'good' },
    trigger: { type: 'client.created' },
    agencyName: 'Bright Agency',
    ...overrides,
  };
}

describe('TemplateDrafter', () => {
  const drafter = new TemplateDrafter();

  it('writes an email with a greeting, the instructions as body and a sign-off with the agency', async () => {
    const draft = await drafter.draft(input());

    expect(draft).toEqual({
      generator: 'template',
      subject: 'Thank you for choosing us',
      content: [
        'Hello Acme Corp,',
        'I hope this message finds you well.',
        'Thank you for choosing us.\nLet us schedule a kickoff call next week.',
        'Best regards,\nBright Agency',
      ].join('\n\n'),
    });
    expect(draft.model).toBeUndefined();
  });

  it('is deterministic: the same input gives the same draft', async () => {
    const first = await drafter.draft(input({ tone: 'empathetic', trigger: { at: '2025-01-01' } }));
    const second = await new TemplateDrafter().draft(input({ tone: 'empathetic', trigger: { at: '2025-01-01' } }));
    expect(second).toEqual(first);
  });

  it('varies greeting, opener and sign-off with the tone', async () => {
    const drafts = await Promise.all(
      ['friendly', 'professional', 'formal', 'casual', 'empathetic'].map((tone) => drafter.draft(input({ tone }))),
    );
    expect(new Set(drafts.map((d) => d.content)).size).toBe(5);
    expect(drafts[2].content).toMatch(/^Dear Acme Corp,/);
    expect(drafts[2].content).toMatch(/Kind regards,\nBright Agency$/);
    expect(drafts[3].content).toMatch(/^Hey Acme Corp,/);
  });

  it('writes a compact Slack message and signs with the assignee when there is one', async () => {
    const draft = await drafter.draft(
      input({
        platform: 'slack',
        tone: 'friendly',
        client: { name: 'Acme Corp', stage: 'active', health: 'good', assigneeName: 'Jane Doe' },
      }),
    );

    expect(draft.content).toBe(
      [
        'Hi Acme Corp! I hope you are doing well!',
        'Thank you for choosing us.\nLet us schedule a kickoff call next week.',
        'Cheers, Jane Doe (Bright Agency)',
      ].join('\n\n'),
    );
  });

  it('keeps names on one line, falls back for an unknown tone and an empty name', async () => {
    const draft = await drafter.draft(
      input({ tone: 'sarcastic', client: { name: ' Acme\r\nCorp ', stage: 'x', health: 'y' } }),
    );
    expect(draft.content.split('\n')[0]).toBe('Hello Acme Corp,');

    const anonymous = await drafter.draft(input({ client: { name: '  ', stage: 'x', health: 'y' } }));
    expect(anonymous.content.split('\n')[0]).toBe('Hello there,');
  });
});
