import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, IsString, Matches } from 'class-validator';
import { METRIC_NAME_MESSAGE, METRIC_NAME_REGEX } from '../event-types';

/** `kpi.updated`: a new value of a client metric. It is stored as a client metric too, and `previousValue` is added. */
export class KpiUpdatedDataDto {
  @ApiProperty({ example: 'roas', pattern: METRIC_NAME_REGEX.source })
  @IsString()
  @Matches(METRIC_NAME_REGEX, { message: METRIC_NAME_MESSAGE })
  metric: string;

  @ApiProperty({ example: 1.8, description: 'A finite number' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a finite number' })
  value: number;
}
