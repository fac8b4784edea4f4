import bcrypt from 'bcryptjs';

const COST = 10;

/**
 * A hash of the same cost as real ones, checked when the email matches no account: every login spends one bcrypt
 * comparison, so the answer time does not tell which emails exist.
 */
export const DUMMY_PASSWORD_HASH = '$2b$10$uzkDmMiDHWRg0Fnm00HpG.NY9GLnH4uYrYrPf.oxMQEjNLjbnAaG.';

export const PasswordHasher = {
  hash(password: string): Promise<string> {
    return bcrypt.hash(password, COST);
  },
  verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(password, hash);
  },
};
