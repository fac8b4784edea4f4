import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsOptionalNonNullable } from '../../../common/validation.decorators';

export const DEFAULT_SHARE_DAYS = 30;
export const MAX_SHARE_DAYS = 90;

export class ShareTemplateDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_SHARE_DAYS,
    default: DEFAULT_SHARE_DAYS,
    description: 'Days until the code stops working',
  })
  @IsOptionalNonNullable()
  @IsInt()
  @Min(1)
  @Max(MAX_SHARE_DAYS)
  expiresInDays?: number;
}
