import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLogger, loadRuntimeConfig, NestPinoLogger } from '@automations/persistence';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadRuntimeConfig();
  // JSON lines in production (NODE_ENV=production or LOG_FORMAT=json), secrets redacted.
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: new NestPinoLogger(createLogger({ service: 'worker' })) });
  // SIGTERM/SIGINT close the BullMQ workers gracefully: in-flight jobs finish first.
  app.enableShutdownHooks();
  Logger.log(`Worker started (pid ${process.pid})`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  // A failed start is logged like everything else (JSON in production, secrets redacted), then the process exits.
  createLogger({ service: 'worker' }).fatal({ err: error, context: 'Bootstrap' }, 'failed to start');
  process.exit(1);
});
