import { Global, Module } from '@nestjs/common';
import { OpsMetricsCollector } from './ops-metrics.collector';

/** The engine figures of `GET /metrics`, read at scrape time (the route itself is HealthController's). */
@Global()
@Module({ providers: [OpsMetricsCollector], exports: [OpsMetricsCollector] })
export class MetricsModule {}
