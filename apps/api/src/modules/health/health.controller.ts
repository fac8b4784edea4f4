import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../../common/api-error';
import { Public } from '../../common/auth.decorators';
import { SECURITY_SETTINGS, type SecuritySettings } from '../../common/security-settings';
import { ApiMetrics } from '../metrics/api-metrics';
import { OpsMetricsCollector } from '../metrics/ops-metrics.collector';
import { ReadinessCheck } from './readiness-check.service';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether `Authorization: Bearer <token>` carries `expected` (compared in constant time). */
function bearerMatches(header: string | undefined, expected: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]), digest(expected));
}

/** Liveness, readiness (Postgres + Redis) and Prometheus metrics, at the root outside /api/v1. */
@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly readiness: ReadinessCheck,
    private readonly apiMetrics: ApiMetrics,
    private readonly opsMetrics: OpsMetricsCollector,
    @Inject(SECURITY_SETTINGS) private readonly security: SecuritySettings,
  ) {}

  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  @Get('health/ready')
  async ready(@Res() reply: FastifyReply) {
    const { ok, checks } = await this.readiness.run();
    void reply
      .status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .send({ status: ok ? 'ok' : 'unavailable', checks });
  }

  /**
   * Platform-wide figures, for the operator's Prometheus only: `Authorization: Bearer <METRICS_TOKEN>`. Without a
   * METRICS_TOKEN the route does not exist (404), so a deployment that never set one exposes nothing.
   */
  @Get('metrics')
  async metrics(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    if (!this.security.metricsToken) throw ApiError.notFound('Route GET /metrics');
    if (!bearerMatches(authorization, this.security.metricsToken))
      throw ApiError.unauthorized('GET /metrics needs Authorization: Bearer <METRICS_TOKEN>');
    // Only on success: an error answer is JSON.
    void reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8');
    // Queue depths, runs by status, pending approvals, open health alerts and step durations are read now.
    await this.opsMetrics.collect(this.apiMetrics);
    return this.apiMetrics.registry.metrics();
  }
}
