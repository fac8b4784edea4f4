import { Module } from '@nestjs/common';
import { ApiMetrics } from '../metrics/api-metrics';
import { HealthController } from './health.controller';
import { ReadinessCheck } from './readiness-check.service';

@Module({
  controllers: [HealthController],
  providers: [{ provide: ApiMetrics, useFactory: () => new ApiMetrics() }, ReadinessCheck],
  exports: [ApiMetrics],
})
export class HealthModule {}
