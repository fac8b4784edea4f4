import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { RuntimeConfig } from '@automations/persistence';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { SECURITY_SETTINGS, type SecuritySettings, securitySettingsFromEnv } from './common/security-settings';
import { InfrastructureModule } from './common/infrastructure.module';
import { AccountsModule } from './modules/accounts/accounts.module';
import { AnalyticsModule } from './modules/analytics/analytics.module';
import { AgencyModule } from './modules/agency/agency.module';
import { AuditModule } from './modules/audit/audit.module';
import { EngineModule } from './modules/engine/engine.module';
import { AuthModule } from './modules/auth/auth.module';
import { ClientsModule } from './modules/clients/clients.module';
import { EventsModule } from './modules/events/events.module';
import { HealthModule } from './modules/health/health.module';
import { IntegrationsModule } from './modules/integrations/integrations.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { RecordsModule } from './modules/records/records.module';
import { RunsModule } from './modules/runs/runs.module';
import { WorkflowsModule } from './modules/workflows/workflows.module';
import { PreviewModule } from './modules/preview/preview.module';
import { StreamModule } from './modules/stream/stream.module';
import { TemplatesModule } from './modules/templates/templates.module';

@Module({})
export class AppModule {
  static forRoot(config: RuntimeConfig, security: SecuritySettings = securitySettingsFromEnv()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(config),
        AuthModule,
        EngineModule,
        AuditModule,
        AccountsModule,
        WorkflowsModule,
        TemplatesModule,
        PreviewModule,
        RunsModule,
        AnalyticsModule,
        ClientsModule,
        EventsModule,
        RecordsModule,
        IntegrationsModule,
        AgencyModule,
        HealthModule,
        MetricsModule,
        StreamModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        { provide: SECURITY_SETTINGS, useValue: security },
      ],
      exports: [SECURITY_SETTINGS],
      global: true,
    };
  }
}
