import { startOpenAiServer, type OpenAiServer } from '@automations/testing';
import { createCommunicationDrafter, DEFAULT_OPENAI_MODEL } from './communication-drafter.factory';
import { OpenAiDrafter } from './openai-drafter';
import { TemplateDrafter } from './template-drafter';

describe('createCommunicationDrafter', () => {
  let ai: OpenAiServer;
  const input = {
    platform: 'email' as const,
    tone: 'friendly',
    template: 'Say hello.',
    client: { name: 'Acme', stage: 'active', health: 'good' },
    trigger: {},
    agencyName: 'Bright Agency',
  };

  beforeAll(async () => {
    ai = await startOpenAiServer({ reply: 'Hello from the model' });
  });
  afterAll(async () => {
    await ai.close();
  });

  it('uses OpenAI when an API key is configured', async () => {
    // The local server is on loopback: as the operator's OPENAI_BASE_URL it is not address-checked.
    const drafter = createCommunicationDrafter({
      apiKey: 'sk-test',
      baseUrl: ai.baseUrl,
      model: 'gpt-test',
      env: { OPENAI_BASE_URL: ai.baseUrl },
    });

    expect(drafter).toBeInstanceOf(OpenAiDrafter);
    await expect(drafter.draft(input)).resolves.toEqual({
      content: 'Hello from the model',
      generator: 'openai',
      model: 'gpt-test',
      subject: 'Say hello',
    });
  });

  it('defaults the model', async () => {
    await createCommunicationDrafter({
      apiKey: 'sk-test',
      baseUrl: ai.baseUrl,
      model: '',
      env: { OPENAI_BASE_URL: ai.baseUrl },
    }).draft(input);
    expect(ai.requests.at(-1)?.body.model).toBe(DEFAULT_OPENAI_MODEL);
  });

  it.each([undefined, null, '', '   '])(
    'falls back to the template drafter without an API key (%j)',
    async (apiKey) => {
      const drafter = createCommunicationDrafter({ apiKey, baseUrl: ai.baseUrl, model: 'gpt-test' });

      expect(drafter).toBeInstanceOf(TemplateDrafter);
      const requestsBefore = ai.requests.length;
      await expect(drafter.draft(input)).resolves.toMatchObject({ generator: 'template' });
      expect(ai.requests).toHaveLength(requestsBefore);
    },
  );
});
