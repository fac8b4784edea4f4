import { Module } from '@nestjs/common';
import { ApiMetrics } from '../metrics/api-metrics';
import { HealthController } from './health.controller';

@Module({ controllers: [HealthController], providers: [{ provide: ApiMetrics, useFactory: () => new ApiMetrics() }], exports: [ApiMetrics] })
export class HealthModule {}
