import { integrationSecretContext, SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox('test-encryption-key');
  const context = integrationSecretContext('7d0c2a52-3f7e-4d1b-9a57-0c2f0f9d3b11', 'slack');

  it('opens what it sealed, and the sealed form does not contain the plaintext', () => {
    const sealed = box.seal('xoxb-plain-token-1234', context);
    expect(sealed).not.toContain('xoxb');
    expect(sealed).toMatch(/^v1\./);
    expect(box.open(sealed, context)).toBe('xoxb-plain-token-1234');
  });

  it('uses a fresh IV every time', () => {
    expect(box.seal('same', context)).not.toBe(box.seal('same', context));
  });

  it('refuses another key, another context and a tampered box', () => {
    const sealed = box.seal('secret', context);
    expect(() => new SecretBox('another-key').open(sealed, context)).toThrow();
    expect(() => box.open(sealed, integrationSecretContext('7d0c2a52-3f7e-4d1b-9a57-0c2f0f9d3b11', 'openai'))).toThrow();
    const [version, iv, tag, ciphertext] = sealed.split('.');
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0] ^= 1;
    expect(() => box.open([version, iv, tag, flipped.toString('base64url')].join('.'), context)).toThrow();
    expect(() => box.open('not a box', context)).toThrow('Unsupported secret format');
  });
});
