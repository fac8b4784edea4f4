import type { FieldErrorDetail } from '../../common/api-error';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

/**
 * Why a new password is refused, or null (issue 11): at least MIN_PASSWORD_LENGTH characters, and neither the
 * account's email nor its local part (when 4+ characters) inside it, case-insensitively. `field` names the body field in the answer.
 */
export function passwordProblem(password: string, email: string, field = 'password'): FieldErrorDetail | null {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH)
    return { path: field, message: `must be at least ${MIN_PASSWORD_LENGTH} characters long` };
  if (password.length > MAX_PASSWORD_LENGTH)
    return { path: field, message: `must be at most ${MAX_PASSWORD_LENGTH} characters long` };
  const lower = password.toLowerCase();
  const address = email.trim().toLowerCase();
  const localPart = address.split('@')[0];
  if (lower.includes(address) || (localPart.length >= 4 && lower.includes(localPart)))
    return { path: field, message: 'must not contain the email address or its name part' };
  return null;
}

/** Thrown by the account provisioner (REST, CLI, demo seed) for a password that passwordProblem refuses. */
export class WeakPasswordError extends Error {
  constructor(readonly problem: FieldErrorDetail) {
    super(`${problem.path}: ${problem.message}`);
    this.name = 'WeakPasswordError';
  }
}
