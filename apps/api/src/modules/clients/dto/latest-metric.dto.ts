import { ApiProperty } from '@nestjs/swagger';

/** The current value of one metric: the one with the latest `recordedAt`. */
export class LatestMetricDto {
  @ApiProperty({ example: 'roas' }) metric: string;
  @ApiProperty({ example: 1.8 }) value: number;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T09:00:00.000Z' }) recordedAt: string;
}
