import bcrypt from 'bcryptjs';

const COST = 10;

export const PasswordHasher = {
  hash(password: string): Promise<string> {
    return bcrypt.hash(password, COST);
  },
  verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(password, hash);
  },
};
