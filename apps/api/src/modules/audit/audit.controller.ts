import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CurrentPrincipal } from '../../common/auth.decorators';
import { PageMetaDto } from '../../common/page.dto';
import { PaginationQuery } from '../../common/pagination.query';
import type { Principal } from '../../common/principal';
import { AuditTrail } from './audit-trail.service';

export class AuditQuery extends PaginationQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() workflowId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() clientId?: string;
  @ApiPropertyOptional({ example: 'workflow.created' }) @IsOptional() @IsString() @MaxLength(64) eventType?: string;
}

export class AuditEventDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) workflowId: string | null;
  @ApiProperty({ example: 'workflow.created' }) eventType: string;
  @ApiProperty({ enum: ['user', 'api_key', 'system'] }) actorType: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) clientId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { version: 2, changed: ['steps'] } })
  details: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class AuditPageDto extends PageMetaDto {
  @ApiProperty({ type: [AuditEventDto] }) items: AuditEventDto[];
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly auditTrail: AuditTrail) {}

  @Get()
  @ApiOperation({ summary: 'Audit trail of the agency, newest first' })
  @ApiOkResponse({ type: AuditPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: AuditQuery) {
    const { workflowId, clientId, eventType, page, pageSize } = query;
    return this.auditTrail.page(principal.agencyId, { workflowId, clientId, eventType }, { page, pageSize });
  }
}
