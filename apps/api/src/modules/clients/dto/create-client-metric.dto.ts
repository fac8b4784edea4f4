import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNumber, IsString, Matches } from 'class-validator';
import { IsNotFuture, IsOptionalNonNullable } from '../../../common/validation.decorators';
import { METRIC_NAME_MESSAGE, METRIC_NAME_REGEX } from '../../events/event-types';

export class CreateClientMetricDto {
  @ApiProperty({ example: 'roas', pattern: METRIC_NAME_REGEX.source })
  @IsString()
  @Matches(METRIC_NAME_REGEX, { message: METRIC_NAME_MESSAGE })
  metric: string;

  @ApiProperty({ example: 1.8, description: 'A finite number' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a finite number' })
  value: number;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-03-02T09:00:00.000Z',
    description: 'When it was measured (default: now); not in the future',
  })
  @IsOptionalNonNullable()
  @IsISO8601({ strict: true })
  @IsNotFuture()
  recordedAt?: string;
}
