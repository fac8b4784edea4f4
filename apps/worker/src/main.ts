import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLogger, emittedErrors, loadRuntimeConfig, NestPinoLogger } from '@automations/persistence';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadRuntimeConfig();
  // JSON lines in production (NODE_ENV=production or LOG_FORMAT=json), secrets redacted.
  const logger = createLogger({ service: 'worker' });
  // Connection errors (Postgres, Redis, BullMQ) go to the same stream, redacted and rate-limited.
  emittedErrors.useLogger(logger.child({ context: 'ConnectionErrors' }));
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new NestPinoLogger(logger),
  });
  // SIGTERM/SIGINT close the BullMQ workers gracefully: in-flight jobs finish first.
  app.enableShutdownHooks();
  Logger.log(`Worker started (pid ${process.pid})`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  // A failed start is logged like everything else (JSON in production, secrets redacted), then the process exits.
  createLogger({ service: 'worker' }).fatal({ err: error, context: 'Bootstrap' }, 'failed to start');
  process.exit(1);
});
