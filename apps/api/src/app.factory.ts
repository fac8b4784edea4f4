import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RuntimeConfig } from '@automations/persistence';
import { AppModule } from './app.module';
import { createFieldValidationPipe } from './common/field-validation.pipe';
import { ApiMetrics } from './modules/metrics/api-metrics';
import { setupOpenApi } from './openapi';
import { serveWebApp } from './web-app.static';

export const API_PREFIX = 'api/v1';
export const MAX_BODY_BYTES = 1024 * 1024;

/** Builds the HTTP application (used by main.ts and by the e2e tests). */
export async function createApiApp(config: RuntimeConfig, options: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: MAX_BODY_BYTES, trustProxy: true });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: options.logger === false ? false : ['error', 'warn', 'log'],
  });
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createFieldValidationPipe());
  const metrics = app.get(ApiMetrics);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions?.url ?? 'unmatched';
      metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
  app.enableShutdownHooks();
  setupOpenApi(app);
  if (config.webDistDir) await serveWebApp(app, config.webDistDir);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
