import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { ToBoolean } from '../../../common/validation.decorators';

export class ClientLookupQuery {
  @ApiPropertyOptional({
    example: false,
    default: false,
    description: 'Return the client even when soft-deleted (otherwise 404)',
  })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  includeDeleted?: boolean;
}
