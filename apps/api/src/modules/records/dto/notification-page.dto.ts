import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../common/page.dto';
import { NotificationDto } from './notification.dto';

export class NotificationPageDto extends PageMetaDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
}
