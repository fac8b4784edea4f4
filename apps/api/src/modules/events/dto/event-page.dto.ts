import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../common/page.dto';
import { EventDto } from './event.dto';

export class EventPageDto extends PageMetaDto {
  @ApiProperty({ type: [EventDto] }) items: EventDto[];
}
