import { createCipheriv, randomBytes, scryptSync } from 'node:crypto';
import type { Step } from '@automations/domain';
import { isSealedValue, openDefinition, openSteps, resealSteps, sealSteps } from './sealed-definition';
import { integrationSecretContext, SecretBox } from './secret-box';

const KEY_A = 'test-encryption-key-A';
const KEY_B = 'test-encryption-key-B';
const KEY_C = 'test-encryption-key-C';
const context = integrationSecretContext('7d0c2a52-3f7e-4d1b-9a57-0c2f0f9d3b11', 'slack');

/** A box in the first format (`v1.<iv>.<tag>.<ciphertext>`, no key id), as written before key ids existed. */
function sealV1(key: string, plaintext: string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', scryptSync(key, 'automations:secret-box:v1', 32), iv, {
    authTagLength: 16,
  });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    'v1',
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    ciphertext.toString('base64url'),
  ].join('.');
}

describe('SecretBox', () => {
  const box = new SecretBox(KEY_A);

  it('opens what it sealed; the sealed form names its key and does not contain the plaintext', () => {
    const sealed = box.seal('xoxb-plain-token-1234', context);
    expect(sealed).not.toContain('xoxb');
    expect(sealed.split('.')).toHaveLength(5);
    expect(sealed.startsWith(`v2.${box.keyId}.`)).toBe(true);
    expect(box.keyId).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(box.open(sealed, context)).toBe('xoxb-plain-token-1234');
  });

  it('uses a fresh IV every time; the key id depends on the key only', () => {
    expect(box.seal('same', context)).not.toBe(box.seal('same', context));
    expect(new SecretBox(KEY_A).keyId).toBe(box.keyId);
    expect(new SecretBox(KEY_B).keyId).not.toBe(box.keyId);
  });

  // [case, sealing key, opening box, context opened with, opens?]
  it.each<[string, string, () => SecretBox, string, boolean]>([
    ['same key', KEY_A, () => new SecretBox(KEY_A), context, true],
    ['another key', KEY_A, () => new SecretBox(KEY_B), context, false],
    ['current B, previous A: a box of A', KEY_A, () => new SecretBox(KEY_B, [KEY_A]), context, true],
    ['current B, previous A: a box of B', KEY_B, () => new SecretBox(KEY_B, [KEY_A]), context, true],
    [
      'current C, previous B: a box of A (two rotations ago)',
      KEY_A,
      () => new SecretBox(KEY_C, [KEY_B]),
      context,
      false,
    ],
    [
      'fromConfig with a previous key',
      KEY_A,
      () => SecretBox.fromConfig({ encryptionKey: KEY_B, encryptionKeyPrevious: KEY_A }),
      context,
      true,
    ],
    [
      'fromConfig without a previous key',
      KEY_A,
      () => SecretBox.fromConfig({ encryptionKey: KEY_B, encryptionKeyPrevious: undefined }),
      context,
      false,
    ],
    [
      'another context',
      KEY_A,
      () => new SecretBox(KEY_A),
      integrationSecretContext('7d0c2a52-3f7e-4d1b-9a57-0c2f0f9d3b11', 'openai'),
      false,
    ],
  ])('%s', (_case, sealingKey, opener, openContext, opens) => {
    const sealed = new SecretBox(sealingKey).seal('secret', context);
    if (opens) expect(opener().open(sealed, openContext)).toBe('secret');
    else expect(() => opener().open(sealed, openContext)).toThrow();
  });

  it('names the missing key when a box was sealed under a key it does not hold', () => {
    const sealed = new SecretBox(KEY_A).seal('secret', context);
    expect(() => new SecretBox(KEY_B).open(sealed, context)).toThrow(/unknown key .*ENCRYPTION_KEY_PREVIOUS/);
  });

  // [case, box, opening box, opens?]
  it.each<[string, string, SecretBox, boolean]>([
    ['v1 box of the current key', KEY_A, new SecretBox(KEY_A), true],
    ['v1 box of the previous key', KEY_A, new SecretBox(KEY_B, [KEY_A]), true],
    ['v1 box of a key not held', KEY_A, new SecretBox(KEY_B), false],
  ])('first-format box: %s', (_case, sealingKey, opener, opens) => {
    const sealed = sealV1(sealingKey, 'legacy-secret', context);
    if (opens) expect(opener.open(sealed, context)).toBe('legacy-secret');
    else expect(() => opener.open(sealed, context)).toThrow();
  });

  it.each<[string, string]>([
    ['not a box', 'Unsupported secret format'],
    ['v2.only.three', 'Unsupported secret format'],
    ['v9.a.b.c.d', 'Unsupported secret format'],
    ['', 'Unsupported secret format'],
  ])('refuses %j', (sealed, message) => {
    expect(() => box.open(sealed, context)).toThrow(message);
  });

  it('refuses a tampered box', () => {
    const [version, keyId, iv, tag, ciphertext] = box.seal('secret', context).split('.');
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0] ^= 1;
    expect(() => box.open([version, keyId, iv, tag, flipped.toString('base64url')].join('.'), context)).toThrow();
    expect(() =>
      box.open([version, keyId, iv, Buffer.alloc(8).toString('base64url'), ciphertext].join('.'), context),
    ).toThrow();
  });

  // [case, sealed by, current box, stale?]
  it.each<[string, () => string, SecretBox, boolean]>([
    ['box of the current key', () => new SecretBox(KEY_B).seal('x', context), new SecretBox(KEY_B, [KEY_A]), false],
    ['box of the previous key', () => new SecretBox(KEY_A).seal('x', context), new SecretBox(KEY_B, [KEY_A]), true],
    ['first-format box of the current key', () => sealV1(KEY_B, 'x', context), new SecretBox(KEY_B, [KEY_A]), true],
  ])('isStale and reseal: %s', (_case, seal, current, stale) => {
    const sealed = seal();
    expect(current.isStale(sealed)).toBe(stale);
    const resealed = current.reseal(sealed, context);
    expect(current.isStale(resealed)).toBe(false);
    expect(resealed).not.toBe(sealed);
    expect(new SecretBox(KEY_B).open(resealed, context)).toBe('x');
  });

  it('refuses an empty key', () => {
    expect(() => new SecretBox('')).toThrow('non-empty');
  });
});

describe('sealed definition fields', () => {
  const owner = {
    agencyId: '7d0c2a52-3f7e-4d1b-9a57-0c2f0f9d3b11',
    workflowId: '0b3cfa3e-96d7-4c4c-8d2e-2f5e8d1b8a10',
  };
  const steps: Step[] = [
    {
      id: 'mail',
      type: 'send_notification',
      config: { channel: 'email', recipients: ['alice@client.test', 'bob@client.test'], subject: 's', message: 'm' },
    },
    { id: 'task', type: 'create_task', config: { title: 'Call', priority: 'low' } },
    {
      id: 'b',
      type: 'branch',
      condition: { all: [{ field: 'client.stage', operator: 'exists' }] },
      then: [
        {
          id: 'inner',
          type: 'send_notification',
          config: { channel: 'email', recipients: ['carol@client.test'], message: 'm' },
        },
      ],
    },
  ];
  const boxA = new SecretBox(KEY_A);
  const boxB = new SecretBox(KEY_B, [KEY_A]);

  it('seals every sensitive value (branches included), leaving everything else readable, and opens them back', () => {
    const sealed = sealSteps(boxA, owner, steps);
    const text = JSON.stringify(sealed);
    expect(text).not.toContain('@client.test');
    expect(text).toContain('"title":"Call"');
    expect(isSealedValue((sealed[0] as { config: { recipients: unknown } }).config.recipients)).toBe(true);
    expect(openSteps(boxA, owner, sealed)).toEqual(steps);
    expect(openDefinition(boxA, owner, { name: 'n', steps: sealed })).toEqual({ name: 'n', steps });
    expect(sealSteps(boxA, owner, sealed)).toEqual(sealed);
  });

  it('plaintext values (rows from before encryption) read as they are', () => {
    expect(openSteps(boxA, owner, steps)).toEqual(steps);
  });

  it.each<[string, { agencyId: string; workflowId: string }]>([
    ['another workflow', { ...owner, workflowId: 'e4c8d0f2-1c52-4f0e-9d67-5b0b7b0f5e11' }],
    ['another agency', { ...owner, agencyId: 'e4c8d0f2-1c52-4f0e-9d67-5b0b7b0f5e11' }],
  ])('a sealed value copied to %s does not open', (_case, other) => {
    expect(() => openSteps(boxA, other, sealSteps(boxA, owner, steps))).toThrow();
  });

  it('a sealed value moved to another step does not open', () => {
    const sealed = sealSteps(boxA, owner, steps) as { config: { recipients: unknown } }[];
    const swapped = JSON.parse(JSON.stringify(sealed)) as Step[];
    (swapped[2] as { then: { config: { recipients: unknown } }[] }).then[0].config.recipients =
      sealed[0].config.recipients;
    expect(() => openSteps(boxA, owner, swapped)).toThrow();
  });

  // [case, stored steps, box, changed?]
  // [case, stored steps, box, current key alone, changed?, steps once opened]
  it.each<[string, () => Step[], SecretBox, SecretBox, boolean, Step[]]>([
    ['plaintext', () => steps, boxA, new SecretBox(KEY_A), true, steps],
    ['sealed under the current key', () => sealSteps(boxA, owner, steps), boxA, new SecretBox(KEY_A), false, steps],
    ['sealed under the previous key', () => sealSteps(boxA, owner, steps), boxB, new SecretBox(KEY_B), true, steps],
    ['no sensitive field', () => [steps[1]], boxB, new SecretBox(KEY_B), false, [steps[1]]],
  ])('resealSteps: %s', (_case, stored, box, currentOnly, changed, opened) => {
    const result = resealSteps(box, owner, stored());
    expect(result.changed).toBe(changed);
    expect(openSteps(currentOnly, owner, result.steps)).toEqual(opened);
    expect(JSON.stringify(result.steps)).not.toContain('@client.test');
  });
});
