import { ApiProperty } from '@nestjs/swagger';

export class MetricNameDto {
  @ApiProperty({
    example: 'roas',
    description: 'The metric name, as used in kpi_threshold triggers, {{metrics.<name>}} and conditions',
  })
  name: string;
  @ApiProperty({
    example: 'ROAS',
    description: 'A display label (the name itself for metrics that are not common ones)',
  })
  label: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'ratio',
    description: 'Display unit of common metrics: ratio, currency, percent or count; null when unknown',
  })
  unit: string | null;
  @ApiProperty({ example: true, description: 'One of the common metrics offered before any is recorded' })
  common: boolean;
  @ApiProperty({
    example: 12,
    description: 'Clients of the agency with at least one recorded value (0: never recorded)',
  })
  clients: number;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Newest recorded value of any client; null when never recorded',
  })
  lastRecordedAt: string | null;
}

export class MetricNamesDto {
  @ApiProperty({
    type: [MetricNameDto],
    description: 'Recorded metrics first (most clients first), then the common ones not recorded yet',
  })
  items: MetricNameDto[];
}
