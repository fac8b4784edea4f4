import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditLog } from './audit-log.service';
import { AuditTrail } from './audit-trail.service';

@Global()
@Module({ controllers: [AuditController], providers: [AuditLog, AuditTrail], exports: [AuditLog] })
export class AuditModule {}
