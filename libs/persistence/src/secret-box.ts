import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';

const KEY_SALT = 'automations:secret-box:v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

interface DerivedKey {
  id: string;
  key: Buffer;
}

const derivedKeys = new Map<string, DerivedKey>();

/** scrypt is deliberately slow: each distinct key string is derived once per process. */
function derive(encryptionKey: string): DerivedKey {
  let derived = derivedKeys.get(encryptionKey);
  if (!derived) {
    const key = scryptSync(encryptionKey, KEY_SALT, 32);
    // The key id names the key in a sealed box (so `open` picks the right one); it is a hash of the derived key, not the key.
    const id = createHash('sha256').update('automations:key-id').update(key).digest('base64url').slice(0, 8);
    derived = { id, key };
    derivedKeys.set(encryptionKey, derived);
  }
  return derived;
}

/**
 * AES-256-GCM for secrets at rest (integration tokens, SMTP URLs, API keys of providers, sensitive
 * fields of workflow definitions). Keys are derived with scrypt from `ENCRYPTION_KEY` (current) and
 * `ENCRYPTION_KEY_PREVIOUS` (read only, during a rotation), so the api, the worker and the CLI,
 * configured alike, open each other's boxes.
 *
 * Sealed form: `v2.<keyId>.<iv>.<tag>.<ciphertext>` (base64url); `keyId` says which key sealed it.
 * Boxes of the first format, `v1.<iv>.<tag>.<ciphertext>`, still open (current key first, then the
 * previous ones); `npm run cli -- rotate-keys` rewrites them. `context` is bound as additional
 * authenticated data: a box sealed for one row cannot be opened as another's.
 */
export class SecretBox {
  private readonly current: DerivedKey;
  private readonly all: DerivedKey[];

  constructor(encryptionKey: string, previousKeys: readonly (string | undefined)[] = []) {
    if (!encryptionKey) throw new Error('SecretBox needs a non-empty encryption key');
    this.current = derive(encryptionKey);
    const previous = previousKeys.filter((key): key is string => !!key && key !== encryptionKey).map(derive);
    this.all = [this.current, ...previous];
  }

  /** The box of a process: `ENCRYPTION_KEY` seals, `ENCRYPTION_KEY_PREVIOUS` (when set) still opens. */
  static fromConfig(config: { encryptionKey: string; encryptionKeyPrevious?: string }): SecretBox {
    return new SecretBox(config.encryptionKey, [config.encryptionKeyPrevious]);
  }

  /** Id of the key that seals (8 characters, also the second field of every box it seals). */
  get keyId(): string {
    return this.current.id;
  }

  seal(plaintext: string, context = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      'v2',
      this.current.id,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      ciphertext.toString('base64url'),
    ].join('.');
  }

  /** Throws when the box was sealed with a key this box does not hold, for another context, or was tampered with. */
  open(sealed: string, context = ''): string {
    const parts = typeof sealed === 'string' ? sealed.split('.') : [];
    if (parts[0] === 'v2' && parts.length === 5) {
      const [, keyId, iv, tag, ciphertext] = parts;
      const key = this.all.find((candidate) => candidate.id === keyId);
      if (!key)
        throw new Error(
          `Secret sealed with an unknown key (${keyId}): set ENCRYPTION_KEY_PREVIOUS to the key it was sealed with`,
        );
      return decrypt(key.key, iv, tag, ciphertext, context);
    }
    if (parts[0] === 'v1' && parts.length === 4) {
      const [, iv, tag, ciphertext] = parts;
      let failure: unknown;
      for (const key of this.all) {
        try {
          return decrypt(key.key, iv, tag, ciphertext, context);
        } catch (error) {
          failure = error;
        }
      }
      throw failure;
    }
    throw new Error('Unsupported secret format');
  }

  /** True when `sealed` is not a box of the current key (an older format, or sealed under a previous key). */
  isStale(sealed: string): boolean {
    const parts = sealed.split('.');
    return !(parts[0] === 'v2' && parts[1] === this.current.id);
  }

  /** Opens and seals again under the current key (a fresh IV; same context). */
  reseal(sealed: string, context = ''): string {
    return this.seal(this.open(sealed, context), context);
  }
}

function decrypt(key: Buffer, iv: string, tag: string, ciphertext: string, context: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

/** The context an integration's secret is sealed with (`integrations.secret_encrypted`). */
export function integrationSecretContext(agencyId: string, kind: string): string {
  return `integration:${agencyId}:${kind}`;
}
