import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CLIENT_HEALTH, ClientHealth } from '@automations/domain';
import { PaginationQuery } from '../../../common/pagination.query';
import { ToBoolean } from '../../../common/validation.decorators';

export class ClientsQuery extends PaginationQuery {
  @ApiPropertyOptional({ example: 'acme', description: 'Part of the name, case-insensitive' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
  @ApiPropertyOptional({ example: 'onboarding' }) @IsOptional() @IsString() @MaxLength(64) stage?: string;
  @ApiPropertyOptional({ enum: CLIENT_HEALTH, example: 'red' })
  @IsOptional()
  @IsIn(CLIENT_HEALTH)
  health?: ClientHealth;
  @ApiPropertyOptional({ example: false, default: false, description: 'Also list soft-deleted clients' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  includeDeleted?: boolean;
}
