import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import { type AppLogger, createLogger, NestPinoLogger, type RuntimeConfig } from '@automations/persistence';
import { AppModule } from './app.module';
import { createFieldValidationPipe } from './common/field-validation.pipe';
import { registerJsonBodyParser } from './common/json-body.parser';
import {
  registerRequestRateLimit,
  requestRateLimitFromEnv,
  type RequestRateLimitSettings,
} from './common/request-rate-limit';
import { securitySettingsFromEnv } from './common/security-settings';
import { registerWebSecurity } from './common/web-security';
import { ApiMetrics } from './modules/metrics/api-metrics';
import { setupOpenApi } from './openapi';
import { serveWebApp } from './web-app.static';

export const API_PREFIX = 'api/v1';
export const MAX_BODY_BYTES = 1024 * 1024;

export interface ApiAppOptions {
  /** false: no logs (tests); a logger: log through it; default: `createLogger` from the environment (JSON in production, redacted). */
  logger?: boolean | AppLogger;
  /** REST request limits per credential (default: API_RATE_LIMIT_PER_MINUTE, 1200 per minute; max 0 disables). */
  rateLimit?: RequestRateLimitSettings;
  /** Where TRUST_PROXY, METRICS_TOKEN, OUTBOUND_ALLOWED_HOSTS and the login/stream limits are read (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** Builds the HTTP application (used by main.ts and by the e2e tests). */
export async function createApiApp(
  config: RuntimeConfig,
  options: ApiAppOptions = {},
): Promise<NestFastifyApplication> {
  const logger =
    options.logger === false
      ? null
      : options.logger === undefined || options.logger === true
        ? createLogger({ service: 'api' })
        : options.logger;
  const env = options.env ?? process.env;
  const security = securitySettingsFromEnv(env);
  // Fastify logs through the same redacted logger; requests are logged once, on completion, without headers or bodies.
  // X-Forwarded-* are believed only from the proxies in TRUST_PROXY (none by default): request.ip is the socket's address.
  const adapter = new FastifyAdapter({
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: security.trustProxy === false ? false : security.trustProxy.join(','),
    ...(logger ? { loggerInstance: logger, logController: new LogController({ disableRequestLogging: true }) } : {}),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, security), adapter, {
    logger: logger ? new NestPinoLogger(logger) : false,
  });
  await registerWebSecurity(app);
  await registerRequestRateLimit(app, config, options.rateLimit ?? requestRateLimitFromEnv(env));
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
      metrics.httpDuration.observe(
        { method: request.method, route, status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
      if (logger) {
        const auth = request.headers.authorization
          ? /^Bearer\s+ak_/i.test(request.headers.authorization)
            ? 'api_key'
            : 'bearer'
          : 'none';
        request.log.info(
          {
            method: request.method,
            url: request.url,
            route,
            statusCode: reply.statusCode,
            responseTimeMs: Math.round(reply.elapsedTime),
            auth,
          },
          'request completed',
        );
      }
    });
  app.enableShutdownHooks();
  setupOpenApi(app);
  if (config.webDistDir) await serveWebApp(app, config.webDistDir);
  await app.init();
  // After init: Nest registers its own JSON parser there; ours replaces it.
  registerJsonBodyParser(app.getHttpAdapter().getInstance());
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
