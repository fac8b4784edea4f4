import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../common/page.dto';
import { AlertDto } from './alert.dto';

export class AlertPageDto extends PageMetaDto {
  @ApiProperty({ type: [AlertDto] }) items: AlertDto[];
}
