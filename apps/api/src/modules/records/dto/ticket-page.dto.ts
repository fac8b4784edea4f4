import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../common/page.dto';
import { TicketDto } from './ticket.dto';

export class TicketPageDto extends PageMetaDto {
  @ApiProperty({ type: [TicketDto] }) items: TicketDto[];
}
