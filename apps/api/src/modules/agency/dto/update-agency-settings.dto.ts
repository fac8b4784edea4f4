import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsOptionalNonNullable } from '../../../common/validation.decorators';
import { MAX_RUNS_PER_MINUTE_LIMIT } from '../agency.constants';

export class UpdateAgencySettingsDto {
  @ApiPropertyOptional({ example: 1200, minimum: 1, maximum: MAX_RUNS_PER_MINUTE_LIMIT })
  @IsOptionalNonNullable()
  @IsInt()
  @Min(1)
  @Max(MAX_RUNS_PER_MINUTE_LIMIT)
  maxRunsPerMinute?: number;
}
