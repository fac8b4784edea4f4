import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { PaginationQuery } from '../../../common/pagination.query';
import { METRIC_NAME_MESSAGE, METRIC_NAME_REGEX } from '../../events/event-types';

export class ClientMetricsQuery extends PaginationQuery {
  @ApiPropertyOptional({ example: 'roas', description: 'Only the history of this metric' })
  @IsOptional()
  @IsString()
  @Matches(METRIC_NAME_REGEX, { message: METRIC_NAME_MESSAGE })
  metric?: string;
}
