import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadRuntimeConfig } from '@automations/persistence';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadRuntimeConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: ['error', 'warn', 'log'] });
  // SIGTERM/SIGINT close the BullMQ workers gracefully: in-flight jobs finish first.
  app.enableShutdownHooks();
  Logger.log(`Worker started (pid ${process.pid})`, 'Bootstrap');
}

void bootstrap();
