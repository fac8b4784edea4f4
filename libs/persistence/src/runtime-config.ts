import { assertProductionSecrets, DEV_ENCRYPTION_KEY, DEV_JWT_SECRET } from './production-secrets';

/** Environment configuration shared by the api, the worker and the CLI (PRODUCT.md §7). */
export interface RuntimeConfig {
  nodeEnv: string;
  port: number;
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  jwtSecret: string;
  jwtExpiresIn: string;
  encryptionKey: string;
  /** The key before the last rotation: still opens boxes, never seals (`rotate-keys` moves them to `encryptionKey`). */
  encryptionKeyPrevious: string | undefined;
  slackApiUrl: string | undefined;
  smtpUrl: string | undefined;
  emailFrom: string;
  openaiApiKey: string | undefined;
  openaiBaseUrl: string | undefined;
  openaiModel: string;
  approvalTimeoutMinutes: number;
  dedupeWindowSeconds: number;
  actionMaxAttempts: number;
  retryBackoffMs: number;
  inactivityScanSeconds: number;
  loopMaxDepth: number;
  loopMaxRunsPerHour: number;
  workerConcurrency: number;
  runRetentionDays: number;
  dbPoolSize: number;
  /** How long a worker owns a run it is advancing before another may take it over. */
  runLeaseSeconds: number;
  webDistDir: string | undefined;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

export function loadRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const nodeEnv = env.NODE_ENV || 'development';
  // Production refuses missing, development-valued or short (< 32 bytes) secrets, naming the variable.
  if (nodeEnv === 'production') assertProductionSecrets(env);
  return {
    nodeEnv,
    port: intFrom(env, 'PORT', 3000),
    databaseUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/automations',
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    queuePrefix: env.QUEUE_PREFIX || 'automations',
    jwtSecret: env.JWT_SECRET || DEV_JWT_SECRET,
    jwtExpiresIn: env.JWT_EXPIRES_IN || '12h',
    encryptionKey: env.ENCRYPTION_KEY || DEV_ENCRYPTION_KEY,
    encryptionKeyPrevious: env.ENCRYPTION_KEY_PREVIOUS || undefined,
    slackApiUrl: env.SLACK_API_URL || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    emailFrom: env.EMAIL_FROM || 'Automations <automations@localhost>',
    openaiApiKey: env.OPENAI_API_KEY || undefined,
    openaiBaseUrl: env.OPENAI_BASE_URL || undefined,
    openaiModel: env.OPENAI_MODEL || 'gpt-4o-mini',
    approvalTimeoutMinutes: intFrom(env, 'APPROVAL_TIMEOUT_MINUTES', 1440),
    dedupeWindowSeconds: intFrom(env, 'DEDUPE_WINDOW_SECONDS', 60),
    actionMaxAttempts: intFrom(env, 'ACTION_MAX_ATTEMPTS', 3),
    retryBackoffMs: intFrom(env, 'RETRY_BACKOFF_MS', 30000),
    inactivityScanSeconds: intFrom(env, 'INACTIVITY_SCAN_SECONDS', 60),
    loopMaxDepth: intFrom(env, 'LOOP_MAX_DEPTH', 5),
    loopMaxRunsPerHour: intFrom(env, 'LOOP_MAX_RUNS_PER_HOUR', 20),
    workerConcurrency: intFrom(env, 'WORKER_CONCURRENCY', 50),
    runRetentionDays: intFrom(env, 'RUN_RETENTION_DAYS', 90),
    dbPoolSize: intFrom(env, 'DB_POOL_SIZE', 20),
    runLeaseSeconds: intFrom(env, 'RUN_LEASE_SECONDS', 60),
    webDistDir: env.WEB_DIST_DIR || undefined,
  };
}
