import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

const VERSION = 'v1';
const KEY_SALT = 'automations:secret-box:v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM for secrets at rest (integration tokens, SMTP URLs, API keys of providers).
 * The key is derived once with scrypt from `RuntimeConfig.encryptionKey`, so the api and the
 * worker, configured with the same ENCRYPTION_KEY, open each other's boxes.
 *
 * Sealed form: `v1.<iv>.<tag>.<ciphertext>` (base64url). `context` is bound as additional
 * authenticated data: a box sealed for one row cannot be opened as another's (use
 * `integrationSecretContext` for integration secrets).
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(encryptionKey: string) {
    if (!encryptionKey) throw new Error('SecretBox needs a non-empty encryption key');
    this.key = scryptSync(encryptionKey, KEY_SALT, 32);
  }

  seal(plaintext: string, context = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  /** Throws when the box was sealed with another key or context, or was tampered with. */
  open(sealed: string, context = ''): string {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined) throw new Error('Unsupported secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/** The context an integration's secret is sealed with (`integrations.secret_encrypted`). */
export function integrationSecretContext(agencyId: string, kind: string): string {
  return `integration:${agencyId}:${kind}`;
}
