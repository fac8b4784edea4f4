import OpenAI, {
  APIConnectionError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  RateLimitError,
} from 'openai';
import { startOpenAiServer, type OpenAiServer } from './openai-server';

describe('startOpenAiServer (with the real openai client)', () => {
  let ai: OpenAiServer;
  const client = (apiKey = 'sk-test') => new OpenAI({ apiKey, baseURL: ai.baseUrl, maxRetries: 0, timeout: 5000 });
  const ask = (content: string, apiKey?: string) =>
    client(apiKey).chat.completions.create({
      model: 'gpt-test',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content },
      ],
    });

  beforeAll(async () => {
    ai = await startOpenAiServer();
  });
  afterEach(() => ai.reset());
  afterAll(async () => {
    await ai.close();
  });

  it('exposes a baseURL ending with /v1', () => {
    expect(ai.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it('answers a deterministic completion from the last user message and records the request', async () => {
    const completion = await ask('Please write a welcome note for Acme Corporation and its team');

    expect(completion.choices[0].message.content).toBe('Draft for Please write a welcome note for Acme Cor');
    expect(completion.model).toBe('gpt-test');
    const [request] = await ai.waitForRequests(1, 2000);
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer sk-test');
    expect(request.body).toMatchObject({
      model: 'gpt-test',
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user' }],
    });
  });

  it('answers a configured reply, fixed or computed from the request', async () => {
    ai.setReply('Fixed reply');
    await expect(ask('x')).resolves.toMatchObject({ choices: [{ message: { content: 'Fixed reply' } }] });
    ai.setReply((body) => `${body.messages.length} messages`);
    await expect(ask('x')).resolves.toMatchObject({ choices: [{ message: { content: '2 messages' } }] });
    ai.reset();
    await expect(ask('back to default')).resolves.toMatchObject({
      choices: [{ message: { content: 'Draft for back to default' } }],
    });
  });

  it('answers 401 for an invalid key', async () => {
    await expect(ask('x', 'sk-invalid')).rejects.toBeInstanceOf(AuthenticationError);
  });

  it.each([
    [500, InternalServerError],
    [429, RateLimitError],
    [400, BadRequestError],
    [401, AuthenticationError],
  ])('injects HTTP %s once (the client does not retry with maxRetries 0)', async (status, errorClass) => {
    ai.failNext(1, status);

    const error = await ask('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errorClass);
    expect((error as { status: number }).status).toBe(status);
    expect(ai.requests).toHaveLength(1);
    if (status === 429) expect((error as RateLimitError).headers.get('retry-after')).toBe('1');
    await expect(ask('ok again')).resolves.toMatchObject({ choices: [{ message: { content: 'Draft for ok again' } }] });
  });

  it('injects a dropped connection', async () => {
    ai.failNext(1, 'disconnect');
    await expect(ask('x')).rejects.toBeInstanceOf(APIConnectionError);
  });

  it('waitForRequests rejects with a clear message at its deadline', async () => {
    await expect(ai.waitForRequests(1, 50)).rejects.toThrow(
      'Timed out after 50 ms: expected 1 OpenAI request(s), received 0',
    );
  });
});
