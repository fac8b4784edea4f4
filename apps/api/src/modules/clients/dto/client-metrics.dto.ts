import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../common/page.dto';
import { ClientMetricDto } from './client-metric.dto';
import { LatestMetricDto } from './latest-metric.dto';

/** Latest value per metric, and the history (newest `recordedAt` first) as a page. */
export class ClientMetricsDto extends PageMetaDto {
  @ApiProperty({ type: [LatestMetricDto] }) latest: LatestMetricDto[];
  @ApiProperty({ type: [ClientMetricDto] }) items: ClientMetricDto[];
}
