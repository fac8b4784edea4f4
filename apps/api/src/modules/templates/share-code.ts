import { createHash, randomBytes } from 'node:crypto';

const SHARE_CODE_PREFIX = 'tpl_';
const SHARE_CODE_BYTES = 32;

/** A new share code: 256 random bits, base64url, with a prefix that says what it is when pasted elsewhere. */
export function newShareCode(): string {
  return SHARE_CODE_PREFIX + randomBytes(SHARE_CODE_BYTES).toString('base64url');
}

/** What is stored and looked up: the SHA-256 of the code (the code itself is never stored). */
export function hashShareCode(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}
