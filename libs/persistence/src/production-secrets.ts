/** The development fallbacks of `loadRuntimeConfig`: fine on a laptop, refused when NODE_ENV=production. */
export const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me';
export const DEV_ENCRYPTION_KEY = 'dev-only-encryption-key-change-me';

/** Shortest secret accepted in production, in bytes (UTF-8): 256 bits for HS256 and the key derivation. */
export const MIN_PRODUCTION_SECRET_BYTES = 32;

/** A secret that production refuses to start with, and its development value (if any). */
export interface ProductionSecret {
  name: string;
  devValue?: string;
  /** Optional secrets are checked only when set (e.g. a previous key kept for rotation). */
  optional?: boolean;
}

export const PRODUCTION_SECRETS: readonly ProductionSecret[] = [
  { name: 'JWT_SECRET', devValue: DEV_JWT_SECRET },
  { name: 'ENCRYPTION_KEY', devValue: DEV_ENCRYPTION_KEY },
];

/**
 * Why these secrets cannot run production (empty when they can), one message per problem, each naming its
 * variable and never its value: missing, the published development value, or shorter than 32 bytes.
 * Pure: the api, the worker and the CLI call it through `loadRuntimeConfig`.
 */
export function productionSecretProblems(
  env: NodeJS.ProcessEnv,
  secrets: readonly ProductionSecret[] = PRODUCTION_SECRETS,
): string[] {
  const problems: string[] = [];
  for (const secret of secrets) {
    const value = env[secret.name];
    if (value === undefined || value === '') {
      if (!secret.optional) problems.push(`${secret.name} is required when NODE_ENV=production`);
      continue;
    }
    if (secret.devValue !== undefined && value === secret.devValue) {
      problems.push(
        `${secret.name} is the published development value; set a random secret of at least ${MIN_PRODUCTION_SECRET_BYTES} bytes (e.g. openssl rand -base64 48)`,
      );
      continue;
    }
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes < MIN_PRODUCTION_SECRET_BYTES) {
      problems.push(
        `${secret.name} is ${bytes} bytes; production needs at least ${MIN_PRODUCTION_SECRET_BYTES} (e.g. openssl rand -base64 48)`,
      );
    }
  }
  const jwt = env.JWT_SECRET;
  if (
    jwt &&
    jwt === env.ENCRYPTION_KEY &&
    secrets.some((s) => s.name === 'JWT_SECRET') &&
    secrets.some((s) => s.name === 'ENCRYPTION_KEY')
  ) {
    problems.push('JWT_SECRET and ENCRYPTION_KEY must be different secrets');
  }
  return problems;
}

/** Throws one error listing every problem of `productionSecretProblems`. */
export function assertProductionSecrets(
  env: NodeJS.ProcessEnv,
  secrets: readonly ProductionSecret[] = PRODUCTION_SECRETS,
): void {
  const problems = productionSecretProblems(env, secrets);
  if (problems.length > 0) throw new Error(`Refusing to start with NODE_ENV=production: ${problems.join('; ')}`);
}
