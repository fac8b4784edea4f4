import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `ak_<prefix>_<secret>`. The prefix finds the row; only a SHA-256 of the
 * high-entropy secret is stored (a slow hash adds nothing for 256 random bits and would slow every request).
 */
export interface IssuedApiKey {
  plaintext: string;
  prefix: string;
  secretHash: string;
}

const KEY_PATTERN = /^ak_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;

export const ApiKeyCodec = {
  issue(): IssuedApiKey {
    const prefix = randomBytes(8).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    return { plaintext: `ak_${prefix}_${secret}`, prefix, secretHash: ApiKeyCodec.hashSecret(secret) };
  },

  parse(token: string): { prefix: string; secret: string } | null {
    const match = KEY_PATTERN.exec(token);
    return match ? { prefix: match[1], secret: match[2] } : null;
  },

  hashSecret(secret: string): string {
    return createHash('sha256').update(secret).digest('hex');
  },

  matches(secret: string, storedHash: string): boolean {
    const actual = Buffer.from(ApiKeyCodec.hashSecret(secret), 'hex');
    const expected = Buffer.from(storedHash, 'hex');
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  },
};
