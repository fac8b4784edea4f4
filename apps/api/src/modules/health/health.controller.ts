import { Controller, Get, Header, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth.decorators';
import { REDIS_CLIENT } from '../../common/runtime-config.token';
import { ApiMetrics } from '../metrics/api-metrics';
import { OpsMetricsCollector } from '../metrics/ops-metrics.collector';

async function check(probe: () => Promise<unknown>): Promise<'up' | 'down'> {
  try {
    await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]);
    return 'up';
  } catch {
    return 'down';
  }
}

/** Liveness, readiness (Postgres + Redis) and Prometheus metrics, at the root outside /api/v1. */
@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly apiMetrics: ApiMetrics,
    private readonly opsMetrics: OpsMetricsCollector,
  ) {}

  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  @Get('health/ready')
  async ready(@Res() reply: FastifyReply) {
    const [postgres, redis] = await Promise.all([check(() => this.dataSource.query('SELECT 1')), check(() => this.redis.ping())]);
    const ok = postgres === 'up' && redis === 'up';
    void reply.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).send({ status: ok ? 'ok' : 'unavailable', checks: { postgres, redis } });
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    // Queue depths, runs by status, pending approvals, open health alerts and step durations are read now.
    await this.opsMetrics.collect(this.apiMetrics);
    return this.apiMetrics.registry.metrics();
  }
}
