import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { createLogger, emittedErrors, loadRuntimeConfig } from '@automations/persistence';
import { createApiApp } from './app.factory';

async function bootstrap(): Promise<void> {
  const config = loadRuntimeConfig();
  // Errors connections emit (a killed Postgres backend, a Redis restart) are logged as the API's, redacted and rate-limited.
  emittedErrors.useLogger(createLogger({ service: 'api' }).child({ context: 'ConnectionErrors' }));
  const webDistDir = config.webDistDir ?? join(__dirname, '..', 'web');
  const app = await createApiApp({ ...config, webDistDir });
  await app.listen({ port: config.port, host: '0.0.0.0' });
  Logger.log(`API listening on http://127.0.0.1:${config.port} (docs at /api/docs)`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  // A failed start is logged like everything else (JSON in production, secrets redacted), then the process exits.
  createLogger({ service: 'api' }).fatal({ err: error, context: 'Bootstrap' }, 'failed to start');
  process.exit(1);
});
